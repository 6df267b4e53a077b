"""GET /api/v1/report: the query engine, answered as JSON."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.clock import local_date
from dayglass.core.errors import InvalidInput
from dayglass.core.localtime import Resolution, label
from dayglass.core.query import Filters, GroupBy, Question, ReportRow
from dayglass.http.auth import api_key

router = APIRouter(tags=["reports"])


def _row(row: ReportRow) -> dict:
    return {
        "period": None if row.period is None else label(row.period),
        "seconds": row.seconds,
        "overview": row.overview,
        "category": row.category,
        "activity": row.activity,
        "document": row.document,
        "productivity": row.productivity,
    }


@router.get("/report")
async def report(
    request: Request,
    key: Annotated[ApiKey, Depends(api_key)],
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
) -> dict:
    """Time spent in a range of local days, grouped and cut as asked."""
    services = request.app.state.services
    user = await run_in_threadpool(services.accounts.user, key.user_id)
    today = local_date(services.clock, user.timezone)
    begin = begin or today
    end = end or max(begin, today)
    if end < begin:
        raise InvalidInput("end: before begin")
    question = Question(
        begin,
        end,
        group_by,
        resolution,
        Filters(source_type, overview, category, activity, document, productivity),
    )
    rows = await run_in_threadpool(services.reports.answer, key.user_id, question)
    return {
        "begin": begin.isoformat(),
        "end": end.isoformat(),
        "group_by": group_by.value,
        "resolution": resolution.value,
        "rows": [_row(r) for r in rows],
    }
