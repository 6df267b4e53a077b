"""Routes whose plain (blocking) endpoints take one hop to a worker thread, not two.

FastAPI runs a plain endpoint in a worker thread, and then, when the route has a response model
(a return annotation such as `dict[str, object]`), validates the answer in a second one. Under
load that second hop waits for a free thread as the first did: on SQLite, with two threads a
process, behind ingest batches waiting for their turn to write. Measured with `bench/load.py`
(4 clients ingesting batches of 1,000 while 16 query, `--workers 2`), a batch spent a median of
about 170 ms between its endpoint's return and its answer's first byte.

Here such an endpoint is wrapped in a coroutine that runs it in one worker thread, so FastAPI
validates the answer on the event loop, as it does for the routes written as coroutines.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool


def in_one_hop(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """endpoint as a coroutine function that runs it in a worker thread (FastAPI reads the
    parameters and annotations of the endpoint itself, through `__wrapped__`)."""

    @functools.wraps(endpoint)
    async def hop(*args: Any, **kwargs: Any) -> Any:
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return hop


class OneHopRoute(APIRoute):
    """An APIRoute whose plain endpoint runs, and is answered, in one worker-thread hop."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = in_one_hop(endpoint)
        super().__init__(path, endpoint, **kwargs)
