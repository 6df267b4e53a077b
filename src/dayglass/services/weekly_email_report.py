"""The numbers of a weekly report, every one asked of the one query engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dayglass.core.alerts import Triggering
from dayglass.core.highlights import Highlight
from dayglass.core.pulse import pulse
from dayglass.core.query import GroupBy, Question
from dayglass.services.alerts import AlertService
from dayglass.services.highlights import HighlightService
from dayglass.services.reports import ReportService
from dayglass.services.weekly_email_schedule import WeeklyPeriod

TOP = 5


@dataclass(frozen=True, slots=True)
class Ranked:
    """A row of a top list: a name, its whole seconds, and what it belongs to."""

    name: str
    seconds: int
    detail: str = ""


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """Total whole seconds and the rounded pulse (None: no time) of some days."""

    seconds: int
    pulse: int | None


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    """Everything a weekly email says."""

    period: WeeklyPeriod
    week: WeekFigures
    before: WeekFigures
    overviews: list[Ranked]
    activities: list[Ranked]
    highlights: list[Highlight]
    alerts: list[Triggering]
    dashboard_url: str | None

    @property
    def pulse_change(self) -> int | None:
        """The pulse against the week before (None when either week has no time)."""
        if self.week.pulse is None or self.before.pulse is None:
            return None
        return self.week.pulse - self.before.pulse


class WeeklyReportBuilder:
    """Asks the report engine, highlights and alerts about one user's week."""

    def __init__(
        self, reports: ReportService, highlights: HighlightService, alerts: AlertService
    ) -> None:
        self._reports = reports
        self._highlights = highlights
        self._alerts = alerts

    def figures(self, user_id: int, first: date, last: date) -> WeekFigures:
        """Total time and pulse of days first..last, as the dashboard and the Data API count."""
        rows = self._reports.answer(user_id, Question(first, last, GroupBy.PRODUCTIVITY))
        by_level = {row.productivity: row.seconds for row in rows if row.productivity is not None}
        score = pulse(by_level)
        return WeekFigures(sum(by_level.values()), None if score is None else round(score))

    def report(self, user_id: int, period: WeeklyPeriod, dashboard_url: str | None) -> WeeklyReport:
        """The weekly report of the user's period."""
        first, last = period.first, period.last
        overviews = self._reports.answer(user_id, Question(first, last, GroupBy.OVERVIEW))
        activities = self._reports.answer(user_id, Question(first, last, GroupBy.ACTIVITY))
        fired = [t for t in self._alerts.triggerings(user_id) if first <= t.day <= last]
        return WeeklyReport(
            period=period,
            week=self.figures(user_id, first, last),
            before=self.figures(user_id, *period.before),
            overviews=[Ranked(r.overview or "", r.seconds) for r in overviews[:TOP]],
            activities=[
                Ranked(r.activity or "", r.seconds, r.category or "") for r in activities[:TOP]
            ],
            highlights=sorted(
                self._highlights.highlights(user_id, first, last), key=lambda h: (h.day, h.id)
            ),
            alerts=sorted(fired, key=lambda t: (t.day, t.id)),
            dashboard_url=dashboard_url,
        )
