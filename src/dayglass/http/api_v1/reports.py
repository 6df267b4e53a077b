"""GET /api/v1/report: the query engine, answered as JSON."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from dayglass.core.clock import local_date
from dayglass.core.errors import InvalidInput
from dayglass.core.localtime import Resolution, label
from dayglass.core.query import Filters, GroupBy, Question, ReportRow
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["reports"])


def _row(row: ReportRow) -> dict[str, object]:
    return {
        "period": None if row.period is None else label(row.period),
        "seconds": row.seconds,
        "overview": row.overview,
        "category": row.category,
        "activity": row.activity,
        "document": row.document,
        "productivity": row.productivity,
        "project": row.project,
    }


@router.get("/report")
def report(
    services: ServicesDep,
    key: Key,
    begin: Annotated[date | None, Query(description="First local day (default: today)")] = None,
    end: Annotated[date | None, Query(description="Last local day, inclusive")] = None,
    group_by: GroupBy = GroupBy.ACTIVITY,
    resolution: Resolution = Resolution.NONE,
    source_type: Literal["computers", "mobile", "offline"] | None = None,
    overview: str | None = None,
    category: str | None = None,
    activity: str | None = None,
    document: str | None = None,
    productivity: Annotated[int | None, Query(ge=-2, le=2)] = None,
    project: Annotated[str | None, Query(description="A project's name")] = None,
    search: Annotated[
        str | None,
        Query(description="Only time whose activity or document contains this (any case)"),
    ] = None,
) -> dict[str, object]:
    """Time spent in a range of local days, grouped and cut as asked."""
    user = services.accounts.user(key.user_id)
    today = local_date(services.clock, user.timezone)
    begin = begin or today
    end = end or max(begin, today)
    if end < begin:
        raise InvalidInput("end: before begin")
    project_id = None if project is None else services.projects.named(key.user_id, project).id
    filters = Filters(
        source_type,
        overview,
        category,
        activity,
        document,
        productivity,
        project=project_id,
        search=search,
    )
    question = Question(begin, end, group_by, resolution, filters)
    rows = services.reports.answer(key.user_id, question)
    return {
        "begin": begin.isoformat(),
        "end": end.isoformat(),
        "group_by": group_by.value,
        "resolution": resolution.value,
        "rows": [_row(r) for r in rows],
    }
