"""`/anapi/data`, `/anapi/data.json`, `/anapi/data.csv`: the Data API with an API key (or an
embed key that allows raw data: its saved report only)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.auth import presented_key
from dayglass.http.compat.rescuetime import responses
from dayglass.http.compat.rescuetime.data import data_response
from dayglass.http.compat.rescuetime.embed_data import embed_data_response, is_embed_key
from dayglass.http.compat.rescuetime.params import RawParams, request_params
from dayglass.http.compat.rescuetime.plan import days
from dayglass.http.compat.rescuetime.request import Format, QueryError, parse_data_request
from dayglass.http.compat.rescuetime.team_data import team_data_response
from dayglass.http.dependencies import LoopReadsDep, ServicesDep, Snapshot, SnapshotDep
from dayglass.http.loop_reads import LOOP_READ_DAYS
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute, include_in_schema=False)


def _for_key(
    services: Services,
    snapshot: Snapshot,
    key: str | None,
    params: RawParams,
    suffix: Format | None,
) -> Response:
    if key is not None and is_embed_key(key):  # a saved report published with raw access
        return embed_data_response(services, key, params, suffix)
    # The key, user, schedule, project, overrides, activities and facts: one snapshot (a
    # streamed answer keeps it until its last row; on PostgreSQL each of its statements is a
    # transaction of its own). A kept key is checked against the user's row, which the report
    # reads too; noting the key's use is a write of its own.
    with snapshot(lone_statement=True):
        try:
            record = services.accounts.authenticate_key(key)
        except NotAuthenticated:
            return responses.key_not_found()
        if record.org_id is None:  # a personal key: the user's row and the rows in one statement
            return data_response(services, record.user_id, params, suffix)
    with snapshot():
        scope = services.teams.key_scope(key or "")
        if scope is not None:  # a key made for an organization answers for its team
            return team_data_response(services, record, scope, params, suffix)
        return data_response(services, record.user_id, params, suffix)


def _short(services: Services, params: RawParams, suffix: Format | None) -> bool:
    """Whether a question spans few enough days to be read on the event loop (a malformed one
    is answered with an error at once)."""
    try:
        begin, end = days(parse_data_request(params, suffix), services.clock.now().date())
    except QueryError:
        return True
    return (end - begin).days < LOOP_READ_DAYS


async def _on_loop(
    services: Services, snapshot: Snapshot, key: str, params: RawParams, suffix: Format | None
) -> Response:
    """A personal key's short question, read on the event loop (see `dayglass.http.loop_reads`),
    the key check in the same read transaction. Once a minute the key's use is noted, a write,
    and an organization's question may be long: those go to a worker thread."""
    with snapshot():
        try:
            record = services.accounts.active_key(key)
        except NotAuthenticated:
            return responses.key_not_found()
        if record.org_id is None and not services.accounts.use_due(record):
            return data_response(services, record.user_id, params, suffix)
    return await run_in_threadpool(_for_key, services, snapshot, key, params, suffix)


async def _answer(
    request: Request,
    services: Services,
    snapshot: Snapshot,
    loop_reads: bool,
    suffix: Format | None,
) -> Response:
    try:
        params = await request_params(request)
        key = await presented_key(request)
    except DayglassError:  # a body that cannot be read
        return responses.query_error()
    if loop_reads and key and not is_embed_key(key) and _short(services, params, suffix):
        return await _on_loop(services, snapshot, key, params, suffix)
    # The key check and the first rows share one trip to a worker thread.
    return await run_in_threadpool(_for_key, services, snapshot, key, params, suffix)


@router.api_route("/anapi/data", methods=["GET", "POST"])
async def data(
    request: Request, services: ServicesDep, snapshot: SnapshotDep, loop_reads: LoopReadsDep
) -> Response:
    """Report rows in the format asked (JSON unless `format=csv`)."""
    return await _answer(request, services, snapshot, loop_reads, None)


@router.api_route("/anapi/data.json", methods=["GET", "POST"])
async def data_json(
    request: Request, services: ServicesDep, snapshot: SnapshotDep, loop_reads: LoopReadsDep
) -> Response:
    """Report rows as JSON, whatever `format` says."""
    return await _answer(request, services, snapshot, loop_reads, Format.JSON)


@router.api_route("/anapi/data.csv", methods=["GET", "POST"])
async def data_csv(
    request: Request, services: ServicesDep, snapshot: SnapshotDep, loop_reads: LoopReadsDep
) -> Response:
    """Report rows as CSV, whatever `format` says."""
    return await _answer(request, services, snapshot, loop_reads, Format.CSV)
