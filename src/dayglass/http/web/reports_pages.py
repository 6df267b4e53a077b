"""Reports: any range and grouping as a table and a chart, with a CSV download made safe for
spreadsheets (cells that would run as formulas are neutralized)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dayglass.core.embeds import EmbeddedReport
from dayglass.core.errors import DayglassError
from dayglass.core.localtime import Resolution, label
from dayglass.core.query import GroupBy, Question, ReportRow
from dayglass.http.dependencies import ServicesDep
from dayglass.http.web.dashboard_pages import parse_day, user_today
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.http.web.spreadsheet import neutralized

router = APIRouter()
COLUMNS = {
    GroupBy.OVERVIEW: ("overview",),
    GroupBy.CATEGORY: ("category", "overview"),
    GroupBy.ACTIVITY: ("activity", "category", "productivity"),
    GroupBy.DOCUMENT: ("activity", "document", "category", "productivity"),
    GroupBy.PRODUCTIVITY: ("productivity",),
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


@router.post("/reports/embed")
def embed_report(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Publish the report on screen through a new embed key; show the snippet once."""
    try:
        fields = posted.checked()
        grouping = GroupBy(fields.get("group_by", ""))
        cut = Resolution(fields.get("resolution", ""))
        report = EmbeddedReport(fields.get("begin", ""), fields.get("end", ""), grouping, cut)
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
    format: str = "html",
) -> Response:
    """A report; `format=csv` downloads it."""
    today = user_today(user, services.clock)
    first = parse_day(begin, today - timedelta(days=6))
    last = parse_day(end, today)
    error = None
    if last < first:
        error, last = "End: the end is before the beginning; showing the first day only.", first
    if (last - first).days > MAX_DAYS:
        error, last = "Range: at most ten years; shortened.", first + timedelta(days=MAX_DAYS)
    grouping = GroupBy(group_by) if group_by in GroupBy._value2member_map_ else GroupBy.ACTIVITY
    cut = Resolution(resolution) if resolution in Resolution._value2member_map_ else Resolution.NONE
    question = Question(first, last, grouping, cut)
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
        error=error,
    )
