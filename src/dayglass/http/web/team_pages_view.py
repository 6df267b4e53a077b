"""What the team dashboard shows, every figure asked of the team reports (the one engine)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dayglass.core.localtime import Resolution, local_to_day
from dayglass.core.query import GroupBy, Question
from dayglass.core.teams import Member, TeamRow
from dayglass.http.web.periods import Period
from dayglass.services.team_reports import (
    TeamQuestion,
    TeamReportService,
    per_person_of,
    total_of,
)

LEVELS = (2, 1, 0, -1, -2)
TREND_WEEKS = 8
TOP = 10


@dataclass(frozen=True, slots=True)
class PersonLine:
    """One member shown by name: their seconds per productivity level, and in all."""

    member: Member
    levels: dict[int, float]
    total: float

    @property
    def productive(self) -> float:
        """Seconds at productive and very productive."""
        return self.levels.get(1, 0.0) + self.levels.get(2, 0.0)

    @property
    def distracting(self) -> float:
        """Seconds at distracting and very distracting."""
        return self.levels.get(-1, 0.0) + self.levels.get(-2, 0.0)


@dataclass(frozen=True, slots=True)
class Week:
    """One week's team totals: all the time, and the productive part."""

    begin: date
    total: float
    productive: float


@dataclass(frozen=True, slots=True)
class TeamView:
    """The team dashboard's figures for a period."""

    period: Period
    total: float
    people: int
    levels: list[tuple[int, float]]
    overviews: list[tuple[str, float]]
    activities: list[tuple[str, float]]
    persons: list[PersonLine]
    weeks: list[Week]


def _levels(rows: Sequence[TeamRow]) -> dict[int, float]:
    found: dict[int, float] = defaultdict(float)
    for r in rows:
        if r.productivity is not None:
            found[r.productivity] += r.ms / 1000
    return found


def _top(rows: Sequence[TeamRow], name: str) -> list[tuple[str, float]]:
    found: dict[str, float] = defaultdict(float)
    for r in rows:
        found[getattr(r, name) or "?"] += r.ms / 1000
    return sorted(found.items(), key=lambda item: (-item[1], item[0]))[:TOP]


def _weeks(rows: Sequence[TeamRow], first: date) -> list[Week]:
    totals: dict[date, float] = defaultdict(float)
    good: dict[date, float] = defaultdict(float)
    for r in rows:
        begin = local_to_day(r.period or 0)
        totals[begin] += r.ms / 1000
        if (r.productivity or 0) > 0:
            good[begin] += r.ms / 1000
    days = (first + timedelta(weeks=n) for n in range(TREND_WEEKS))
    return [Week(d, totals.get(d, 0.0), good.get(d, 0.0)) for d in days]


def week_sunday(day: date) -> date:
    """The Sunday that starts day's week (weeks run Sunday to Saturday, as reports cut them)."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def build_team_view(
    teams: TeamReportService, members: Sequence[Member], period: Period
) -> TeamView:
    """The figures of members' time in period, and the last weeks' trend up to its end."""

    def ask(
        group_by: GroupBy, begin: date = period.begin, cut: Resolution = Resolution.NONE
    ) -> TeamQuestion:
        return TeamQuestion(Question(begin, period.end, group_by, cut))

    try:
        first = week_sunday(period.end) - timedelta(weeks=TREND_WEEKS - 1)
    except OverflowError:  # at the calendar's first weeks
        first = date.min
    found = teams.answers_all(
        members,
        [
            ask(GroupBy.PRODUCTIVITY),
            ask(GroupBy.OVERVIEW),
            ask(GroupBy.ACTIVITY),
            ask(GroupBy.PRODUCTIVITY, first, Resolution.WEEK),
        ],
    )
    levels, persons = total_of(found[0]), per_person_of(found[0])
    overviews, activities, trend = (total_of(answers) for answers in found[1:])
    by_level = _levels(levels)
    return TeamView(
        period=period,
        total=sum(by_level.values()),
        people=len(set().union(*(r.people for r in levels))),
        levels=[(level, by_level.get(level, 0.0)) for level in LEVELS],
        overviews=_top(overviews, "overview"),
        activities=_top(activities, "activity"),
        persons=[
            PersonLine(m, lv := _levels(rows), sum(lv.values())) for m, rows in persons if rows
        ],
        weeks=_weeks(trend, first),
    )
