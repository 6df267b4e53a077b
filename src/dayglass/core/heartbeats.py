"""Heartbeat merging: the samples of consecutive polls become spans of attention.

An agent polls the screen every second or so. Each poll that finds the same window as the one
before extends the open span; a different window, a gap longer than the pulse (the machine
slept, the agent stalled), or the user going away closes it. Times are UTC milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Sample:
    """What had the user's attention at one poll: an application, a title and a URL."""

    app: str
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Attention:
    """A span [start_ms, end_ms) during which one sample had the user's attention."""

    start_ms: int
    end_ms: int
    sample: Sample

    @property
    def duration_ms(self) -> int:
        """The span's length in milliseconds."""
        return self.end_ms - self.start_ms


class HeartbeatMerger:
    """Merges heartbeats (a sample seen at an instant) into spans of attention."""

    def __init__(self, pulse_ms: int) -> None:
        self.pulse_ms = pulse_ms
        self._open: Attention | None = None

    @property
    def open(self) -> Attention | None:
        """The span still being extended, if any."""
        return self._open

    def beat(self, at_ms: int, sample: Sample) -> Attention | None:
        """Record that sample had attention at at_ms; returns the span this closed, if any."""
        current = self._open
        if current is not None and current.sample == sample and self._continues(current, at_ms):
            self._open = replace(current, end_ms=at_ms)
            return None
        closed = self.stop(at_ms)
        self._open = Attention(at_ms, at_ms, sample)
        return closed

    def stop(self, at_ms: int) -> Attention | None:
        """Attention ended at at_ms (which may lie in the past): close the open span.

        The span ends at at_ms when that is within a pulse of its last heartbeat; a later
        at_ms means nobody was watching in between, so the span ends at its last heartbeat.
        An earlier at_ms cuts the span back (away since the last input). Empty spans vanish.
        """
        current, self._open = self._open, None
        if current is None:
            return None
        end = at_ms if at_ms <= current.end_ms + self.pulse_ms else current.end_ms
        return replace(current, end_ms=end) if end > current.start_ms else None

    def cut(self, at_ms: int) -> Attention | None:
        """Close the open span's part before at_ms and keep extending the rest."""
        current = self._open
        if current is None or not current.start_ms < at_ms <= current.end_ms:
            return None
        self._open = replace(current, start_ms=at_ms)
        return replace(current, end_ms=at_ms)

    def _continues(self, current: Attention, at_ms: int) -> bool:
        return 0 <= at_ms - current.end_ms <= self.pulse_ms
