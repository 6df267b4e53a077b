"""Routes whose plain (blocking) endpoints take one hop to a worker thread, not two, and short
reads that take none on SQLite.

FastAPI runs a plain endpoint in a worker thread, and then, when the route has a response model
(a return annotation such as `dict[str, object]`), validates the answer in a second one. Under
load that second hop waits for a free thread as the first did: on SQLite, with two threads a
process, behind ingest batches waiting for their turn to write. Measured with `bench/load.py`
(4 clients ingesting batches of 1,000 while 16 query, `--workers 2`), a batch spent a median of
about 170 ms between its endpoint's return and its answer's first byte.

Here such an endpoint is wrapped in a coroutine that runs it in one worker thread, so FastAPI
validates the answer on the event loop, as it does for the routes written as coroutines.

An endpoint marked `short_read` (it only reads, a day to a month of one user's data) runs on
the event loop itself when the app reads SQLite there (see `dayglass.http.loop_reads`): in a
worker thread, each row SQLite steps hands the GIL to the event loop and back, and the more
clients a process serves, the more those hand-overs cost. Measured with `bench/load.py`
(SQLite, one process, 1, 4, 16 and 64 clients): the dashboard went from 56, 45, 46 and 54
requests/s to 58, 61, 63 and 72, `GET /api/v1/focus` from 766, 891, 883 and 862 to 1,192,
1,272, 1,312 and 1,313.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])

_SHORT_READ = "_dayglass_short_read"
# Whether the request being answered reads its database on the event loop (set by the route).
_READS_ON_LOOP: ContextVar[bool] = ContextVar("reads_on_loop", default=False)


def short_read(endpoint: Endpoint) -> Endpoint:
    """Mark a plain endpoint that only reads, briefly: on SQLite it runs on the event loop."""
    setattr(endpoint, _SHORT_READ, True)
    return endpoint


def in_one_hop(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """endpoint as a coroutine function that runs it in a worker thread, or on the loop when
    it is a short read and the request reads on the loop (FastAPI reads the parameters and
    annotations of the endpoint itself, through `__wrapped__`)."""
    on_loop_allowed = getattr(endpoint, _SHORT_READ, False)

    @functools.wraps(endpoint)
    async def hop(*args: Any, **kwargs: Any) -> Any:
        if on_loop_allowed and _READS_ON_LOOP.get():
            return endpoint(*args, **kwargs)
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return hop


class OneHopRoute(APIRoute):
    """An APIRoute whose plain endpoint runs, and is answered, in one worker-thread hop (none
    for a short read on SQLite)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        self._short_read = getattr(endpoint, _SHORT_READ, False)
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = in_one_hop(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if not self._short_read:
            return handler

        async def answer(request: Request) -> Response:
            reads_on_loop = _READS_ON_LOOP.set(bool(request.app.state.loop_reads))
            try:
                return await handler(request)
            finally:
                _READS_ON_LOOP.reset(reads_on_loop)

        return answer
