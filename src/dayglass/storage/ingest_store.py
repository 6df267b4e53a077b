"""Storing batches of events: raw events for the record, 5-minute facts for reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select, update

from dayglass.core.clock import Clock
from dayglass.core.events import AcceptedEvent
from dayglass.core.fact_devices import NO_DEVICE, known_device
from dayglass.core.localtime import DAY_SECONDS
from dayglass.core.spans import Span
from dayglass.services.ports import DeviceBatch, FactKey, IngestStore
from dayglass.storage.dialect import (
    execute_many,
    insert_adding,
    insert_ignoring_conflicts,
    insert_returning,
)
from dayglass.storage.engine import writer
from dayglass.storage.interning import IdCache, Interner
from dayglass.storage.tables import (
    SOURCE_TYPE_CODES,
    daily_documents,
    daily_facts,
    devices,
    facts,
    raw_events,
)

_FACT_KEYS = ["user_id", "bucket", "source_type", "activity_id", "document_id", "device_id"]


_CLIENT_KEYS = ["user_id", "device_id", "client_id"]  # unique: a device's ids
_RAW_COLUMNS = (
    "user_id",
    "device_id",
    "client_id",
    "start_ms",
    "duration_ms",
    "utc_offset_min",
    "app_text_id",
    "title_text_id",
    "url_text_id",
)
_FACT_COLUMNS = (*_FACT_KEYS, "ms")
_DAY_KEYS = ["user_id", "day", "source_type", "activity_id"]
_DAY_COLUMNS = (*_DAY_KEYS, "ms")


_DOCUMENT_DAY_KEYS = [*_DAY_KEYS, "document_id"]
_DOCUMENT_DAY_COLUMNS = (*_DOCUMENT_DAY_KEYS, "ms")


def _day_rows(
    fact_rows: list[tuple[int, int, int, int, int, int, int]], by_document: bool = False
) -> list[tuple[int, ...]]:
    """Fact rows (user, bucket, source, activity, document, device, ms) summed per local day
    (and document), in key order."""
    days: dict[tuple[int, ...], int] = defaultdict(int)
    for user_id, bucket, source, activity_id, document_id, _, ms in fact_rows:
        day = (user_id, bucket - bucket % DAY_SECONDS, source, activity_id)
        days[(*day, document_id) if by_document else day] += ms
    return sorted((*key, ms) for key, ms in days.items())


class SqlDeviceBatch:
    """One device's events inside a write transaction."""

    def __init__(
        self,
        conn: Connection,
        user_id: int,
        device: dict[str, Any],
        source_type: str,
        interner: Interner,
    ) -> None:
        self._conn = conn
        self._user_id = user_id
        self._device_id: int = device["id"]
        self._max_event_ms: int = device["max_event_ms"]
        self._source_code = SOURCE_TYPE_CODES[source_type]
        # Facts keep the device for project rules by device, unless its time has none.
        known = known_device(device["name"], source_type)
        self._fact_device = self._device_id if known else NO_DEVICE
        self._interner = interner
        self._text_ids: dict[str, int] = {}
        self._activity_ids: dict[str, int] = {}

    def counted_spans(self, start_ms: int, end_ms: int) -> list[Span]:
        """The stored events of this device that may overlap [start_ms, end_ms)."""
        rows = self._conn.execute(
            select(raw_events.c.start_ms, raw_events.c.duration_ms)
            .where(
                raw_events.c.user_id == self._user_id,
                raw_events.c.device_id == self._device_id,
                raw_events.c.start_ms >= start_ms - self._max_event_ms,
                raw_events.c.start_ms < end_ms,
            )
            # In the index's order: so PostgreSQL reads the range from the index on start_ms
            # even when it believes the device has no rows (a device newer than its
            # statistics), not all the device's rows from another index, filtered.
            .order_by(raw_events.c.start_ms)
        )
        return [(s, s + d) for s, d in rows if s + d > start_ms]

    def store_new(self, events: Sequence[AcceptedEvent]) -> list[AcceptedEvent]:
        """Store the events whose ids this device has not sent before; those, in order.

        The rows go in with ON CONFLICT DO NOTHING: the device's unique index on its ids
        leaves out those already stored and says which went in, with no lookup planned first.
        """
        if not events:
            return []
        conn, user_id, device_id = self._conn, self._user_id, self._device_id
        # The facts' texts and names too: add_facts writes only what store_new stored.
        self._text_ids = text_ids = self._interner.texts(
            [e.app for e in events]
            + [e.title for e in events]
            + [e.url for e in events if e.url is not None]
            + [e.document for e in events]
        )
        self._activity_ids = self._interner.activities([e.activity for e in events])
        raw_rows = [
            (
                user_id,
                device_id,
                e.client_id,
                e.start_ms,
                e.duration_ms,
                e.utc_offset_min,
                text_ids[e.app],
                text_ids[e.title],
                None if e.url is None else text_ids[e.url],
            )
            for e in events
        ]
        statement = insert_ignoring_conflicts(conn, raw_events, _CLIENT_KEYS)
        stored = set(
            insert_returning(conn, "raw_events new", statement, _RAW_COLUMNS, raw_rows, "client_id")
        )
        new = [e for e in events if e.client_id in stored]
        longest = max((e.duration_ms for e in new), default=0)
        if longest > self._max_event_ms:
            conn.execute(
                update(devices)
                .where(devices.c.user_id == user_id, devices.c.id == device_id)
                .values(max_event_ms=longest)
            )
        return new

    def add_facts(self, fact_ms: Mapping[FactKey, int]) -> None:
        """Add the milliseconds of events store_new stored to the reports' rows."""
        if not fact_ms:
            return
        conn, user_id, text_ids = self._conn, self._user_id, self._text_ids
        source, fact_device, activity_ids = self._source_code, self._fact_device, self._activity_ids
        # Rows other batches may add to as well (a user's days, and facts without a device) are
        # written in key order, as every batch writes them: two batches side by side then never
        # each hold a row the other waits for (on PostgreSQL, a deadlock and a refused batch).
        fact_rows = sorted(
            (user_id, bucket, source, activity_ids[activity], text_ids[document], fact_device, ms)
            for (bucket, activity, document), ms in fact_ms.items()
        )
        statement = insert_adding(conn, facts, _FACT_KEYS, "ms")
        execute_many(conn, "facts+=", statement, _FACT_COLUMNS, fact_rows)
        days = insert_adding(conn, daily_facts, _DAY_KEYS, "ms")
        execute_many(conn, "daily_facts+=", days, _DAY_COLUMNS, _day_rows(fact_rows))
        by_document = insert_adding(conn, daily_documents, _DOCUMENT_DAY_KEYS, "ms")
        document_days = _day_rows(fact_rows, by_document=True)
        execute_many(conn, "daily_documents+=", by_document, _DOCUMENT_DAY_COLUMNS, document_days)


