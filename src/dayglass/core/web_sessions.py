"""A signed-in browser session as the server keeps it (the token itself only in the cookie)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class WebSession:
    """One signed-in browser: whose, since when, last seen when, and which browser said so."""

    user_id: int
    token_hash: str
    created_at: datetime
    last_seen_at: datetime
    user_agent: str
