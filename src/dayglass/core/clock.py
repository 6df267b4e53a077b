"""The one clock: every reading of the time goes through a Clock passed down from a root.

SystemClock is the real one; ManualClock is a clock that stands still until it is moved, so tests
(and anything else that must decide the hour) can pin the day and the time.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Wall-clock time (aware, UTC) and a monotonic reading for measuring durations."""

    def now(self) -> datetime:
        """The current moment, timezone-aware in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back, for measuring durations."""
        ...

    def sleep(self, seconds: float) -> None:
        """Let seconds pass."""
        ...


def unix_ms(clock: Clock) -> int:
    """The clock's current moment in whole unix milliseconds."""
    return int(clock.now().timestamp() * 1000)


def local_date(clock: Clock, zone: str) -> date:
    """Today's date on the wall clock of zone."""
    return clock.now().astimezone(ZoneInfo(zone)).date()


class SystemClock:
    """The machine's clock: the only place Dayglass reads the real time."""

    def now(self) -> datetime:
        """The current moment, timezone-aware in UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """The machine's monotonic clock, in seconds."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Block for seconds."""
        time.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that stands still until moved; sleeping on it moves it at once."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a ManualClock needs an aware start")
        self._now = start.astimezone(UTC)
        self._monotonic = 0.0
        self._lock = threading.Lock()

    @classmethod
    def at_local(cls, text: str, zone: str = "Europe/Berlin") -> ManualClock:
        """A clock at a wall-clock time `YYYY-MM-DDTHH:MM[:SS]` in zone."""
        return cls(datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)))

    def now(self) -> datetime:
        """The pinned moment."""
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        """Seconds this clock has been moved forward since it was made."""
        with self._lock:
            return self._monotonic

    def sleep(self, seconds: float) -> None:
        """Move the clock forward by seconds, without waiting."""
        self.advance(seconds=max(0.0, seconds))

    def set(self, moment: datetime) -> None:
        """Put the clock at moment (aware); the monotonic reading moves only forward."""
        with self._lock:
            moved = (moment - self._now).total_seconds()
            self._now = moment.astimezone(UTC)
            self._monotonic += max(0.0, moved)

    def set_local(self, text: str, zone: str = "Europe/Berlin") -> None:
        """Put the clock at a wall-clock time `YYYY-MM-DDTHH:MM[:SS]` in zone."""
        self.set(datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)))

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a timedelta's keyword arguments (seconds=, minutes=...)."""
        step = timedelta(**delta)
        with self._lock:
            self._now += step
            self._monotonic += step.total_seconds()