class SqlIngestStore:
    """Batches of events into SQL."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = writer(engine)
        self._clock = clock
        self._texts_seen = IdCache()
        self._names_seen = IdCache()

    @contextmanager
    def device_batch(self, user_id: int, device: str, source_type: str) -> Iterator[SqlDeviceBatch]:
        """A transaction holding the device's lock; commits when the block ends cleanly."""
        with self._engine.begin() as conn:
            row = self._lock_device(conn, user_id, device, source_type)
            interner = Interner(conn, user_id, self._texts_seen, self._names_seen)
            yield SqlDeviceBatch(conn, user_id, row, source_type, interner)
        interner.remember()

    def _lock_device(
        self, conn: Connection, user_id: int, name: str, source_type: str
    ) -> dict[str, Any]:
        conn.execute(
            insert_ignoring_conflicts(conn, devices, ["user_id", "name"]),
            {
                "user_id": user_id,
                "name": name,
                "source_type": source_type,
                "max_event_ms": 0,
                "created_at": self._clock.now(),
            },
        )
        query = select(devices.c.id, devices.c.name, devices.c.max_event_ms).where(
            devices.c.user_id == user_id, devices.c.name == name
        )
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        return dict(conn.execute(query).one()._asdict())


if TYPE_CHECKING:

    def _implements_ingest_store(store: SqlIngestStore) -> IngestStore:
        return store

    def _implements_device_batch(store: SqlDeviceBatch) -> DeviceBatch:
        return store
