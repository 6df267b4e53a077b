"""What the dashboard shows, asked of the one query engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypedDict

from dayglass.core.localtime import Resolution, day_to_local, label
from dayglass.core.pulse import pulse
from dayglass.core.query import Filters, GroupBy, Question, ReportRow
from dayglass.http.web.dashboard_donut import Donut, donut_of
from dayglass.http.web.dashboard_trends import Trends, baseline_start, trends_of
from dayglass.http.web.periods import Period, Span
from dayglass.services.reports import ReportService

LEVELS = (2, 1, 0, -1, -2)
TOP = 12


class Series(TypedDict):
    """Minutes of one productivity level in each slot of the chart."""

    level: int
    minutes: list[float]


class Chart(TypedDict):
    """The dashboard's chart as its script reads it: slot labels and stamps, a series a level,
    and the usual minutes of each day (weeks and months)."""

    labels: list[str]
    stamps: list[str]
    series: list[Series]
    usual: list[float]


def _no_chart() -> Chart:
    return {"labels": [], "stamps": [], "series": [], "usual": []}


@dataclass(frozen=True)
class Drill:
    """What the dashboard is narrowed to: an overview, a sub-category or an activity, and a
    project (by id)."""

    overview: str | None = None
    category: str | None = None
    activity: str | None = None
    project: int | None = None

    def filters(self) -> Filters:
        """The engine's filters for this drill-down."""
        return Filters(
            overview=self.overview,
            category=self.category,
            activity=self.activity,
            project=self.project,
        )

    @property
    def any(self) -> bool:
        """Whether anything is drilled into."""
        return any((self.overview, self.category, self.activity)) or self.project is not None


@dataclass
class DashboardView:
    """Every figure of one dashboard page."""

    period: Period
    drill: Drill
    total_seconds: int = 0
    pulse: int | None = None
    levels: list[tuple[int, int]] = field(default_factory=list)
    overviews: list[ReportRow] = field(default_factory=list)
    categories: list[ReportRow] = field(default_factory=list)
    activities: list[ReportRow] = field(default_factory=list)
    documents: list[ReportRow] = field(default_factory=list)
    chart: Chart = field(default_factory=_no_chart)
    donut: Donut | None = None
    trends: Trends | None = None


def build_dashboard(
    reports: ReportService, user_id: int, period: Period, drill: Drill
) -> DashboardView:
    """Ask the engine for every figure of the dashboard."""
    view = DashboardView(period, drill)
    filters = drill.filters()

    def ask(group_by: GroupBy, resolution: Resolution = Resolution.NONE) -> list[ReportRow]:
        question = Question(period.begin, period.end, group_by, resolution, filters)
        return reports.answer(user_id, question)

    by_level = {
        row.productivity: row.seconds
        for row in ask(GroupBy.PRODUCTIVITY)
        if row.productivity is not None  # every row has a level when grouped by it
    }
    view.levels = [(level, by_level.get(level, 0)) for level in LEVELS]
    view.total_seconds = sum(by_level.values())
    score = pulse(by_level)
    view.pulse = None if score is None else round(score)
    view.overviews = ask(GroupBy.OVERVIEW)
    view.categories = ask(GroupBy.CATEGORY)[:TOP]
    view.activities = ask(GroupBy.ACTIVITY)[:TOP]
    if drill.activity:
        view.documents = ask(GroupBy.DOCUMENT)[:TOP]
    view.donut = donut_of(view)
    if period.span is Span.DAY:
        view.chart = _chart(ask(GroupBy.PRODUCTIVITY, Resolution.HOUR), period, hourly=True)
        return view
    # One question answers both the chart and the four weeks the trends compare with.
    widened = Question(
        baseline_start(period), period.end, GroupBy.PRODUCTIVITY, Resolution.DAY, filters
    )
    daily = reports.answer(user_id, widened)
    view.chart = _chart(daily, period, hourly=False)
    view.trends = trends_of(daily, period)
    view.chart["usual"] = [round(day.usual_seconds / 60, 1) for day in view.trends.days]
    return view


def _chart(rows: list[ReportRow], period: Period, hourly: bool) -> Chart:
    """Seconds per productivity level for each hour of the day, or each day of the period."""
    start = day_to_local(period.begin)
    if hourly:
        slots = [start + h * 3600 for h in range(24)]
        labels = [f"{h:02d}:00" for h in range(24)]
    else:
        days = (period.end - period.begin).days + 1
        slots = [start + d * 86_400 for d in range(days)]
        labels = [(period.begin + timedelta(days=d)).strftime("%a %d") for d in range(days)]
    index = {slot: i for i, slot in enumerate(slots)}
    series = {level: [0.0] * len(slots) for level in LEVELS}
    for row in rows:
        if row.period in index and row.productivity in series:
            series[row.productivity][index[row.period]] = round(row.ms / 60_000, 1)
    return {
        "labels": labels,
        "stamps": [label(slot) for slot in slots],
        "series": [{"level": level, "minutes": series[level]} for level in LEVELS],
        "usual": [],
    }
