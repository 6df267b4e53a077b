"""Exponential backoff between failed attempts to reach the server."""

from __future__ import annotations

import random
from collections.abc import Callable

Jitter = Callable[[float, float], float]  # a number between its two arguments, like uniform


class Backoff:
    """Doubles the wait after each failure up to a cap, with jitter; resets on success."""

    def __init__(self, first_s: float, cap_s: float = 300.0, jitter: Jitter = random.uniform):
        self.first_s = first_s
        self.cap_s = cap_s
        self.failures = 0
        self._jitter = jitter

    def failed(self) -> float:
        """Note a failure; the seconds to wait before the next attempt."""
        self.failures += 1
        delay = min(self.cap_s, self.first_s * 2.0 ** (self.failures - 1))
        return delay * self._jitter(0.8, 1.0)  # spread out many agents after an outage

    def succeeded(self) -> None:
        """Note a success: the next failure starts from the first delay again."""
        self.failures = 0
