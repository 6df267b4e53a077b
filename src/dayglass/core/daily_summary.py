"""The Daily Summary Feed's 59 keys, computed from seconds per productivity level and overview.

Rounding and formatting follow recorded RescueTime answers (wire-format.md section 4).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from dayglass.core.pulse import pulse

# Top-level categories as daily summaries name them, in the feed's order.
OVERVIEW_KEYS = (
    "uncategorized",
    "business",
    "communication_and_scheduling",
    "social_networking",
    "design_and_composition",
    "entertainment",
    "news",
    "software_development",
    "reference_and_learning",
    "shopping",
    "utilities",
)
LEVEL_KEYS = (
    ("very_productive", 2),
    ("productive", 1),
    ("neutral", 0),
    ("distracting", -1),
    ("very_distracting", -2),
)
PART_KEYS = (
    *(name for name, _ in LEVEL_KEYS),
    "all_productive",
    "all_distracting",
    *OVERVIEW_KEYS,
)


def _half_up(value: float, places: int) -> float:
    scale = 10**places
    return math.floor(value * scale + 0.5) / scale


def duration_formatted(seconds: int) -> str:
    """`12h 12m`, `3h`, `43m 30s`, `41s` or `no time`: minutes floored, seconds dropped past 1h."""
    return "no time" if seconds <= 0 else short_duration(seconds)


def short_duration(seconds: int) -> str:
    """Whole seconds as people read a duration: `3h 12m`, `3h`, `4m 10s`, `4m`, `12s`."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m {secs}s" if secs else f"{minutes}m"
    return f"{secs}s"


def part_seconds(by_level: Mapping[int, int], by_overview_key: Mapping[str, int]) -> dict[str, int]:
    """Seconds of each of the 18 parts of a day, and `total` (the sum over levels)."""
    parts = {name: by_level.get(level, 0) for name, level in LEVEL_KEYS}
    parts["all_productive"] = parts["very_productive"] + parts["productive"]
    parts["all_distracting"] = parts["very_distracting"] + parts["distracting"]
    parts.update({key: by_overview_key.get(key, 0) for key in OVERVIEW_KEYS})
    parts["total"] = sum(by_level.values())
    return parts


def summary_object(day: date, midnight_unix: int, parts: Mapping[str, int]) -> dict[str, Any]:
    """The feed object of one day: id, date, pulse, 18 percentages, 19 hours, 19 durations."""
    total = parts["total"]
    levels = {level: parts[name] for name, level in LEVEL_KEYS}
    value = pulse(levels)
    summary: dict[str, Any] = {
        "id": midnight_unix,
        "date": day.isoformat(),
        "productivity_pulse": 0 if value is None else math.floor(value + 0.5),
    }
    for key in PART_KEYS:
        share = parts[key] / total * 100 if total else 0.0
        summary[f"{key}_percentage"] = _half_up(share, 1)
    for key in ("total", *PART_KEYS):
        summary[f"{key}_hours"] = _half_up(parts[key] / 3600, 2)
    for key in ("total", *PART_KEYS):
        summary[f"{key}_duration_formatted"] = duration_formatted(parts[key])
    return summary
