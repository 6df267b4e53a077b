"""The durable queue: every span of attention is written here before any upload.

One SQLite file holds finished events (waiting for the server) and the spans still open,
checkpointed at every poll so that a crash loses at most one poll interval: on the next start
they are taken as finished where their last checkpoint left them. It also holds the little
state that the `status`, `pause` and `resume` commands share with a running agent.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dayglass.core.heartbeats import Attention, Sample

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    app TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    final INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_final_start ON events (final, start_ms);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class QueuedEvent:
    """A finished span waiting for the server, with the id the server dedupes it by."""

    id: str
    attention: Attention


class Queue:
    """The agent's SQLite queue; one object per thread, any number of processes."""

    def __init__(self, path: Path, session: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._db = sqlite3.connect(path, isolation_level=None, timeout=10)
        path.chmod(0o600)  # titles are private
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # survives a crash of the agent
        self._db.executescript(_SCHEMA)
        self._session = session or secrets.token_hex(4)

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def recover(self) -> int:
        """Take spans left open by an agent that died as finished; returns how many."""
        with self._write() as db:
            return db.execute("UPDATE events SET final = 1 WHERE final = 0").rowcount

    def record(
        self,
        finished: Iterable[Attention],
        still_open: Iterable[Attention],
        state: Mapping[str, str],
    ) -> None:
        """In one transaction: add finished spans, replace the open ones, update the state."""
        with self._write() as db:
            db.execute("DELETE FROM events WHERE final = 0")
            rows = [(*self._row(a), 1) for a in finished] + [(*self._row(a), 0) for a in still_open]
            db.executemany("INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", state.items())

    def pending(self, limit: int) -> list[QueuedEvent]:
        """The oldest finished events, at most limit of them."""
        rows = self._db.execute(
            "SELECT id, start_ms, end_ms, app, title, url FROM events WHERE final = 1 "
            "ORDER BY start_ms LIMIT ?",
            (limit,),
        )
        return [QueuedEvent(r[0], Attention(r[1], r[2], Sample(r[3], r[4], r[5]))) for r in rows]

    def remove(self, ids: Iterable[str]) -> None:
        """Forget events the server has answered for."""
        with self._write() as db:
            db.executemany("DELETE FROM events WHERE id = ? AND final = 1", ((i,) for i in ids))

    def length(self) -> tuple[int, int]:
        """How many events wait for the server, and how many spans are still open."""
        finished, still_open = self._db.execute(
            "SELECT COALESCE(SUM(final), 0), COALESCE(SUM(1 - final), 0) FROM events"
        ).fetchone()
        return finished, still_open

    def get(self, key: str) -> str | None:
        """A state value, or None."""
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str | None) -> None:
        """Set a state value; None removes it."""
        with self._write() as db:
            if value is None:
                db.execute("DELETE FROM state WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def _row(self, attention: Attention) -> tuple[str, int, int, str, str, str | None]:
        sample = attention.sample
        event_id = f"{attention.start_ms}-{self._session}"
        return (
            event_id,
            attention.start_ms,
            attention.end_ms,
            sample.app,
            sample.title,
            sample.url,
        )

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
