"""Answering a Data API request for a principal: the part the key and OAuth routes share.

Everything here blocks on the database: routes call it from one worker-thread hop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from fastapi import Response
from fastapi.responses import StreamingResponse

from dayglass.core.clock import local_date
from dayglass.core.errors import NotFound
from dayglass.core.schedules import WeekRanges
from dayglass.http.compat.rescuetime import layout, render, responses
from dayglass.http.compat.rescuetime.layout import Cell
from dayglass.http.compat.rescuetime.params import RawParams
from dayglass.http.compat.rescuetime.plan import Plan, plan
from dayglass.http.compat.rescuetime.request import (
    DataRequest,
    Format,
    QueryError,
    parse_data_request,
)
from dayglass.services.registry import Services


def schedule_of(services: Services, user_id: int, wanted: DataRequest) -> WeekRanges | None:
    """The week ranges of the schedule restrict_schedule_id names, or QueryError."""
    if wanted.schedule_id is None:
        return None
    try:
        return services.schedules.schedule(user_id, wanted.schedule_id).week_ranges()
    except NotFound:
        raise QueryError(f"no schedule {wanted.schedule_id}") from None


# No project has this id: an unknown project name answers like a name that matches nothing.
_NO_SUCH_PROJECT = -1


def _project(services: Services, user_id: int, wanted: DataRequest) -> int | None:
    if wanted.project is None:
        return None
    found = services.projects.find(user_id, wanted.project)
    return _NO_SUCH_PROJECT if found is None else found.id


def _prepare(services: Services, user_id: int, wanted: DataRequest) -> tuple[Plan, str]:
    """The plan of a request for a user, and the user's name (for member rows)."""
    user = services.accounts.user(user_id)
    today = local_date(services.clock, user.timezone)
    schedule = schedule_of(services, user_id, wanted)
    project_id = _project(services, user_id, wanted)
    catalog = services.categories.catalog
    return plan(wanted, today, schedule, catalog, project_id), user.display_name


def _body(
    services: Services, user_id: int, layout_: Plan, person: str, fmt: Format
) -> Iterator[bytes]:
    rows = (
        iter(()) if layout_.question is None else services.reports.stream(user_id, layout_.question)
    )
    cells = layout.cells(layout_, rows, person)
    writer = render.csv_body if fmt is Format.CSV else render.json_body
    return writer(layout.row_headers(layout_), cells)


def _first_chunk(body: Iterator[bytes]) -> tuple[bytes, Iterator[bytes] | None]:
    """The body's first 64 KiB, and the rest (None when that was all of it)."""
    first = bytearray()
    for chunk in body:
        first += chunk
        if len(first) >= render.CHUNK:
            return bytes(first), body
    return bytes(first), None


def _response(first: bytes, rest: Iterator[bytes] | None, fmt: Format) -> Response:
    media_type = responses.CSV_TYPE if fmt is Format.CSV else responses.JSON_TYPE
    if rest is None:  # small answers go out whole, with no more worker-thread hops
        return Response(first, media_type=media_type, headers=responses.DATA_HEADERS)
    return StreamingResponse(
        chain([first], rest), media_type=media_type, headers=responses.DATA_HEADERS
    )


def plan_response(
    services: Services, user_id: int, layout_: Plan, person: str, fmt: Format
) -> Response:
    """The rows of an already planned question as JSON or CSV (streamed when large)."""
    return _response(*_first_chunk(_body(services, user_id, layout_, person, fmt)), fmt)


def cells_response(headers: list[str], cells: Iterable[list[Cell]], fmt: Format) -> Response:
    """Rows already laid out, as JSON or CSV (streamed when large)."""
    writer = render.csv_body if fmt is Format.CSV else render.json_body
    return _response(*_first_chunk(writer(headers, cells)), fmt)


def data_response(
    services: Services, user_id: int, params: RawParams, suffix: Format | None = None
) -> Response:
    """Rows for the principal's user as JSON or CSV (streamed when large), or the query error."""
    try:
        wanted = parse_data_request(params, suffix)
        layout_, person = _prepare(services, user_id, wanted)
        first, rest = _first_chunk(_body(services, user_id, layout_, person, wanted.format))
    except QueryError:
        return responses.query_error()
    return _response(first, rest, wanted.format)
