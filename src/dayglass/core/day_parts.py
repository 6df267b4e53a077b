"""A day's seconds split into parts: per productivity level, each side of neutral, per overview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

# Each productivity level's part of a day, most productive first.
LEVEL_PARTS = (
    ("very_productive", 2),
    ("productive", 1),
    ("neutral", 0),
    ("distracting", -1),
    ("very_distracting", -2),
)


@dataclass(frozen=True, slots=True)
class DaySummary:
    """A closed local day as frozen when it ended: its zone and its seconds per part."""

    day: date
    zone: str
    parts: Mapping[str, int]


def part_seconds(by_level: Mapping[int, int], by_overview_key: Mapping[str, int]) -> dict[str, int]:
    """Seconds per part: each level, both sides, each overview key given, and `total`."""
    parts = {name: by_level.get(level, 0) for name, level in LEVEL_PARTS}
    parts["all_productive"] = parts["very_productive"] + parts["productive"]
    parts["all_distracting"] = parts["very_distracting"] + parts["distracting"]
    parts.update(by_overview_key)
    parts["total"] = sum(by_level.values())
    return parts
