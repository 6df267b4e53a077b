"""A day's seconds split into parts: per productivity level, each side of neutral, per overview."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


@dataclass(frozen=True, slots=True)
class FrozenActivity:
    """An activity's time on a closed day, with the level and overview key it had when frozen."""

    ms: int
    level: int
    overview_key: str | None


def parts_of(
    activities: Mapping[str, FrozenActivity], overview_keys: Iterable[str]
) -> dict[str, int]:
    """A day's seconds per part from its activities (each level and overview rounded once)."""
    level_ms: dict[int, int] = {}
    overview_ms = dict.fromkeys(overview_keys, 0)
    for activity in activities.values():
        level_ms[activity.level] = level_ms.get(activity.level, 0) + activity.ms
        key = activity.overview_key
        if key is not None:
            overview_ms[key] = overview_ms.get(key, 0) + activity.ms
    by_level = {level: (ms + 500) // 1000 for level, ms in level_ms.items()}
    return part_seconds(by_level, {key: (ms + 500) // 1000 for key, ms in overview_ms.items()})


def keeping_categorization(
    frozen: Mapping[str, FrozenActivity], current: Mapping[str, FrozenActivity]
) -> dict[str, FrozenActivity]:
    """The current time per activity, each keeping the level and overview it was frozen with.

    Activities that are new to the day take their current categorization.
    """
    kept: dict[str, FrozenActivity] = {}
    for name, now in current.items():
        was = frozen.get(name)
        kept[name] = now if was is None else FrozenActivity(now.ms, was.level, was.overview_key)
    return kept


@dataclass(frozen=True, slots=True)
class FrozenDay:
    """A stored snapshot: its seconds per part, and its activities (None for older snapshots)."""

    parts: Mapping[str, int]
    activities: Mapping[str, FrozenActivity] | None
