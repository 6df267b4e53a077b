"""`/embed/{key}/chart.json` (always) and `/embed/{key}/data.json` (when the key allows it).

Any parameter a caller adds is ignored: an embed key answers its own report and nothing else.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from dayglass.core.embeds import EmbedKey
from dayglass.core.errors import NotAuthenticated
from dayglass.core.localtime import label
from dayglass.core.query import GroupBy, ReportRow
from dayglass.http.dependencies import ServicesDep
from dayglass.http.embed.owner import owner_today
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute, include_in_schema=False)
_CORS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=60"}


def _name(row: ReportRow, group_by: GroupBy) -> str:
    if group_by is GroupBy.PRODUCTIVITY:
        return str(row.productivity)
    if group_by is GroupBy.DOCUMENT:
        return f"{row.activity}: {row.document}"
    return str(getattr(row, group_by.value))


def chart_json(
    record: EmbedKey, rows: list[ReportRow], days: tuple[date, date]
) -> dict[str, object]:
    """Minutes per label (time period, or the whole range) per series (group), for a chart."""
    group_by = record.report.group_by
    periods = sorted({r.period for r in rows if r.period is not None})
    labels = [label(p) for p in periods] or [f"{days[0]} – {days[1]}"]
    index = {p: i for i, p in enumerate(periods)}
    series: dict[str, list[float]] = {}
    for row in rows:
        values = series.setdefault(_name(row, group_by), [0.0] * len(labels))
        slot = 0 if row.period is None else index.get(row.period, 0)
        values[slot] += round(row.ms / 60_000, 2)
    return {
        "title": record.label,
        "labels": labels,
        "series": [{"name": n, "minutes": v} for n, v in series.items()],
    }


def _record(services: Services, key: str) -> EmbedKey | Response:
    try:
        return services.embeds.resolve(key)
    except NotAuthenticated as refused:
        return JSONResponse({"error": refused.message}, 404, headers=_CORS)


def _rows(services: Services, record: EmbedKey) -> tuple[list[ReportRow], tuple[date, date]]:
    today = owner_today(services, record)
    return services.embeds.rows(record, today), record.report.days(today)


@router.get("/embed/{key}/chart.json")
def chart(services: ServicesDep, key: str) -> Response:
    """The bound report's chart data."""
    record = _record(services, key)
    if isinstance(record, Response):
        return record
    rows, days = _rows(services, record)
    return JSONResponse(chart_json(record, rows, days), headers=_CORS)


@router.get("/embed/{key}/data.json")
def data(services: ServicesDep, key: str) -> Response:
    """The bound report's rows, when the key's owner allowed raw data."""
    record = _record(services, key)
    if isinstance(record, Response):
        return record
    if not record.allow_raw:
        return JSONResponse({"error": "this embed key serves only its chart"}, 403, headers=_CORS)
    rows, _ = _rows(services, record)
    return JSONResponse(
        [
            {
                "period": None if r.period is None else label(r.period),
                "seconds": r.seconds,
                "overview": r.overview,
                "category": r.category,
                "activity": r.activity,
                "document": r.document,
                "productivity": r.productivity,
                "project": r.project,
            }
            for r in rows
        ],
        headers=_CORS,
    )
