"""Durations as people read them."""

from __future__ import annotations


def short_duration(seconds: int) -> str:
    """Whole seconds as people read a duration: `3h 12m`, `3h`, `4m 10s`, `4m`, `12s`."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m {secs}s" if secs else f"{minutes}m"
    return f"{secs}s"
