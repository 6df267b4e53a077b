"""Pausing: the agent records nothing until a moment, or until resumed."""

from __future__ import annotations

import re

from dayglass.agent.queue import Queue
from dayglass.core.errors import InvalidInput

PAUSED_UNTIL = "paused_until"  # state key: UTC milliseconds, or FOREVER
FOREVER = "until-resumed"
_UNITS = {"h": 3_600_000, "m": 60_000, "s": 1_000}
_PART = re.compile(r"(\d+)\s*([hms])")


def parse_duration(text: str) -> int:
    """Milliseconds in a duration such as `30m`, `2h`, `1h30m` or `90s`."""
    compact = text.strip().lower()
    parts = _PART.findall(compact)
    if not parts or _PART.sub("", compact).strip():
        raise InvalidInput(f"not a duration: {text!r} (say 30m, 2h, 1h30m or 90s)")
    return sum(int(amount) * _UNITS[unit] for amount, unit in parts)


def pause(queue: Queue, now_ms: int, duration_ms: int | None) -> None:
    """Pause from now for duration_ms, or until resumed when it is None."""
    queue.put(PAUSED_UNTIL, FOREVER if duration_ms is None else str(now_ms + duration_ms))


def resume(queue: Queue) -> None:
    """Record again."""
    queue.put(PAUSED_UNTIL, None)


def paused(value: str | None, now_ms: int) -> bool:
    """Whether a paused_until state value means paused at now_ms."""
    if value is None:
        return False
    return value == FOREVER or now_ms < int(value)
