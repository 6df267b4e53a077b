"""Importing ActivityWatch: an export file or a running aw-server, each host as a device.

The source's events are first spilled to a scratch SQLite file (memory stays flat), then each
host is imported a local day at a time: window events cut to not-AFK time, browser time cut by
tab events for its URL. Event ids derive from what they hold, so a rerun adds nothing; after
each whole day the host's cursor moves on, so an interrupted import continues where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dayglass.importers.aw_active import Piece, Tabs, active_windows, not_afk_spans, with_tabs
from dayglass.importers.aw_browsers import browser_apps, is_browser
from dayglass.importers.aw_model import AwEvent
from dayglass.importers.aw_spill import AFK, WEB, WINDOW, Bucket, Spill
from dayglass.importers.ids import stable_id
from dayglass.importers.progress import NoProgress, Progress
from dayglass.importers.storing import ImportedEvent, StoreTally, store_events
from dayglass.services.ports import ImportCursorStore
from dayglass.services.registry import Services

_DAYS_BATCH = 4_000  # events: whole days are stored together once this many are waiting


@dataclass(frozen=True)
class Host:
    """A host's buckets: where its windows, AFK states and browser tabs are."""

    name: str
    windows: list[str] = field(default_factory=list)
    afk: list[str] = field(default_factory=list)
    web: list[str] = field(default_factory=list)

    @property
    def buckets(self) -> list[str]:
        """All of the host's buckets."""
        return self.windows + self.afk + self.web


def hosts_of(buckets: list[Bucket]) -> list[Host]:
    """Buckets grouped by host; a web bucket of no window host goes to the only host there is."""
    hosts: dict[str, Host] = {}
    for bucket in buckets:
        if bucket.type == WINDOW:
            hosts.setdefault(bucket.hostname, Host(bucket.hostname)).windows.append(bucket.id)
    for bucket in buckets:
        host = hosts.get(bucket.hostname)
        if host is None and len(hosts) == 1 and bucket.type == WEB:
            host = next(iter(hosts.values()))  # older web watchers report no hostname
        if host is not None and bucket.type == AFK:
            host.afk.append(bucket.id)
        elif host is not None and bucket.type == WEB:
            host.web.append(bucket.id)
    return sorted(hosts.values(), key=lambda h: h.name)


@dataclass
class ActivityWatchReport:
    """What an import did."""

    hosts: list[str] = field(default_factory=list)
    days: int = 0
    skipped_days: int = 0
    store: StoreTally = field(default_factory=StoreTally)


def cursor_name(host: str) -> str:
    """The cursor of one host's import."""
    return f"activitywatch {host}"[:200]


