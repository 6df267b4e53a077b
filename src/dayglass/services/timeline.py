"""The day as a timeline: the raw events of each device, clipped exactly as ingest counted them.

Ingest gives each device's overlapping time to whichever event arrived first and cuts what is
left at local 5-minute buckets; a local day is a whole number of buckets. So replaying a
device's stored events in arrival order through the same `Coverage`, then clipping each part
to the local day in its event's own UTC offset, finds exactly the milliseconds the reports
count for that day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from dayglass.core.categorization import Categorizer
from dayglass.core.localtime import DAY_SECONDS, day_to_local
from dayglass.core.naming import activity_of, document_of
from dayglass.core.spans import Coverage
from dayglass.services.categories import CategoryService

DAY_MS = DAY_SECONDS * 1000
# Local time is UTC plus at most 14 hours either way: the UTC window that can touch a local day.
_OFFSET_MS = 14 * 3600 * 1000
AWAY_MIN_MS = 5 * 60 * 1000  # shorter pauses are reading, not being away
OFFLINE_ROW = "Offline time"


Texts = tuple[int, int, int | None]  # the ids of an event's app, title and URL texts


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One raw event as stored, with its device; the store yields them in arrival order."""

    device: str
    source_type: str
    start_ms: int
    duration_ms: int
    offset_min: int
    texts: Texts


class TimelineStore(Protocol):
    """Reads the raw events a timeline is drawn from, and the texts they name."""

    def events(self, user_id: int, low_ms: int, high_ms: int) -> list[StoredEvent]:
        """The user's events that may overlap UTC [low_ms, high_ms), in arrival order."""
        ...

    def texts(self, user_id: int, ids: Collection[int]) -> dict[int, str]:
        """The texts of these ids."""
        ...


@dataclass(frozen=True, slots=True)
class TimelineSpan:
    """Counted time of one activity and document: local milliseconds since the day's midnight."""

    start_ms: int
    end_ms: int
    activity: str
    document: str
    category: str
    overview: str
    productivity: int

    @property
    def ms(self) -> int:
        """How long the span lasts."""
        return self.end_ms - self.start_ms


@dataclass
class TimelineRow:
    """One device (or all offline time) and its spans in time order."""

    name: str
    offline: bool
    spans: list[TimelineSpan] = field(default_factory=list)

    @property
    def ms(self) -> int:
        """The row's counted time."""
        return sum(span.ms for span in self.spans)


@dataclass(frozen=True, slots=True)
class Gap:
    """Time away: no device counted anything, between the day's first and last span."""

    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Timeline:
    """A local day: a row per device, offline time last, and the gaps between."""

    day: date
    rows: list[TimelineRow]
    gaps: list[Gap]

    @property
    def ms(self) -> int:
        """The day's counted time over every row."""
        return sum(row.ms for row in self.rows)

    @property
    def span_count(self) -> int:
        """How many spans the rows hold."""
        return sum(len(row.spans) for row in self.rows)


@dataclass
class _Part:
    start_ms: int
    end_ms: int
    activity: str
    document: str


Claimed = tuple[int, int, Texts]  # local [start, end) and the texts of its event


def counted_parts(
    events: Iterable[StoredEvent], low_local_ms: int, high_local_ms: int
) -> dict[str, list[Claimed]]:
    """Per device, the parts of events ingest counted that lie inside local [low, high)."""
    coverage: dict[str, Coverage] = defaultdict(Coverage)
    parts: dict[str, list[Claimed]] = defaultdict(list)
    for event in events:
        shift = event.offset_min * 60_000
        claimed = coverage[event.device].claim((event.start_ms, event.start_ms + event.duration_ms))
        for start, end in claimed:
            start, end = max(start + shift, low_local_ms), min(end + shift, high_local_ms)
            if end > start:
                parts[event.device].append((start, end, event.texts))
    return parts


def _merged(parts: list[_Part]) -> list[_Part]:
    """Parts in time order, one part joined to the next of the same activity and document
    when it follows without a pause."""
    parts.sort(key=lambda p: p.start_ms)
    merged: list[_Part] = []
    for part in parts:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.end_ms == part.start_ms
            and (last.activity, last.document) == (part.activity, part.document)
        ):
            last.end_ms = part.end_ms
        else:
            merged.append(part)
    return merged


def away_gaps(rows: Sequence[TimelineRow]) -> list[Gap]:
    """The pauses of at least AWAY_MIN_MS when no row counted time, first to last span."""
    spans = sorted((s.start_ms, s.end_ms) for row in rows for s in row.spans)
    gaps: list[Gap] = []
    reach: int | None = None
    for start, end in spans:
        if reach is not None and start - reach >= AWAY_MIN_MS:
            gaps.append(Gap(reach, start))
        reach = end if reach is None else max(reach, end)
    return gaps


class TimelineService:
    """Draws a user's local day from the raw events, categorized as the reports are."""

    def __init__(self, store: TimelineStore, categories: CategoryService) -> None:
        self._store = store
        self._categories = categories

    def day(self, user_id: int, day: date) -> Timeline:
        """The timeline of one local day."""
        low = day_to_local(day) * 1000
        high = low + DAY_MS
        events = self._store.events(user_id, low - _OFFSET_MS, high + _OFFSET_MS)
        sources = {event.device: event.source_type for event in events}
        parts = self._named(user_id, counted_parts(events, low, high))
        categorizer = self._categories.categorizer(user_id)
        rows: list[TimelineRow] = []
        offline = TimelineRow(OFFLINE_ROW, offline=True)
        for device in sorted(parts):
            spans = _spans(parts[device], low, categorizer)
            if sources[device] == "offline":
                offline.spans.extend(spans)
            else:
                rows.append(TimelineRow(device, offline=False, spans=spans))
        offline.spans.sort(key=lambda s: s.start_ms)
        rows.append(offline)
        return Timeline(day, rows, away_gaps(rows))

    def _named(self, user_id: int, found: dict[str, list[Claimed]]) -> dict[str, list[_Part]]:
        """The parts named as ingest names them (only their texts are read) and merged."""
        ids = {i for parts in found.values() for _, _, texts in parts for i in texts if i}
        text = self._store.texts(user_id, ids)
        canonical = self._categories.catalog.canonical_app
        names: dict[Texts, tuple[str, str]] = {}
        named: dict[str, list[_Part]] = {}
        for device, parts in found.items():
            named[device] = []
            for start, end, texts in parts:
                if texts not in names:
                    app, title, url = texts
                    address = None if url is None else text[url]
                    names[texts] = (
                        activity_of(text[app], address, canonical),
                        document_of(text[title], address),
                    )
                named[device].append(_Part(start, end, *names[texts]))
        return {device: _merged(parts) for device, parts in named.items()}


def _spans(parts: list[_Part], low: int, categorizer: Categorizer) -> list[TimelineSpan]:
    found: list[TimelineSpan] = []
    for part in parts:
        where = categorizer.categorize(part.activity)
        found.append(
            TimelineSpan(
                part.start_ms - low,
                part.end_ms - low,
                part.activity,
                part.document,
                where.category,
                where.overview,
                where.productivity,
            )
        )
    return found
