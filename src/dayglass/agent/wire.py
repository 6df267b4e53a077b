"""Queued events as `POST /api/v1/events` wants them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dayglass.agent.queue import QueuedEvent


def local_start(start_ms: int) -> str:
    """RFC 3339 with the device's UTC offset at that moment (reports count local time)."""
    moment = datetime.fromtimestamp(start_ms / 1000, tz=UTC).astimezone()
    return moment.isoformat(timespec="milliseconds")


def event_json(event: QueuedEvent) -> dict[str, Any]:
    """One event of a batch."""
    span = event.attention
    return {
        "id": event.id,
        "start": local_start(span.start_ms),
        "duration": span.duration_ms / 1000,
        "app": span.sample.app,
        "title": span.sample.title,
        "url": span.sample.url,
    }


def batch_json(device: str, events: list[QueuedEvent]) -> dict[str, Any]:
    """A batch from this device."""
    return {"device": device, "source_type": "computers", "events": [event_json(e) for e in events]}
