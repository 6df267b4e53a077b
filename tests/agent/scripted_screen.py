"""A watcher for the agent's loop tests: a screen whose window, input and lock a test sets.

Its idle time comes from the same ManualClock that drives the recorder, so every span boundary
is exact and nothing sleeps.
"""

from __future__ import annotations

from datetime import datetime

from dayglass.agent.observation import Observation
from dayglass.core.clock import ManualClock
from dayglass.core.heartbeats import Sample


def ms(moment: datetime) -> int:
    """A moment in unix milliseconds, as the agent stores it."""
    return int(moment.timestamp() * 1000)


class ScriptedScreen:
    """The Watcher protocol over scripted state: what has the focus, when input last came."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.sample: Sample | None = None
        self.last_input = clock.now()
        self.locked = False
        self.closed = False
        self.observed = 0

    def focus(self, app: str, title: str) -> None:
        """The user brings a window to the front (input, too)."""
        self.sample = Sample(app, title)
        self.touch()

    def touch(self) -> None:
        """Some user input now."""
        self.last_input = self.clock.now()

    def observe(self) -> Observation:
        """What a platform's watcher would report now."""
        self.observed += 1
        idle_ms = ms(self.clock.now()) - ms(self.last_input)
        return Observation(self.sample, idle_ms, self.locked)

    def close(self) -> None:
        """Remember that the agent let go of the screen."""
        self.closed = True
