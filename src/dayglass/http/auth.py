"""Finding the API key of a request: query, form body, JSON body, then Bearer header."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.http.body import parsed_body
from dayglass.http.dependencies import LoopReadsDep, ServicesDep


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


async def _presented_api_key(request: Request) -> str | None:
    # Awaits the body (a key may be in it), so it stays on the event loop.
    return await presented_key(request)


async def api_key(
    presented: Annotated[str | None, Depends(_presented_api_key)],
    services: ServicesDep,
    loop_reads: LoopReadsDep,
) -> ApiKey:
    """FastAPI dependency: the active API key of the request, or NotAuthenticated.

    On SQLite the key is read on the event loop (see `dayglass.http.loop_reads`); noting its
    use, a write, and any read on PostgreSQL go to a worker thread.
    """
    accounts = services.accounts
    if not loop_reads:
        return await run_in_threadpool(accounts.authenticate_key, presented)
    record = accounts.active_key(presented)
    if accounts.use_due(record):
        await run_in_threadpool(accounts.note_use, presented or "")
    return record


Key = Annotated[ApiKey, Depends(api_key)]
