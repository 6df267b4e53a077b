"""Reports: any range and grouping as a table and a chart, with a CSV download made safe for
spreadsheets (cells that would run as formulas are neutralized)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dayglass.core.accounts import User
from dayglass.core.embeds import PERIOD_NAMES, EmbeddedReport, RelativePeriod
from dayglass.core.errors import DayglassError, InvalidInput
from dayglass.core.localtime import Resolution, label
from dayglass.core.projects import Project
from dayglass.core.query import Filters, GroupBy, Question, ReportRow
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.dashboard_pages import parse_day, user_today
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.http.web.spreadsheet import neutralized
from dayglass.services.embeds import MAX_SEARCH
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)
COLUMNS = {
    GroupBy.OVERVIEW: ("overview",),
    GroupBy.CATEGORY: ("category", "overview"),
    GroupBy.ACTIVITY: ("activity", "category", "productivity"),
    GroupBy.DOCUMENT: ("activity", "document", "category", "productivity"),
    GroupBy.PRODUCTIVITY: ("productivity",),
    GroupBy.PROJECT: ("project",),
}
MAX_DAYS = 3660


def _csv(rows: list[ReportRow], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", *columns, "seconds"])
    for row in rows:
        period = "" if row.period is None else label(row.period)
        cells = [period, *(getattr(row, c) for c in columns), row.seconds]
        writer.writerow([neutralized(cell) for cell in cells])
    return out.getvalue()


def _project_id(projects: list[Project], text: str) -> int | None:
    """The id of one of projects named by its id in text; None for none; InvalidInput else."""
    raw = text.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) not in {p.id for p in projects}:
        raise InvalidInput("Project: not one of your projects.")
    return int(raw)


def _saved_report(services: Services, user: User, fields: dict[str, str]) -> EmbeddedReport:
    """The report posted by the Embed form (ValueError or DayglassError when not valid)."""
    period = fields.get("period", "")
    projects = list(services.projects.book(user.id).projects)
    return EmbeddedReport(
        fields.get("begin", ""),
        fields.get("end", ""),
        GroupBy(fields.get("group_by", "")),
        Resolution(fields.get("resolution", "")),
        search=fields.get("search", ""),
        project_id=_project_id(projects, fields.get("project", "")),
        period=RelativePeriod(period) if period else None,
    )


def _filters(projects: list[Project], search: str, project: str, notes: list[str]) -> Filters:
    """The search and project asked on the reports page; what cannot apply is noted, not kept."""
    keyword = search.strip()
    if len(keyword) > MAX_SEARCH or "\x00" in keyword:
        notes.append(f"Search: at most {MAX_SEARCH} characters of text; not applied.")
        keyword = ""
    try:
        project_id = _project_id(projects, project)
    except InvalidInput:
        notes.append("Project: not one of yours; showing every project.")
        project_id = None
    return Filters(search=keyword or None, project=project_id)


@router.post("/reports/embed")
def embed_report(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Publish the report on screen (with its search, project and period) through a new embed
    key; show the snippet, and the Data API address when raw data is allowed, once."""
    try:
        fields = posted.checked()
        report = _saved_report(services, user, fields)
        label, allow_raw = fields.get("label", ""), bool(fields.get("allow_raw"))
        record, key = services.embeds.create(user.id, report, label, allow_raw)
    except (DayglassError, ValueError) as error:
        message = error.message if isinstance(error, DayglassError) else "Report: not valid."
        return page(request, "embed_made.html", 400, error=message, key=None, url=None)
    url = f"{str(request.base_url).rstrip('/')}/embed/{key}"
    return page(
        request,
        "embed_made.html",
        201,
        error=None,
        key=key,
        url=url,
        record=record,
        base=str(request.base_url).rstrip("/"),
        periods=PERIOD_NAMES,
    )


@router.get("/reports")
def reports_page(
    request: Request,
    services: ServicesDep,
    user: CurrentUser,
    begin: str | None = None,
    end: str | None = None,
    group_by: str = "activity",
    resolution: str = "none",
    search: str = "",
    project: str = "",
    format: str = "html",
) -> Response:
    """A report, narrowed by a search keyword and a project when given; `format=csv` downloads
    it."""
    today = user_today(user, services.clock)
    first = parse_day(begin, today - timedelta(days=6))
    last = parse_day(end, today)
    notes: list[str] = []  # every correction made to what was asked, said at once
    if last < first:
        notes.append("End: the end is before the beginning; showing the first day only.")
        last = first
    if (last - first).days > MAX_DAYS:
        notes.append("Range: at most ten years; shortened.")
        last = first + timedelta(days=MAX_DAYS)
    grouping = GroupBy(group_by) if group_by in GroupBy._value2member_map_ else GroupBy.ACTIVITY
    cut = Resolution(resolution) if resolution in Resolution._value2member_map_ else Resolution.NONE
    projects = list(services.projects.book(user.id).projects)
    filters = _filters(projects, search, project, notes)
    question = Question(first, last, grouping, cut, filters)
    rows = services.reports.answer(user.id, question)
    if format == "csv":
        name = f"dayglass-{grouping.value}-{first}-{last}.csv"
        return Response(
            _csv(rows, COLUMNS[grouping]),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return page(
        request,
        "reports.html",
        rows=rows,
        columns=COLUMNS[grouping],
        begin=first,
        end=last,
        group_by=grouping,
        resolution=cut,
        groupings=list(GroupBy),
        resolutions=list(Resolution),
        search=filters.search or "",
        projects=projects,
        project_id=filters.project,
        periods=PERIOD_NAMES,
        error=" ".join(notes) or None,
    )
