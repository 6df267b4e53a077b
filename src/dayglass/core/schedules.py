"""Schedules: a user's named weekly windows of local time (e.g. weekdays 09:00-17:30).

A report restricted to a schedule keeps the 5-minute buckets that start inside one of its
windows, so window edges are on 5-minute boundaries: the resolution time is stored at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dayglass.core.errors import InvalidInput
from dayglass.core.localtime import BUCKET_SECONDS, DAY_SECONDS

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEK_SECONDS = 7 * DAY_SECONDS
# Local epoch 0 (1970-01-01) was a Thursday: three days after a Monday midnight.
MONDAY_SHIFT = 3 * DAY_SECONDS
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_STEP_MINUTES = BUCKET_SECONDS // 60

# Sorted, disjoint [low, high) spans in seconds after Monday 00:00 local time.
WeekRanges = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True, order=True)
class Window:
    """One weekday's span of local time in minutes after midnight: [start, end)."""

    weekday: int  # 0 Monday .. 6 Sunday
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Schedule:
    """A named set of weekly windows belonging to one user."""

    id: int
    user_id: int
    name: str
    windows: tuple[Window, ...]

    def week_ranges(self) -> WeekRanges:
        """The schedule's windows as spans of the week, for filtering buckets."""
        return week_ranges(self.windows)


def parse_clock(text: str) -> int:
    """Minutes after midnight of `HH:MM` (00:00 to 24:00, on 5-minute steps)."""
    match = _CLOCK.fullmatch(text.strip())
    if not match:
        raise InvalidInput(f"time {text!r}: expected HH:MM")
    hours, minutes = int(match.group(1)), int(match.group(2))
    total = hours * 60 + minutes
    if minutes >= 60 or total > 24 * 60:
        raise InvalidInput(f"time {text!r}: not a time of day")
    if total % _STEP_MINUTES:
        raise InvalidInput(f"time {text!r}: must be on a {_STEP_MINUTES}-minute step")
    return total


def format_clock(minutes: int) -> str:
    """`HH:MM` of minutes after midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_days(text: str) -> list[int]:
    """Weekday numbers of `mon-fri`, `sat,sun`, `tue` or `daily` (names in any case)."""
    if text.strip().lower() == "daily":
        return list(range(7))
    days: list[int] = []
    for part in text.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        low, high = _weekday(first), _weekday(last or first)
        if high < low:
            raise InvalidInput(f"days {part!r}: the range runs backwards")
        days.extend(range(low, high + 1))
    return days


def _weekday(name: str) -> int:
    if name not in WEEKDAYS:
        raise InvalidInput(f"day {name!r}: expected one of {', '.join(WEEKDAYS)}")
    return WEEKDAYS.index(name)


def make_windows(days: Iterable[int], start: int, end: int) -> list[Window]:
    """One window per weekday from start to end; end must come after start."""
    if end <= start:
        raise InvalidInput(f"window {format_clock(start)}-{format_clock(end)}: ends before start")
    return [Window(day, start, end) for day in sorted(set(days))]


def windows_of(days: str | Iterable[str], start: str, end: str) -> list[Window]:
    """Windows from text: days (`mon-fri`, or a list of such), start and end (`HH:MM`)."""
    parts = [days] if isinstance(days, str) else list(days)
    weekdays = [day for part in parts for day in parse_days(part)]
    if not weekdays:
        raise InvalidInput("days: name at least one day")
    return make_windows(weekdays, parse_clock(start), parse_clock(end))


def merged(windows: Iterable[Window]) -> tuple[Window, ...]:
    """Windows sorted by day and start, with overlapping or touching ones joined."""
    out: list[Window] = []
    for w in sorted(windows):
        last = out[-1] if out else None
        if last is not None and last.weekday == w.weekday and w.start <= last.end:
            out[-1] = Window(w.weekday, last.start, max(last.end, w.end))
        else:
            out.append(w)
    return tuple(out)


def week_ranges(windows: Iterable[Window]) -> WeekRanges:
    """Windows as sorted, disjoint spans of seconds after Monday 00:00."""
    return tuple(
        (w.weekday * DAY_SECONDS + w.start * 60, w.weekday * DAY_SECONDS + w.end * 60)
        for w in merged(windows)
    )


def week_second(local: int) -> int:
    """Seconds after the Monday midnight that starts local's week."""
    return (local + MONDAY_SHIFT) % WEEK_SECONDS


def in_schedule(local: int, ranges: WeekRanges) -> bool:
    """Whether a local timestamp falls inside one of the spans."""
    second = week_second(local)
    return any(low <= second < high for low, high in ranges)


def grouped(windows: Iterable[Window]) -> list[tuple[list[int], int, int]]:
    """Windows with the same times gathered into (weekdays, start, end), for showing."""
    groups: dict[tuple[int, int], list[int]] = {}
    for w in merged(windows):
        groups.setdefault((w.start, w.end), []).append(w.weekday)
    return [(days, start, end) for (start, end), days in sorted(groups.items())]


def describe_days(days: list[int]) -> str:
    """`mon-fri`, `sat,sun` or `mon,wed-fri` for a sorted list of weekdays."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        WEEKDAYS[r[0]] if len(r) == 1 else f"{WEEKDAYS[r[0]]}-{WEEKDAYS[r[-1]]}" for r in runs
    )
