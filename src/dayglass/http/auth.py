"""Finding the API key of a request: query, form body, JSON body, then Bearer header."""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.http.body import parsed_body


async def presented_key(request: Request, names: tuple[str, ...] = ("key",)) -> str | None:
    """The credential a client sent, wherever RescueTime clients put it."""
    for name in names:
        value = request.query_params.get(name)
        if value:
            return value
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        body = await parsed_body(request)
        if isinstance(body, dict):
            for name in names:
                value = body.get(name)
                if isinstance(value, str) and value:
                    return value
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


async def api_key(request: Request) -> ApiKey:
    """FastAPI dependency: the active API key of the request, or NotAuthenticated."""
    key = await presented_key(request)
    accounts = request.app.state.services.accounts
    return await run_in_threadpool(accounts.authenticate_key, key)
