"""Cutting spans of attention: clipping overlaps and splitting at 5-minute buckets.

Times are integers (milliseconds) so that splitting is exact: the parts of an event
always add up to the event.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator

BUCKET_MS = 300_000

Span = tuple[int, int]  # [start, end) in UTC milliseconds


class Coverage:
    """The time already counted for one device: a set of disjoint spans."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: list[Span] = []
        for span in sorted(spans):
            self.add(span)

    def uncovered(self, span: Span) -> list[Span]:
        """The parts of span that no counted span covers yet."""
        start, end = span
        parts: list[Span] = []
        cursor = start
        index = max(bisect_left(self._spans, (start, start)) - 1, 0)
        for c_start, c_end in self._spans[index:]:
            if c_start >= end:
                break
            if c_end <= cursor:
                continue
            if c_start > cursor:
                parts.append((cursor, c_start))
            cursor = max(cursor, c_end)
        if cursor < end:
            parts.append((cursor, end))
        return parts

    def add(self, span: Span) -> None:
        """Count span, merging it with the spans it touches."""
        start, end = span
        if end <= start:
            return
        index = bisect_left(self._spans, (start, start))
        if index > 0 and self._spans[index - 1][1] >= start:
            index -= 1
        while index < len(self._spans) and self._spans[index][0] <= end:
            old_start, old_end = self._spans.pop(index)
            start, end = min(start, old_start), max(end, old_end)
        insort(self._spans, (start, end))

    def claim(self, span: Span) -> list[Span]:
        """The uncovered parts of span, which are counted from now on."""
        spans = self._spans
        if not spans or span[0] >= spans[-1][0]:
            # The common case: events arrive in order, starting after every counted span
            # but perhaps overlapping the last one a little.
            last_start, last_end = spans[-1] if spans else (span[0], span[0])
            start = max(span[0], last_end)
            if span[1] <= start:
                return []
            if spans and start == last_end:
                spans[-1] = (last_start, span[1])
            else:
                spans.append((start, span[1]))
            return [(start, span[1])]
        parts = self.uncovered(span)
        for part in parts:
            self.add(part)
        return parts


def split_into_buckets(span: Span, offset_minutes: int) -> Iterator[tuple[int, int]]:
    """Yield (local bucket start in seconds, milliseconds) for each 5-minute bucket span touches.

    Buckets are cut in the device's local time (UTC plus offset), so a device at +05:45 gets
    buckets aligned to its own wall clock.
    """
    offset_ms = offset_minutes * 60_000
    start, end = span[0] + offset_ms, span[1] + offset_ms
    while start < end:
        bucket = start - start % BUCKET_MS
        stop = min(end, bucket + BUCKET_MS)
        yield bucket // 1000, stop - start
        start = stop
