"""What a watcher reports at each poll, and the interface every platform's watcher offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from dayglass.core.errors import DayglassError
from dayglass.core.heartbeats import Sample


@dataclass(frozen=True, slots=True)
class Observation:
    """One poll of the screen: the window with attention, the idle time, the lock state."""

    sample: Sample | None  # None when no window has the focus
    idle_ms: int  # since the last keyboard or pointer input
    locked: bool = False


class Watcher(Protocol):
    """A platform's window and input watcher."""

    def observe(self) -> Observation:
        """Look at the screen now."""
        ...

    def close(self) -> None:
        """Release the platform's resources."""
        ...


class UnsupportedSession(DayglassError):
    """The desktop session offers no way to watch the active window."""

    code = "unsupported_session"
