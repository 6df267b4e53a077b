"""Slowing down repeated failed sign-ins."""

from __future__ import annotations

import time
from collections.abc import Callable

_FREE_FAILURES = 3
_MAX_DELAY = 8.0
_FORGET_AFTER = 15 * 60


class SignInThrottle:
    """Counts recent failures per account and says how long the next try must wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, tuple[int, float]] = {}

    def delay(self, email: str) -> float:
        """Seconds to wait before checking this account's password again."""
        count, last = self._failures.get(email.strip().lower(), (0, 0.0))
        if count < _FREE_FAILURES or self._clock() - last > _FORGET_AFTER:
            return 0.0
        return min(2.0 ** (count - _FREE_FAILURES), _MAX_DELAY)

    def failed(self, email: str) -> None:
        """Record a failure."""
        key = email.strip().lower()
        count, last = self._failures.get(key, (0, 0.0))
        if self._clock() - last > _FORGET_AFTER:
            count = 0
        self._failures[key] = (count + 1, self._clock())

    def succeeded(self, email: str) -> None:
        """Forget the account's failures."""
        self._failures.pop(email.strip().lower(), None)
