"""The recorder: each poll's observation becomes spans of attention in the durable queue."""

from __future__ import annotations

from dayglass.agent.observation import Observation, Watcher
from dayglass.agent.pause import PAUSED_UNTIL, paused
from dayglass.agent.privacy import PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.core.clock import Clock, unix_ms
from dayglass.core.heartbeats import Attention, HeartbeatMerger, Sample


class Recorder:
    """Merges polls into spans; a span is final once input shows the user was there.

    Time after the last input is tentative: if the user turns out to be away, it is cut back
    to that input (away counts from the last input, not from when the threshold passed).
    Tentative spans are checkpointed too, so a crash loses at most one poll.
    """

    def __init__(
        self,
        watcher: Watcher,
        queue: Queue,
        rules: PrivacyRules,
        away_after_ms: int,
        pulse_ms: int,
        clock: Clock,
    ) -> None:
        self._watcher = watcher
        self._queue = queue
        self._rules = rules
        self._away_after_ms = away_after_ms
        self._clock = clock
        self._merger = HeartbeatMerger(pulse_ms)
        self._tentative: list[Attention] = []
        self._last_input_ms = 0
        self.state = "starting"

    def poll(self) -> str:
        """Look at the screen once and store what it shows; returns the agent's state."""
        now = self._now_ms()
        seen = self._watcher.observe()
        self._last_input_ms = now - seen.idle_ms
        finished: list[Attention] = []
        if paused(self._queue.get(PAUSED_UNTIL), now):
            self.state = "paused"
            self._add(self._merger.stop(now))
        elif seen.locked or seen.idle_ms >= self._away_after_ms:
            self.state = "away"
            finished = self._away_since(self._last_input_ms)
        else:
            self.state = "recording"
            sample = self._allowed(seen)
            self._add(self._merger.stop(now) if sample is None else self._merger.beat(now, sample))
        finished += self._confirmed(self._last_input_ms)
        self._store(finished, now)
        return self.state

    def cut(self) -> None:
        """Finish the open span up to the last input, so that it can be uploaded now."""
        closed = self._merger.cut(self._last_input_ms)
        if closed is not None:
            self._store([closed], self._now_ms())

    def finish(self) -> None:
        """The agent is stopping: everything recorded so far is final."""
        now = self._now_ms()
        self._add(self._merger.stop(now))
        finished, self._tentative = self._tentative, []
        self.state = "stopped"
        self._store(finished, now)

    def _allowed(self, seen: Observation) -> Sample | None:
        return self._rules.apply(seen.sample) if seen.sample is not None else None

    def _add(self, closed: Attention | None) -> None:
        if closed is not None:
            self._tentative.append(closed)

    def _away_since(self, since_ms: int) -> list[Attention]:
        self._add(self._merger.stop(since_ms))
        kept = [a for a in self._tentative if a.start_ms < since_ms]
        self._tentative = []
        return [
            a if a.end_ms <= since_ms else Attention(a.start_ms, since_ms, a.sample) for a in kept
        ]

    def _confirmed(self, last_input_ms: int) -> list[Attention]:
        confirmed = [a for a in self._tentative if a.end_ms <= last_input_ms]
        self._tentative = [a for a in self._tentative if a.end_ms > last_input_ms]
        return confirmed

    def _store(self, finished: list[Attention], now: int) -> None:
        still_open = [*self._tentative, *filter(None, [self._merger.open])]
        state = {"last_poll_ms": str(now), "state": self.state}
        self._queue.record(finished, [a for a in still_open if a.duration_ms > 0], state)

    def _now_ms(self) -> int:
        return unix_ms(self._clock)