class ActivityWatchImport:
    """Imports a spilled ActivityWatch source into one Dayglass user."""

    def __init__(
        self, services: Services, cursors: ImportCursorStore, progress: Progress | None = None
    ) -> None:
        self._services = services
        self._cursors = cursors
        self._progress = progress or NoProgress()

    def run(self, user_id: int, spill: Spill) -> ActivityWatchReport:
        """Import every host of the spill, day by day from where each one stopped."""
        zone = ZoneInfo(self._services.accounts.user(user_id).timezone)
        report = ActivityWatchReport()
        plans = []
        for host in hosts_of(spill.buckets()):
            span = spill.span(host.buckets)
            if span is None:
                continue
            first, last = (_day(ms, zone) for ms in span)
            resume = self._resume(user_id, host, first)
            report.skipped_days += (resume - first).days
            plans.append((host, resume, last))
            report.hosts.append(host.name)
        self._progress.start(sum(max((b - a).days + 1, 0) for _, a, b in plans), "days")
        for host, begin, last in plans:
            self._import_host(user_id, spill, host, begin, last, zone, report)
        return report

    def _resume(self, user_id: int, host: Host, first: date) -> date:
        position = self._cursors.position(user_id, cursor_name(host.name))
        if position is None:
            return first
        return max(first, date.fromisoformat(position) + timedelta(days=1))

    def _import_host(
        self,
        user_id: int,
        spill: Spill,
        host: Host,
        begin: date,
        last: date,
        zone: ZoneInfo,
        report: ActivityWatchReport,
    ) -> None:
        longest = {b: spill.longest(b) for b in host.buckets}
        batch = _DayBatch(self, user_id, host.name, report)
        day = begin
        try:
            while day <= last:
                low, high = _bounds(day, zone)
                events = self._day_events(spill, host, low, high, longest, zone)
                # The last day may still grow at the source: it is done again next time.
                batch.add(events, day if day < last else None, day == last)
                report.days += 1
                self._progress.advance()
                day += timedelta(days=1)
        except KeyboardInterrupt:
            batch.store()  # keep the whole days read so far: a rerun continues after them
            raise

    def store(
        self, user_id: int, host: str, events: list[ImportedEvent], tally: StoreTally
    ) -> None:
        """Store a host's events."""
        store_events(self._services.ingest, user_id, host, events, tally)

    def set_cursor(self, user_id: int, host: str, day: date) -> None:
        """Remember that the host's days through day are imported."""
        self._cursors.set_position(user_id, cursor_name(host), day.isoformat())

    def _day_events(
        self,
        spill: Spill,
        host: Host,
        low: int,
        high: int,
        longest: dict[str, int],
        zone: ZoneInfo,
    ) -> list[ImportedEvent]:
        def read(bucket_ids: list[str]) -> list[AwEvent]:
            found: list[AwEvent] = []
            for bucket in bucket_ids:
                found.extend(spill.events(bucket, low, high, longest[bucket]))
            return sorted(found)

        active = not_afk_spans(read(host.afk))
        tabs_by_bucket = {b: Tabs(spill.events(b, low, high, longest[b])) for b in host.web}
        browsers = {b: browser_apps(b) for b in host.web}
        pieces: list[Piece] = []
        for part in active_windows(read(host.windows), active):
            tabs = next(
                (tabs_by_bucket[b] for b in host.web if is_browser(part.a, browsers[b])), None
            )
            if tabs is None:
                pieces.append(Piece(part.start_ms, part.end_ms, part.a, part.b, None))
            else:
                pieces.extend(with_tabs(part, tabs.within(part.start_ms, part.end_ms)))
        return [_imported(host.name, piece, zone) for piece in pieces]


class _DayBatch:
    """Whole days of a host's events, stored together (a commit a day costs more than its work)."""

    def __init__(
        self, importer: ActivityWatchImport, user_id: int, host: str, report: ActivityWatchReport
    ) -> None:
        self._importer = importer
        self._user_id = user_id
        self._host = host
        self._report = report
        self._events: list[ImportedEvent] = []
        self._whole: date | None = None  # the last day whose events are all here or stored

    def add(self, events: list[ImportedEvent], whole: date | None, last: bool) -> None:
        """Add a day's events (whole: the day, if it can be skipped by a rerun)."""
        self._events.extend(events)
        self._whole = whole or self._whole
        if last or len(self._events) >= _DAYS_BATCH:
            self.store()

    def store(self) -> None:
        """Store the events held, then move the host's cursor past their whole days."""
        if self._events:
            self._importer.store(self._user_id, self._host, self._events, self._report.store)
            self._events = []
        if self._whole is not None:
            self._importer.set_cursor(self._user_id, self._host, self._whole)
            self._whole = None


def _imported(host: str, piece: Piece, zone: ZoneInfo) -> ImportedEvent:
    start = datetime.fromtimestamp(piece.start_ms / 1000, tz=zone)
    event_id = stable_id(
        "aw", host, piece.start_ms, piece.end_ms, piece.app, piece.title, piece.url
    )
    seconds = (piece.end_ms - piece.start_ms) / 1000
    return ImportedEvent(event_id, start, seconds, piece.app, piece.title, piece.url)


def _day(ms: int, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(ms / 1000, tz=zone).date()


def _bounds(day: date, zone: ZoneInfo) -> tuple[int, int]:
    """A local day as UTC milliseconds, start inclusive, end exclusive."""
    low = datetime.combine(day, time(), tzinfo=zone)
    high = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return round(low.timestamp() * 1000), round(high.timestamp() * 1000)
