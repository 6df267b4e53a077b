"""Politeness towards a source: a request rate limit, and retries with backoff."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import httpx

from dayglass.client import RateLimited, ServerError
from dayglass.core.clock import Clock

T = TypeVar("T")

RETRYABLE = (RateLimited, ServerError, httpx.TransportError)


class Pacer:
    """Spaces requests at least `interval` seconds apart and retries refused ones.

    A 429 waits what its Retry-After says (else the backoff); a 5xx or a broken connection
    waits first_backoff, doubling each time up to max_backoff. All waiting is the clock's
    sleep, so a test with a manual clock never waits.
    """

    def __init__(
        self,
        clock: Clock,
        interval: float = 1.0,
        retries: int = 6,
        first_backoff: float = 2.0,
        max_backoff: float = 300.0,
    ) -> None:
        self._clock = clock
        self._interval = interval
        self._retries = retries
        self._first_backoff = first_backoff
        self._max_backoff = max_backoff
        self._last: float | None = None
        self.retried = 0

    def call(self, request: Callable[[], T]) -> T:
        """The request's result, after waiting its turn and retrying refusals."""
        attempt = 0
        while True:
            self._wait_turn()
            try:
                return request()
            except RETRYABLE as error:
                attempt += 1
                if attempt > self._retries:
                    raise
                self.retried += 1
                self._clock.sleep(self._backoff(attempt, error))

    def _wait_turn(self) -> None:
        now = self._clock.monotonic()
        if self._last is not None and now - self._last < self._interval:
            self._clock.sleep(self._interval - (now - self._last))
        self._last = self._clock.monotonic()

    def _backoff(self, attempt: int, error: Exception) -> float:
        if isinstance(error, RateLimited) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self._max_backoff)
        return float(min(self._first_backoff * 2 ** (attempt - 1), self._max_backoff))
