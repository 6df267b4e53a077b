"""Running a coroutine from a test, whatever else runs in the test process's main thread."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run coroutine to its end on a new event loop in a thread of its own.

    Playwright's sync API (the session's browser) drives its event loop from the main thread,
    which asyncio then counts as running there: `asyncio.run` in that thread would refuse.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
