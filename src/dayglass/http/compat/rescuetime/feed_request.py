"""Answering the feed and post endpoints: the key, the parameters, and 400 with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.auth import presented_key
from dayglass.http.compat.rescuetime import responses
from dayglass.http.compat.rescuetime.params import RawParams, request_params
from dayglass.services.registry import Services

Handler = Callable[[Services, int, RawParams], Any]


def json_answer(value: Any, status: int = 200) -> Response:
    """A JSON body with RescueTime's content type."""
    return Response(orjson.dumps(value), status, media_type=responses.JSON_TYPE)


def bad_request(message: str) -> Response:
    """400 with a body saying what was wrong, in RescueTime's error shape."""
    return json_answer({"error": "# bad request", "messages": message}, 400)


def key_not_found() -> Response:
    """400 with RescueTime's exact key-not-found body."""
    return Response(responses.KEY_NOT_FOUND, 400, media_type=responses.JSON_TYPE)


async def answer(
    request: Request, handler: Handler, then: Callable[[int], None] | None = None
) -> Response:
    """Run handler for the request's user (then then, on success); bad input answers 400."""
    try:
        params = await request_params(request)
        key = await presented_key(request)
    except DayglassError as error:  # a body that cannot be read
        return bad_request(error.message)
    services: Services = request.app.state.services
    try:
        record = await run_in_threadpool(services.accounts.authenticate_key, key)
    except NotAuthenticated:
        return key_not_found()
    try:
        result = await run_in_threadpool(handler, services, record.user_id, params)
    except DayglassError as error:
        return bad_request(error.message)
    if then is not None:
        then(record.user_id)
    return json_answer(result)
