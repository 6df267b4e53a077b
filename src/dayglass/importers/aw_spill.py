"""A scratch SQLite file holding an ActivityWatch source's events, so memory stays flat.

An export lists each bucket's events in whatever order its server kept them (newest first from
aw-server), and a running server pages them newest first too. Spilled here, indexed by bucket
and start, they come back in time order one day at a time, whatever the size of the source.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from dayglass.importers.aw_model import AwEvent

WINDOW, AFK, WEB = "currentwindow", "afkstatus", "web.tab.current"
KINDS = (WINDOW, AFK, WEB)
_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class Bucket:
    """A bucket's id, type and the host it was recorded on."""

    id: str
    type: str
    hostname: str


class Spill:
    """Events of the buckets an import reads, in a temporary SQLite file."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="dayglass-import-")
        self._db = sqlite3.connect(Path(self._folder.name) / "spill.sqlite3")
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE buckets (id TEXT PRIMARY KEY, type TEXT, hostname TEXT);"
            "CREATE TABLE events (bucket TEXT, start_ms INTEGER, end_ms INTEGER, a TEXT, b TEXT,"
            " UNIQUE (bucket, start_ms, end_ms, a, b));"
        )
        self._pending: list[tuple[str, int, int, str, str]] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Drop the scratch file."""
        self._db.close()
        self._folder.cleanup()

    def set_bucket(self, bucket_id: str, type_: str | None, hostname: str | None) -> None:
        """Record what is known of a bucket (type and host may come in separate calls)."""
        self._db.execute(
            "INSERT INTO buckets (id, type, hostname) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
            " SET type = coalesce(excluded.type, type), hostname = coalesce(excluded.hostname,"
            " hostname)",
            (bucket_id, type_, hostname),
        )

    def add(self, bucket_id: str, event: AwEvent) -> None:
        """Keep one event of a bucket (the same event twice is kept once)."""
        self._pending.append((bucket_id, event.start_ms, event.end_ms, event.a, event.b))
        if len(self._pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the events held back."""
        self._db.executemany("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?)", self._pending)
        self._pending.clear()

    def finish(self) -> None:
        """Write what is held back and index the events for reading by time."""
        self.flush()
        self._db.execute("CREATE INDEX IF NOT EXISTS ix_events ON events (bucket, start_ms)")
        self._db.commit()

    def buckets(self) -> list[Bucket]:
        """The buckets of the kinds an import reads."""
        rows = self._db.execute(
            "SELECT id, type, coalesce(hostname, 'unknown') FROM buckets ORDER BY id"
        )
        return [Bucket(i, t, h) for i, t, h in rows if t in KINDS]

    def span(self, bucket_ids: Iterable[str]) -> tuple[int, int] | None:
        """The first start and last end of the buckets' events, if they have any."""
        ids = list(bucket_ids)
        marks = ",".join("?" * len(ids))
        low, high = self._db.execute(
            f"SELECT min(start_ms), max(end_ms) FROM events WHERE bucket IN ({marks})", ids
        ).fetchone()
        return None if low is None else (int(low), int(high))

    def longest(self, bucket_id: str) -> int:
        """The longest event of a bucket, in ms (how far back an overlap can start)."""
        found = self._db.execute(
            "SELECT max(end_ms - start_ms) FROM events WHERE bucket = ?", (bucket_id,)
        ).fetchone()[0]
        return int(found or 0)

    def events(self, bucket_id: str, low: int, high: int, longest: int) -> list[AwEvent]:
        """The bucket's events overlapping low..high ms, cut to it, in time order."""
        rows = self._db.execute(
            "SELECT start_ms, end_ms, a, b FROM events WHERE bucket = ? AND start_ms < ?"
            " AND start_ms >= ? AND end_ms > ? ORDER BY start_ms, end_ms",
            (bucket_id, high, low - longest, low),
        )
        return [AwEvent(max(s, low), min(e, high), a, b) for s, e, a, b in rows]
