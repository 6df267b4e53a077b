"""ActivityWatch events as the importer keeps them: integer milliseconds and two texts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple


class AwEvent(NamedTuple):
    """A span of a bucket: a window's app and title, an AFK status, or a tab's url and title."""

    start_ms: int
    end_ms: int
    a: str
    b: str


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def read_event(raw: Any) -> AwEvent | None:
    """An event from its JSON object (None when it holds no time).

    The first text is a window's app, an AFK status or a tab's url (each bucket type has one
    of them), so an event reads the same before its bucket's type is known.
    """
    if not isinstance(raw, dict):
        return None
    try:
        start = datetime.fromisoformat(str(raw["timestamp"]))
        seconds = float(raw.get("duration") or 0)
    except (KeyError, ValueError, TypeError):
        return None
    if start.tzinfo is None or seconds <= 0:
        return None
    data = raw.get("data")
    data = data if isinstance(data, dict) else {}
    start_ms = round(start.timestamp() * 1000)
    end_ms = start_ms + round(seconds * 1000)
    first = data.get("app", data.get("status", data.get("url")))
    return AwEvent(start_ms, end_ms, _text(first), _text(data.get("title")))
