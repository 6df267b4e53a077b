"""`/anapi/data`, `/anapi/data.json`, `/anapi/data.csv`: the Data API with an API key."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.auth import presented_key
from dayglass.http.compat.rescuetime import responses
from dayglass.http.compat.rescuetime.data import data_response
from dayglass.http.compat.rescuetime.params import request_params
from dayglass.http.compat.rescuetime.request import Format

router = APIRouter(include_in_schema=False)


async def _answer(request: Request, suffix: Format | None) -> Response:
    try:
        params = await request_params(request)
        key = await presented_key(request)
    except DayglassError:  # a body that cannot be read
        return responses.query_error()
    try:
        record = await run_in_threadpool(request.app.state.services.accounts.authenticate_key, key)
    except NotAuthenticated:
        return responses.key_not_found()
    return await data_response(request, record.user_id, params, suffix)


@router.api_route("/anapi/data", methods=["GET", "POST"])
async def data(request: Request) -> Response:
    """Report rows in the format asked (JSON unless `format=csv`)."""
    return await _answer(request, None)


@router.api_route("/anapi/data.json", methods=["GET", "POST"])
async def data_json(request: Request) -> Response:
    """Report rows as JSON, whatever `format` says."""
    return await _answer(request, Format.JSON)


@router.api_route("/anapi/data.csv", methods=["GET", "POST"])
async def data_csv(request: Request) -> Response:
    """Report rows as CSV, whatever `format` says."""
    return await _answer(request, Format.CSV)
