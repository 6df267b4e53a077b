"""The project report: time per project per day or per week over a period, "no project" as its
own row, on screen and as a CSV made safe for spreadsheets."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dayglass.core.localtime import Resolution, day_to_local, local_to_day, period_start
from dayglass.core.query import GroupBy, Question
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.dashboard_pages import parse_day, user_today
from dayglass.http.web.periods import Period, Span, period_of
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.http.web.spreadsheet import neutralized
from dayglass.services.reports import ReportService

router = APIRouter(route_class=OneHopRoute)
PER = {"day": Resolution.DAY, "week": Resolution.WEEK}
NO_PROJECT = "No project"


@dataclass(frozen=True)
class ProjectRow:
    """One project's seconds in each column, and in all."""

    name: str
    seconds: list[int]

    @property
    def total(self) -> int:
        """Seconds over the whole period."""
        return sum(self.seconds)


@dataclass(frozen=True)
class ProjectTable:
    """Columns (the first day of each day or week) and a row per project, "no project" last."""

    columns: list[date]
    rows: list[ProjectRow]

    @property
    def totals(self) -> list[int]:
        """Seconds of each column over every row."""
        return [sum(row.seconds[i] for row in self.rows) for i in range(len(self.columns))]


def _columns(period: Period, cut: Resolution) -> list[int]:
    """The local start of each day or week that the period touches, in order."""
    starts: list[int] = []
    days = (period.end - period.begin).days + 1
    for offset in range(days):
        start = period_start(day_to_local(period.begin + timedelta(days=offset)), cut)
        if start is not None and start not in starts:
            starts.append(start)
    return starts


def project_table(
    reports: ReportService, user_id: int, names: list[str], period: Period, cut: Resolution
) -> ProjectTable:
    """Time per project (names in the user's order) per column, asked of the one engine."""
    question = Question(period.begin, period.end, GroupBy.PROJECT, cut)
    starts = _columns(period, cut)
    index = {start: i for i, start in enumerate(starts)}
    # The engine names a project's time by its name, so projects of one name share a row.
    order = list(dict.fromkeys(names))
    seconds: dict[str | None, list[int]] = {name: [0] * len(starts) for name in [*order, None]}
    for row in reports.answer(user_id, question):
        if row.period in index:
            cells = seconds.setdefault(row.project, [0] * len(starts))
            cells[index[row.period]] += row.seconds
    # "No project" goes last, after any project renamed while the report was asked.
    rows = [ProjectRow(n, cells) for n, cells in seconds.items() if n is not None]
    rows.append(ProjectRow(NO_PROJECT, seconds[None]))
    return ProjectTable([local_to_day(start) for start in starts], rows)


def table_csv(table: ProjectTable) -> str:
    """The table as CSV: a project per line, seconds per column, then the total."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["project", *(day.isoformat() for day in table.columns), "total"])
    for row in table.rows:
        writer.writerow([neutralized(row.name), *row.seconds, row.total])
    return out.getvalue()


@router.get("/projects/report")
def project_report(
    request: Request,
    services: ServicesDep,
    user: CurrentUser,
    span: str = "week",
    day: str | None = None,
    per: str = "day",
    format: str = "html",
) -> Response:
    """Time per project per day or week of a week or month; `format=csv` downloads it."""
    chosen = Span(span) if span in Span._value2member_map_ else Span.WEEK
    today = user_today(user, services.clock)
    period = period_of(chosen, parse_day(day, today))
    cut = PER.get(per, Resolution.DAY)
    names = [p.name for p in services.projects.book(user.id).projects]
    table = project_table(services.reports, user.id, names, period, cut)
    if format == "csv":
        name = f"dayglass-projects-{period.begin}-{period.end}.csv"
        return Response(
            table_csv(table),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return page(
        request,
        "project_report.html",
        table=table,
        period=period,
        spans=list(Span),
        per="week" if cut is Resolution.WEEK else "day",
        today=today,
    )
