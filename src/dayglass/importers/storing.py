"""Storing imported events through the IngestService, in batches it accepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dayglass.services.event_schema import MAX_APP, MAX_EVENTS, MAX_TITLE, MAX_URL
from dayglass.services.ingest import IngestService


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    """One span of time to store: when (aware), how long, and what it went to."""

    id: str
    start: datetime
    seconds: float
    app: str
    title: str = ""
    url: str | None = None

    def wire(self) -> dict[str, Any]:
        """The event as the ingest batch takes it (texts cut to what the server accepts)."""
        body: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "duration": float(self.seconds),
            "app": _clean(self.app, MAX_APP) or "unknown",
            "title": _clean(self.title, MAX_TITLE),
        }
        if self.url:
            body["url"] = _clean(self.url, MAX_URL)
        return body


def _clean(text: str, limit: int) -> str:
    # PostgreSQL text holds no NUL; the server refuses an event whose texts are too long.
    return text.replace("\x00", "")[:limit]


@dataclass
class StoreTally:
    """What storing added up to."""

    stored: int = 0
    duplicates: int = 0
    rejected: int = 0


def store_events(
    ingest: IngestService,
    user_id: int,
    device: str,
    events: Sequence[ImportedEvent],
    tally: StoreTally,
) -> None:
    """Store events on the user's device, at most MAX_EVENTS a batch."""
    for low in range(0, len(events), MAX_EVENTS):
        batch = [e.wire() for e in events[low : low + MAX_EVENTS]]
        result = ingest.ingest(user_id, {"device": device, "events": batch})
        tally.stored += result.stored
        tally.duplicates += result.duplicates
        tally.rejected += len(result.rejected)
