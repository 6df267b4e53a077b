"""Importing a person's history from a server speaking RescueTime's Data API.

One request per day with time, in the finest shape the API gives (interval perspective, 5-minute
buckets, by document). Days with time are found first at day resolution, a year a request.
After each day its events are stored and the day is marked done, so an interrupted import
continues with the next day; event ids are derived from the rows, so a rerun adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from hashlib import sha256
from zoneinfo import ZoneInfo

from dayglass.client import DataResult, RescueTimeClient
from dayglass.core.clock import local_date
from dayglass.importers.pacing import Pacer
from dayglass.importers.progress import NoProgress, Progress
from dayglass.importers.rescuetime_layout import lay_out_day
from dayglass.importers.rescuetime_rows import SourceRow, read_days, read_document_rows
from dayglass.importers.source_categories import CategoryTally, SourceCategories
from dayglass.importers.storing import ImportedEvent, StoreTally, store_events
from dayglass.services.ports import ImportCursorStore
from dayglass.services.registry import Services

DEVICE = "import/rescuetime"
EARLIEST = date(2008, 1, 1)  # RescueTime's first year: no history is older
INDEX_SPAN_DAYS = 366


def lane_device(lane: int) -> str:
    """The device of a lane: the import device itself, then `import/rescuetime 2`, ..."""
    return DEVICE if lane == 0 else f"{DEVICE} {lane + 1}"


@dataclass
class RescueTimeReport:
    """What an import did."""

    days: int = 0
    skipped_days: int = 0  # already imported by an earlier run
    store: StoreTally = field(default_factory=StoreTally)
    categories: CategoryTally = field(default_factory=CategoryTally)


def cursor_name(base_url: str, key: str) -> str:
    """The cursor of one source account: its server and a digest of its key (never the key)."""
    return f"rescuetime {sha256(key.encode()).hexdigest()[:16]} {base_url}"[:200]


class RescueTimeImport:
    """Pulls one source account's history into one Dayglass user."""

    def __init__(
        self,
        services: Services,
        cursors: ImportCursorStore,
        client: RescueTimeClient,
        cursor: str,
        pacer: Pacer | None = None,
        progress: Progress | None = None,
    ) -> None:
        self._services = services
        self._cursors = cursors
        self._client = client
        self._cursor = cursor
        self._pacer = pacer or Pacer(services.clock)
        self._progress = progress or NoProgress()

    def run(
        self, user_id: int, since: date | None = None, until: date | None = None
    ) -> RescueTimeReport:
        """Import the user's days since..until (default: all history through yesterday)."""
        user = self._services.accounts.user(user_id)
        zone = ZoneInfo(user.timezone)
        last = until or local_date(self._services.clock, user.timezone) - timedelta(days=1)
        first = since or EARLIEST
        begin = self._resume_from(user_id, first)
        days = list(self._days_with_time(begin, last))
        categories = SourceCategories(self._services.categories, user_id)
        report = RescueTimeReport(skipped_days=max((begin - first).days, 0))
        report.categories = categories.tally
        self._progress.start(len(days), "days")
        for day in days:
            rows = read_document_rows(self._pacer.call(partial(self._document_rows, day)))
            categories.adopt(_categorization(rows))
            self._store_day(user_id, rows, zone, report.store)
            self._mark_done(user_id, first, day)
            report.days += 1
            self._progress.advance()
        if begin <= last:  # the days without time are done too
            self._mark_done(user_id, first, last)
        return report

    def _resume_from(self, user_id: int, first: date) -> date:
        """The first day still to import: after the last one done, unless asked for older days."""
        position = self._cursors.position(user_id, self._cursor)
        if position is None:
            return first
        since_text, _, done_text = position.partition("/")
        if first < date.fromisoformat(since_text):
            return first
        return max(first, date.fromisoformat(done_text) + timedelta(days=1))

    def _mark_done(self, user_id: int, first: date, day: date) -> None:
        position = self._cursors.position(user_id, self._cursor)
        if position is not None:
            first = min(first, date.fromisoformat(position.partition("/")[0]))
        self._cursors.set_position(user_id, self._cursor, f"{first}/{day}")

    def _days_with_time(self, begin: date, end: date) -> Iterator[date]:
        for low, high in _spans(begin, end, INDEX_SPAN_DAYS):
            answer = self._pacer.call(partial(self._day_totals, low, high))
            yield from read_days(answer)

    def _day_totals(self, begin: date, end: date) -> DataResult:
        return self._client.data(
            perspective="interval",
            resolution_time="day",
            restrict_kind="productivity",
            restrict_begin=begin,
            restrict_end=end,
        )

    def _document_rows(self, day: date) -> DataResult:
        return self._client.data(
            perspective="interval",
            resolution_time="minute",
            restrict_kind="document",
            restrict_begin=day,
            restrict_end=day,
        )

    def _store_day(
        self, user_id: int, rows: list[SourceRow], zone: ZoneInfo, tally: StoreTally
    ) -> None:
        lanes: dict[int, list[ImportedEvent]] = defaultdict(list)
        for lane, event in lay_out_day(rows, zone):
            lanes[lane].append(event)
        for lane, events in sorted(lanes.items()):
            store_events(self._services.ingest, user_id, lane_device(lane), events, tally)


def _categorization(rows: list[SourceRow]) -> dict[str, tuple[str, int]]:
    """Each activity's sub-category and productivity as the source reports them."""
    return {row.activity: (row.category, row.productivity) for row in rows}


def _spans(begin: date, end: date, days: int) -> Iterator[tuple[date, date]]:
    """begin..end in inclusive spans of at most days days."""
    low = begin
    while low <= end:
        high = min(end, low + timedelta(days=days - 1))
        yield low, high
        low = high + timedelta(days=1)
