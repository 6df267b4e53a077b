"""`/api/oauth/...`: the same answers as `/anapi/...`, for an access token with the right scope."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.auth import presented_key
from dayglass.http.compat.rescuetime import feed_routes
from dayglass.http.compat.rescuetime import params as p
from dayglass.http.compat.rescuetime.data import data_response
from dayglass.http.compat.rescuetime.feed_request import (
    AfterSuccess,
    Handler,
    bad_request,
    handled,
)
from dayglass.http.dependencies import BackgroundDep, ServicesDep, Snapshot, SnapshotDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute, include_in_schema=False)
GET_POST = ["GET", "POST"]


def _oauth_error(status: int, error: str, description: str) -> Response:
    headers = {"WWW-Authenticate": f'Bearer error="{error}"'}
    return JSONResponse({"error": error, "error_description": description}, status, headers=headers)


async def _presented(request: Request) -> tuple[p.RawParams, str | None] | Response:
    """The request's parameters and token, or the error to answer (a body that cannot be read)."""
    try:
        params = await p.request_params(request)
        token = await presented_key(request, ("access_token",))
    except DayglassError as error:
        return bad_request(error.message)
    return params, token


def _user(services: Services, token: str | None, scope: str) -> int | Response:
    """The user behind the token, or the error to answer."""
    try:
        grant = services.oauth.authenticate(token)
    except NotAuthenticated as error:
        return _oauth_error(401, "invalid_token", error.message)
    if scope not in grant.scopes:
        return _oauth_error(403, "insufficient_scope", f"this needs the {scope} scope")
    return grant.user_id


def _only_kind(params: p.RawParams, kind: str | None) -> p.RawParams:
    """Pin restrict_kind and drop drill-downs, so a narrow scope cannot read further."""
    if kind is None:
        return params
    dropped = set(p.KIND + p.THING + p.THINGY)
    return {**{k: v for k, v in params.items() if k not in dropped}, "restrict_kind": [kind]}


def _data(
    services: Services, snapshot: Snapshot, token: str | None, scope: str, params: p.RawParams
) -> Response:
    user_id = _user(services, token, scope)  # before the snapshot: it may note the token's use
    if isinstance(user_id, Response):
        return user_id
    with snapshot():  # the rest of the request reads in one transaction
        return data_response(services, user_id, params)


def _feed(
    services: Services,
    token: str | None,
    scope: str,
    handler: Handler,
    params: p.RawParams,
    then: AfterSuccess | None,
) -> Response:
    user_id = _user(services, token, scope)
    if isinstance(user_id, Response):
        return user_id
    return handled(services, user_id, handler, params, then)


def _data_route(path: str, scope: str, kind: str | None) -> None:
    async def endpoint(request: Request, services: ServicesDep, snapshot: SnapshotDep) -> Response:
        found = await _presented(request)
        if isinstance(found, Response):
            return found
        params, token = found
        # The token check and the first rows share one trip to a worker thread.
        narrowed = _only_kind(params, kind)
        return await run_in_threadpool(_data, services, snapshot, token, scope, narrowed)

    endpoint.__name__ = f"oauth_{path}"
    for suffix in ("", ".json"):
        router.add_api_route(f"/api/oauth/{path}{suffix}", endpoint, methods=GET_POST)


def _feed_route(
    path: str, methods: list[str], scope: str, handler: Handler, after_ingest: bool = False
) -> None:
    async def endpoint(
        request: Request, services: ServicesDep, background: BackgroundDep
    ) -> Response:
        found = await _presented(request)
        if isinstance(found, Response):
            return found
        params, token = found
        then = background.alerts_due if after_ingest else None
        return await run_in_threadpool(_feed, services, token, scope, handler, params, then)

    endpoint.__name__ = f"oauth_{path}"
    for suffix in ("", ".json"):
        router.add_api_route(f"/api/oauth/{path}{suffix}", endpoint, methods=methods)


_data_route("data", "time_data", None)
_data_route("overview_data", "category_data", "overview")
_data_route("category_data", "category_data", "category")
_data_route("productivity_data", "productivity_data", "productivity")
_feed_route("daily_summary_feed", GET_POST, "time_data", feed_routes.daily_summary_feed)
_feed_route("alerts_feed", GET_POST, "alert_data", feed_routes.alerts_feed)
_feed_route("highlights_feed", GET_POST, "highlight_data", feed_routes.highlights_feed)
_feed_route("highlights_post", ["POST"], "highlight_data", feed_routes.highlights_post)
_feed_route("start_focustime", ["POST"], "focustime_data", feed_routes.start_focustime)
_feed_route("end_focustime", ["POST"], "focustime_data", feed_routes.end_focustime)
_feed_route(
    "focustime_started_feed", GET_POST, "focustime_data", feed_routes.focustime_started_feed
)
_feed_route("focustime_ended_feed", GET_POST, "focustime_data", feed_routes.focustime_ended_feed)
_feed_route(
    "offline_time_post", ["POST"], "time_data", feed_routes.offline_time_post, after_ingest=True
)
