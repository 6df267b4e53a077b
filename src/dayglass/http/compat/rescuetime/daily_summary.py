"""The Daily Summary Feed's 59-key object of one closed day.

Rounding and formatting follow recorded RescueTime answers (wire-format.md section 4).
"""

from __future__ import annotations

import math
from typing import Any

from dayglass.core.day_parts import LEVEL_PARTS, DaySummary
from dayglass.core.durations import short_duration
from dayglass.core.pulse import pulse
from dayglass.core.timestamps import local_midnight_unix

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
PART_KEYS = (
    *(name for name, _ in LEVEL_PARTS),
    "all_productive",
    "all_distracting",
    *OVERVIEW_KEYS,
)


def _half_up(value: float, places: int) -> float:
    scale = 10.0**places
    return math.floor(value * scale + 0.5) / scale


def duration_formatted(seconds: int) -> str:
    """`12h 12m`, `3h`, `43m 30s`, `41s` or `no time`: minutes floored, seconds dropped past 1h."""
    return "no time" if seconds <= 0 else short_duration(seconds)


def summary_object(summary: DaySummary) -> dict[str, Any]:
    """The feed object of one day: id, date, pulse, 18 percentages, 19 hours, 19 durations."""
    seconds = {key: summary.parts.get(key, 0) for key in ("total", *PART_KEYS)}
    total = seconds["total"]
    value = pulse({level: seconds[name] for name, level in LEVEL_PARTS})
    found: dict[str, Any] = {
        # RescueTime's id of a day is the unix time of its local midnight.
        "id": local_midnight_unix(summary.day, summary.zone),
        "date": summary.day.isoformat(),
        "productivity_pulse": 0 if value is None else math.floor(value + 0.5),
    }
    for key in PART_KEYS:
        share = seconds[key] / total * 100 if total else 0.0
        found[f"{key}_percentage"] = _half_up(share, 1)
    for key in ("total", *PART_KEYS):
        found[f"{key}_hours"] = _half_up(seconds[key] / 3600, 2)
    for key in ("total", *PART_KEYS):
        found[f"{key}_duration_formatted"] = duration_formatted(seconds[key])
    return found
