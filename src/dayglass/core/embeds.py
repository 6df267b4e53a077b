"""Embed keys: read-only keys bound to exactly one report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy


@dataclass(frozen=True, slots=True)
class EmbeddedReport:
    """The fixed question an embed key answers: a range of local days, a grouping, a cut."""

    begin: str  # YYYY-MM-DD
    end: str
    group_by: GroupBy
    resolution: Resolution


@dataclass(frozen=True, slots=True)
class EmbedKey:
    """An embed key as listed: never the key itself."""

    id: int
    user_id: int
    label: str
    prefix: str
    report: EmbeddedReport
    allow_raw: bool
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """Whether the key still answers."""
        return self.revoked_at is None
