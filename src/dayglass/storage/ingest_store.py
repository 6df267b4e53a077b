"""Storing batches of events: raw events for the record, 5-minute facts for reports."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select, update

from dayglass.core.events import AcceptedEvent
from dayglass.core.spans import Span
from dayglass.services.ports import FactKey
from dayglass.storage.dialect import insert_adding, insert_ignoring_conflicts
from dayglass.storage.engine import writer
from dayglass.storage.hashing import id_hash
from dayglass.storage.interning import intern_activities, intern_texts
from dayglass.storage.tables import SOURCE_TYPE_CODES, devices, facts, raw_events

_FACT_KEYS = ["user_id", "bucket", "source_type", "activity_id", "document_id"]


class SqlDeviceBatch:
    """One device's events inside a write transaction."""

    def __init__(self, conn: Connection, user_id: int, device: dict, source_type: str) -> None:
        self._conn = conn
        self._user_id = user_id
        self._device_id: int = device["id"]
        self._max_event_ms: int = device["max_event_ms"]
        self._source_code = SOURCE_TYPE_CODES[source_type]

    def known_ids(self, client_ids: Sequence[str]) -> set[str]:
        """Which of these client ids this device has sent before."""
        hashes = {id_hash(c) for c in client_ids}
        known: set[str] = set()
        hash_list = list(hashes)
        for i in range(0, len(hash_list), 500):
            rows = self._conn.execute(
                select(raw_events.c.client_id).where(
                    raw_events.c.user_id == self._user_id,
                    raw_events.c.device_id == self._device_id,
                    raw_events.c.client_hash.in_(hash_list[i : i + 500]),
                )
            )
            known.update(rows.scalars())
        return known.intersection(client_ids)

    def counted_spans(self, start_ms: int, end_ms: int) -> list[Span]:
        """The stored events of this device that may overlap [start_ms, end_ms)."""
        rows = self._conn.execute(
            select(raw_events.c.start_ms, raw_events.c.duration_ms).where(
                raw_events.c.user_id == self._user_id,
                raw_events.c.device_id == self._device_id,
                raw_events.c.start_ms >= start_ms - self._max_event_ms,
                raw_events.c.start_ms < end_ms,
            )
        )
        return [(s, s + d) for s, d in rows if s + d > start_ms]

    def save(self, events: Sequence[AcceptedEvent], fact_ms: Mapping[FactKey, int]) -> None:
        """Store new events and add their facts."""
        if not events:
            return
        conn, user_id = self._conn, self._user_id
        text_ids = intern_texts(
            conn,
            user_id,
            [e.app for e in events]
            + [e.title for e in events]
            + [e.url for e in events if e.url is not None]
            + [document for _, _, document in fact_ms],
        )
        activity_ids = intern_activities(conn, user_id, [a for _, a, _ in fact_ms])
        conn.execute(raw_events.insert(), [self._raw_row(e, text_ids) for e in events])
        if fact_ms:
            conn.execute(
                insert_adding(conn, facts, _FACT_KEYS, "ms"),
                [
                    {
                        "user_id": user_id,
                        "bucket": bucket,
                        "source_type": self._source_code,
                        "activity_id": activity_ids[activity],
                        "document_id": text_ids[document],
                        "ms": ms,
                    }
                    for (bucket, activity, document), ms in fact_ms.items()
                ],
            )
        longest = max(e.duration_ms for e in events)
        if longest > self._max_event_ms:
            conn.execute(
                update(devices).where(devices.c.id == self._device_id).values(max_event_ms=longest)
            )

    def _raw_row(self, e: AcceptedEvent, text_ids: Mapping[str, int]) -> dict:
        return {
            "user_id": self._user_id,
            "device_id": self._device_id,
            "client_id": e.client_id,
            "client_hash": id_hash(e.client_id),
            "start_ms": e.start_ms,
            "duration_ms": e.duration_ms,
            "utc_offset_min": e.utc_offset_min,
            "app_text_id": text_ids[e.app],
            "title_text_id": text_ids[e.title],
            "url_text_id": None if e.url is None else text_ids[e.url],
        }


class SqlIngestStore:
    """Batches of events into SQL."""

    def __init__(self, engine: Engine) -> None:
        self._engine = writer(engine)

    @contextmanager
    def device_batch(self, user_id: int, device: str, source_type: str) -> Iterator[SqlDeviceBatch]:
        """A transaction holding the device's lock; commits when the block ends cleanly."""
        with self._engine.begin() as conn:
            row = self._lock_device(conn, user_id, device, source_type)
            yield SqlDeviceBatch(conn, user_id, row, source_type)

    def _lock_device(self, conn: Connection, user_id: int, name: str, source_type: str) -> dict:
        conn.execute(
            insert_ignoring_conflicts(conn, devices, ["user_id", "name"]),
            {
                "user_id": user_id,
                "name": name,
                "source_type": source_type,
                "max_event_ms": 0,
                "created_at": datetime.now(UTC),
            },
        )
        query = select(devices.c.id, devices.c.max_event_ms).where(
            devices.c.user_id == user_id, devices.c.name == name
        )
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        return dict(conn.execute(query).one()._asdict())
