"""OAuth connections: the scopes an application may ask for, its record, what it was granted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Each scope, in the words a consent page uses to tell a person what they are sharing.
SCOPES: dict[str, str] = {
    "time_data": "the time you spent: applications, websites and documents, with durations",
    "category_data": "how your time splits across categories",
    "productivity_data": "how your time splits across productivity levels",
    "alert_data": "your alerts and when they fired",
    "highlight_data": "your highlights, and adding new ones",
    "focustime_data": "your FocusTime sessions, and starting or ending them",
}


def parse_scopes(text: str | None) -> tuple[str, ...]:
    """Scopes from a space- or comma-separated string, known ones only, in catalog order."""
    asked = set((text or "").replace(",", " ").split())
    return tuple(s for s in SCOPES if s in asked)


@dataclass(frozen=True, slots=True)
class OAuthClient:
    """A registered application that may ask people for access."""

    id: int
    client_id: str
    name: str
    redirect_uris: tuple[str, ...]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuthorizationCode:
    """A single-use code a person's consent produced, valid for a few minutes."""

    client_id: str
    user_id: int
    redirect_uri: str
    scope: str
    code_challenge: str | None
    code_challenge_method: str | None
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AccessGrant:
    """An access token's record: who let which application read what."""

    id: int
    user_id: int
    client_id: str
    client_name: str
    scopes: tuple[str, ...]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """Whether the token is still accepted."""
        return self.revoked_at is None
