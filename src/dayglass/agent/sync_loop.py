"""The sync schedule: upload every interval or when woken, back off after failures."""

from __future__ import annotations

import logging

from dayglass.agent.backoff import Backoff
from dayglass.agent.focus import FocusClient, FocusFollower
from dayglass.agent.uploader import Outcome, Uploader
from dayglass.core.clock import Clock, unix_ms

log = logging.getLogger(__name__)


class SyncLoop:
    """Decides when to upload and follows focus sessions; it never waits itself.

    The sync thread waits up to `delay()` for a wake-up and then calls `step()`; a test moves a
    ManualClock instead. Every time comes from the clock.
    """

    def __init__(
        self,
        uploader: Uploader,
        focus: FocusClient,
        follower: FocusFollower,
        clock: Clock,
        sync_s: float,
        backoff: Backoff,
    ) -> None:
        self._uploader = uploader
        self._focus = focus
        self._follower = follower
        self._clock = clock
        self._sync_s = sync_s
        self._backoff = backoff
        self._next_try = clock.monotonic() + sync_s

    def delay(self) -> float:
        """Seconds until the next attempt is due; 0 when it is due now."""
        return max(0.0, self._next_try - self._clock.monotonic())

    def step(self, woken: bool) -> bool:
        """Sync if it is due, or if woken and not backing off; whether it tried."""
        due = self._clock.monotonic() >= self._next_try
        if not due and not (woken and not self._backoff.failures):
            return False
        delay = self._attempt()
        self._next_try = self._clock.monotonic() + delay
        return True

    def finish(self) -> None:
        """The agent is stopping: one last upload, whatever the backoff says."""
        try:
            self._uploader.flush()
        except Exception:
            log.exception("the last upload failed; the events stay queued for the next start")

    def _attempt(self) -> float:
        """One sync; the delay until the next. A fault here never stops syncing for good."""
        try:
            delay = self._upload()
            self._follower.update(self._focus.current(unix_ms(self._clock)))
        except Exception:  # e.g. a locked queue file: keep the events, try again later
            log.exception("sync failed; the events stay queued")
            delay = self._backoff.failed()
        return delay

    def _upload(self) -> float:
        if self._uploader.flush() is Outcome.SENT:
            self._backoff.succeeded()
            return self._sync_s
        delay = self._backoff.failed()
        log.info("will try the server again in %.0f s", delay)
        return delay
