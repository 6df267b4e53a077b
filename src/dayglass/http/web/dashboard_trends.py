"""A week's or a month's days against the usual: the same weekday over the four weeks before."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dayglass.core.localtime import local_to_day
from dayglass.core.pulse import pulse
from dayglass.core.query import ReportRow
from dayglass.http.web.periods import Period

WEEKS = 4
MARGIN = 0.1  # within 10% of the usual is "as usual"

Levels = dict[int, int]  # seconds per productivity level


def verdict(seconds: float, usual: float) -> str:
    """How seconds compares with the usual: more than, less than, or as usual."""
    if seconds > usual * (1 + MARGIN):
        return "more than usual"
    if seconds < usual * (1 - MARGIN):
        return "less than usual"
    return "as usual"


def _pulse(levels: Levels) -> int | None:
    score = pulse(levels)
    return None if score is None else round(score)


@dataclass(frozen=True, slots=True)
class DayTrend:
    """One day's time and pulse, and the average of the same weekday over the weeks before."""

    day: date
    seconds: int
    usual_seconds: float
    pulse: int | None
    usual_pulse: int | None

    @property
    def verdict(self) -> str:
        """More than usual, less than usual, or as usual."""
        return verdict(self.seconds, self.usual_seconds)


@dataclass(frozen=True)
class Trends:
    """The days of a period against the usual, and the whole period against it."""

    days: list[DayTrend]
    pulse: int | None
    usual_pulse: int | None

    @property
    def seconds(self) -> int:
        """The period's time."""
        return sum(d.seconds for d in self.days)

    @property
    def usual_seconds(self) -> float:
        """The period's usual time: the sum of its days' usual."""
        return sum(d.usual_seconds for d in self.days)

    @property
    def verdict(self) -> str:
        """More than usual, less than usual, or as usual, over the whole period."""
        return verdict(self.seconds, self.usual_seconds)

    @property
    def change(self) -> int | None:
        """The period's time against its usual, in whole percent (None without a usual)."""
        usual = self.usual_seconds
        return round((self.seconds - usual) * 100 / usual) if usual else None


def _weeks_before(day: date, weeks: int) -> date | None:
    """day some weeks earlier, or None before the calendar's first day."""
    try:
        return day - timedelta(weeks=weeks)
    except OverflowError:
        return None


def baseline_start(period: Period) -> date:
    """The first day the trends of period compare with."""
    return _weeks_before(period.begin, WEEKS) or date.min


def trends_of(rows: list[ReportRow], period: Period) -> Trends:
    """Trends from rows of seconds per level and local day, from BASELINE_DAYS before period."""
    by_day: dict[date, Levels] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        if row.period is not None and row.productivity is not None:
            by_day[local_to_day(row.period)][row.productivity] += row.seconds
    days: list[DayTrend] = []
    period_levels: Levels = defaultdict(int)
    usual_levels: Levels = defaultdict(int)
    count = (period.end - period.begin).days + 1
    for offset in range(count):
        day = period.begin + timedelta(days=offset)
        own = by_day.get(day, {})
        before: Levels = defaultdict(int)
        for week in range(1, WEEKS + 1):
            earlier = _weeks_before(day, week)
            for level, seconds in by_day.get(earlier, {}).items() if earlier else ():
                before[level] += seconds
        for level, seconds in own.items():
            period_levels[level] += seconds
        for level, seconds in before.items():
            usual_levels[level] += seconds
        usual = sum(before.values()) / WEEKS
        days.append(DayTrend(day, sum(own.values()), usual, _pulse(own), _pulse(before)))
    return Trends(days, _pulse(period_levels), _pulse(usual_levels))
