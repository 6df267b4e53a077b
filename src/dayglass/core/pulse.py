"""The productivity pulse, 0 to 100."""

from __future__ import annotations

from collections.abc import Mapping


def pulse(seconds_by_level: Mapping[int, float]) -> float | None:
    """(vd*0 + d*1 + n*2 + p*3 + vp*4) / (total*4) * 100, unrounded; None for no time."""
    total = sum(seconds_by_level.values())
    if total <= 0:
        return None
    weighted = sum((level + 2) * seconds for level, seconds in seconds_by_level.items())
    return weighted / (total * 4) * 100
