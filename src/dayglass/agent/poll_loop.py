"""The poll loop's schedule: poll every interval, cut spans and wake the syncer on schedule."""

from __future__ import annotations

from collections.abc import Callable

from dayglass.agent.recorder import Recorder
from dayglass.core.clock import Clock


class PollLoop:
    """Says when the next poll is due and does what is due; it never waits itself.

    Every time comes from the clock, so the runner can wait on a stop event in real time while
    a test moves a ManualClock by `delay()` and calls `step()`, with no sleeping.
    """

    def __init__(
        self,
        recorder: Recorder,
        wake_syncer: Callable[[], None],
        clock: Clock,
        poll_s: float,
        sync_s: float,
    ) -> None:
        self._recorder = recorder
        self._wake_syncer = wake_syncer
        self._clock = clock
        self._poll_s = poll_s
        self._sync_s = sync_s
        self._next_poll = self._next_cut = clock.monotonic()

    def start(self) -> None:
        """The first poll, at once; the first cut comes a sync interval later."""
        self._next_cut = self._clock.monotonic() + self._sync_s
        self._poll()

    def delay(self) -> float:
        """Seconds until the next poll is due; 0 when it is due now."""
        return max(0.0, self._next_poll - self._clock.monotonic())

    def step(self) -> None:
        """Poll; when a sync is due, cut the open span for upload and wake the syncer."""
        self._poll()
        if self._clock.monotonic() >= self._next_cut:
            self._recorder.cut()
            self._wake_syncer()
            self._next_cut = self._clock.monotonic() + self._sync_s

    def _poll(self) -> None:
        now = self._clock.monotonic()
        self._next_poll += self._poll_s
        if self._next_poll <= now:
            # More than a poll behind (a suspended laptop, a stalled process): polls missed
            # are gone, so start the schedule afresh rather than polling in a burst.
            self._next_poll = now + self._poll_s
        self._recorder.poll()
