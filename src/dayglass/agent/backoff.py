"""Exponential backoff between failed attempts to reach the server."""

from __future__ import annotations

import random


class Backoff:
    """Doubles the wait after each failure up to a cap, with jitter; resets on success."""

    def __init__(self, first_s: float, cap_s: float = 300.0) -> None:
        self.first_s = first_s
        self.cap_s = cap_s
        self.failures = 0

    def failed(self) -> float:
        """Note a failure; the seconds to wait before the next attempt."""
        self.failures += 1
        delay = min(self.cap_s, self.first_s * 2 ** (self.failures - 1))
        return delay * random.uniform(0.8, 1.0)  # spread out many agents after an outage

    def succeeded(self) -> None:
        """Note a success: the next failure starts from the first delay again."""
        self.failures = 0
