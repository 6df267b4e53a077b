"""Answering the feed and post endpoints: the key, the parameters, and 400 with a reason."""

from __future__ import annotations

from collections.abc import Callable

import orjson
from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.auth import presented_key
from dayglass.http.compat.rescuetime import responses
from dayglass.http.compat.rescuetime.params import RawParams, request_params
from dayglass.services.registry import Services

Handler = Callable[[Services, int, RawParams], object]
"""A feed or post endpoint's work for a user: a JSON-ready value, or DayglassError."""

AfterSuccess = Callable[[int], None]
"""Told the user's id once a handler succeeded (from a worker thread)."""


def json_answer(value: object, status: int = 200) -> Response:
    """A JSON body with RescueTime's content type."""
    return Response(orjson.dumps(value), status, media_type=responses.JSON_TYPE)


def bad_request(message: str) -> Response:
    """400 with a body saying what was wrong, in RescueTime's error shape."""
    return json_answer({"error": "# bad request", "messages": message}, 400)


def key_not_found() -> Response:
    """400 with RescueTime's exact key-not-found body."""
    return Response(responses.KEY_NOT_FOUND, 400, media_type=responses.JSON_TYPE)


def handled(
    services: Services,
    user_id: int,
    handler: Handler,
    params: RawParams,
    then: AfterSuccess | None = None,
) -> Response:
    """handler's answer for user_id (then then, on success), or 400 with the reason."""
    try:
        result = handler(services, user_id, params)
    except DayglassError as error:
        return bad_request(error.message)
    if then is not None:
        then(user_id)
    return json_answer(result)


def _for_key(
    services: Services,
    key: str | None,
    handler: Handler,
    params: RawParams,
    then: AfterSuccess | None,
) -> Response:
    try:
        record = services.accounts.authenticate_key(key)
    except NotAuthenticated:
        return key_not_found()
    return handled(services, record.user_id, handler, params, then)


async def answer(
    request: Request, services: Services, handler: Handler, then: AfterSuccess | None = None
) -> Response:
    """Run handler for the request's user (then then, on success); bad input answers 400."""
    try:
        params = await request_params(request)
        key = await presented_key(request)
    except DayglassError as error:  # a body that cannot be read
        return bad_request(error.message)
    # The key check and the handler's database work share one trip to a worker thread.
    return await run_in_threadpool(_for_key, services, key, handler, params, then)
