"""Events as the server keeps them, after validation and naming."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class AcceptedEvent(NamedTuple):
    """A valid event, named, with times in integer milliseconds (a tuple: made by the thousand)."""

    client_id: str
    start_ms: int  # UTC
    duration_ms: int
    utc_offset_min: int
    app: str
    title: str
    url: str | None
    activity: str
    document: str

    @property
    def end_ms(self) -> int:
        """When the event ended, UTC milliseconds."""
        return self.start_ms + self.duration_ms


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why an event of a batch was not stored."""

    index: int
    id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What became of a batch."""

    stored: int
    duplicates: int
    rejected: tuple[Rejection, ...]
    # The devices' local days the batch added time to (the server's own; not on the wire).
    days: frozenset[date] = frozenset()
