"""Active time as ActivityWatch computes it: window events intersected with not-AFK time.

Browser time is further cut by the web watcher's tab events, which give it its URL and page
title. Everything here works on one host's events of one span of time, in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from dayglass.importers.aw_model import AwEvent

NOT_AFK = "not-afk"


class Piece(NamedTuple):
    """A span of active time and what it went to."""

    start_ms: int
    end_ms: int
    app: str
    title: str
    url: str | None


def not_afk_spans(afk: Sequence[AwEvent]) -> list[tuple[int, int]]:
    """The union of the not-AFK events, in time order."""
    merged: list[tuple[int, int]] = []
    for event in sorted(e for e in afk if e.a == NOT_AFK):
        if merged and event.start_ms <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], event.end_ms))
        else:
            merged.append((event.start_ms, event.end_ms))
    return merged


def _intersect(
    start: int, end: int, spans: Sequence[tuple[int, int]], first: int
) -> Iterator[tuple[int, int]]:
    for low, high in spans[first:]:
        if low >= end:
            return
        if high > start:
            yield max(start, low), min(end, high)


def active_windows(
    windows: Sequence[AwEvent], active: Sequence[tuple[int, int]]
) -> Iterator[AwEvent]:
    """The parts of window events that fall in active spans."""
    first = 0
    for window in windows:
        while first < len(active) and active[first][1] <= window.start_ms:
            first += 1  # windows come in start order, so spans ended before one are done
        for low, high in _intersect(window.start_ms, window.end_ms, active, first):
            if high > low:
                yield AwEvent(low, high, window.a, window.b)


def with_tabs(part: AwEvent, tabs: Sequence[AwEvent]) -> Iterator[Piece]:
    """A browser window's part, cut where tabs cover it (each tab once, in time order)."""
    at = part.start_ms
    for tab in tabs:
        low, high = max(tab.start_ms, at), min(tab.end_ms, part.end_ms)
        if high <= low:
            continue
        if low > at:
            yield Piece(at, low, part.a, part.b, None)
        yield Piece(low, high, part.a, tab.b, tab.a or None)
        at = high
    if at < part.end_ms:
        yield Piece(at, part.end_ms, part.a, part.b, None)


class Tabs:
    """A host's tab events of a span, asked for in time order (a cursor, not a search)."""

    def __init__(self, tabs: Sequence[AwEvent]) -> None:
        self._tabs = sorted(tabs)
        self._first = 0

    def within(self, start: int, end: int) -> list[AwEvent]:
        """The tab events overlapping start..end (starts never go back between calls)."""
        tabs = self._tabs
        while self._first < len(tabs) and tabs[self._first].end_ms <= start:
            self._first += 1
        found = []
        for tab in tabs[self._first :]:
            if tab.start_ms >= end:
                break
            if tab.end_ms > start:
                found.append(tab)
        return found
