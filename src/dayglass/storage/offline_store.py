"""Offline entries in SQL, and taking an entry's time back out of the facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, and_, delete, insert, select, update

from dayglass.core.localtime import DAY_SECONDS
from dayglass.core.offline import OfflineEntry, OfflineSpan
from dayglass.services.ports import FactKey
from dayglass.storage.engine import writer
from dayglass.storage.hashing import text_digest
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import (
    SOURCE_TYPE_CODES,
    activities,
    daily_documents,
    daily_facts,
    devices,
    facts,
    offline_entries,
    raw_events,
    texts,
)

if TYPE_CHECKING:
    from dayglass.services.feed_ports import OfflineStore

_COLUMNS = (
    offline_entries.c.id,
    offline_entries.c.user_id,
    offline_entries.c.start_at,
    offline_entries.c.utc_offset_min,
    offline_entries.c.seconds,
    offline_entries.c.activity,
    offline_entries.c.details,
    offline_entries.c.device,
    offline_entries.c.created_at,
)
_OFFLINE = SOURCE_TYPE_CODES["offline"]


def _entry(row: Sequence[Any]) -> OfflineEntry:
    entry_id, user_id, start, offset, seconds, activity, details, device, created_at = row
    local_start = start.astimezone(timezone(timedelta(minutes=offset)))
    span = OfflineSpan(local_start, seconds, activity, details)
    return OfflineEntry(entry_id, user_id, span, device, created_at)


def _span_values(span: OfflineSpan, device: str) -> dict[str, object]:
    return {
        "start_at": span.start,
        "utc_offset_min": span.offset_minutes,
        "seconds": span.seconds,
        "activity": span.activity,
        "details": span.details,
        "device": device,
    }


class SqlOfflineStore:
    """Each user's offline entries."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(self, user_id: int, span: OfflineSpan, device: str, now: datetime) -> OfflineEntry:
        """Insert an entry (its time is stored by ingest under device)."""
        values = {"user_id": user_id, "created_at": now, **_span_values(span, device)}
        with self._writer.begin() as conn:
            new_id = inserted_id(conn.execute(insert(offline_entries).values(values)))
        return OfflineEntry(new_id, user_id, span, device, now)

    def entries(self, user_id: int, limit: int) -> list[OfflineEntry]:
        """The user's entries, latest start first."""
        t = offline_entries.c
        query = (
            select(*_COLUMNS)
            .where(t.user_id == user_id)
            .order_by(t.start_at.desc(), t.id.desc())
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [_entry(row) for row in conn.execute(query)]

    def entry(self, user_id: int, entry_id: int) -> OfflineEntry | None:
        """One entry of the user."""
        t = offline_entries.c
        query = select(*_COLUMNS).where(t.user_id == user_id, t.id == entry_id)
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _entry(row)

    def replace(self, user_id: int, entry_id: int, span: OfflineSpan, device: str) -> None:
        """Give an entry of the user a new span, stored under a new device."""
        c = offline_entries.c
        with self._writer.begin() as conn:
            conn.execute(
                update(offline_entries)
                .where(c.user_id == user_id, c.id == entry_id)
                .values(_span_values(span, device))
            )

    def remove(self, user_id: int, entry_id: int) -> None:
        """Delete an entry's row (its time goes with `remove_time`)."""
        c = offline_entries.c
        with self._writer.begin() as conn:
            conn.execute(delete(offline_entries).where(c.user_id == user_id, c.id == entry_id))

    def remove_time(self, user_id: int, device: str, fact_ms: Mapping[FactKey, int]) -> None:
        """Delete a device's events and the facts they added."""
        with self._writer.begin() as conn:
            self._subtract(conn, user_id, fact_ms)
            device_ids = select(devices.c.id).where(
                devices.c.user_id == user_id, devices.c.name == device
            )
            conn.execute(
                delete(raw_events).where(
                    raw_events.c.user_id == user_id,
                    raw_events.c.device_id.in_(device_ids.scalar_subquery()),
                )
            )
            conn.execute(
                delete(devices).where(devices.c.user_id == user_id, devices.c.name == device)
            )

    @staticmethod
    def _subtract(conn: Connection, user_id: int, fact_ms: Mapping[FactKey, int]) -> None:
        names = {activity for _, activity, _ in fact_ms}
        documents = {document for _, _, document in fact_ms}
        activity_ids = dict(
            conn.execute(
                select(activities.c.name, activities.c.id).where(
                    activities.c.user_id == user_id, activities.c.name.in_(names)
                )
            ).all()
        )
        by_digest = {text_digest(d): d for d in documents}
        text_ids = {
            by_digest[digest]: text_id
            for digest, text_id in conn.execute(
                select(texts.c.digest, texts.c.id).where(
                    texts.c.user_id == user_id, texts.c.digest.in_(list(by_digest))
                )
            )
        }
        for (bucket, activity, document), ms in fact_ms.items():
            if activity not in activity_ids or document not in text_ids:
                continue
            activity_id, document_id = activity_ids[activity], text_ids[document]
            day = bucket - bucket % DAY_SECONDS
            # The facts and both daily rollups lose the same time.
            for table, keys in (
                (facts, {"bucket": bucket, "document_id": document_id}),
                (daily_facts, {"day": day}),
                (daily_documents, {"day": day, "document_id": document_id}),
            ):
                key = and_(
                    table.c.user_id == user_id,
                    table.c.source_type == _OFFLINE,
                    table.c.activity_id == activity_id,
                    *(table.c[name] == value for name, value in keys.items()),
                )
                conn.execute(update(table).where(key).values(ms=table.c.ms - ms))
                conn.execute(delete(table).where(key, table.c.ms <= 0))


if TYPE_CHECKING:

    def _implements_offline_store(store: SqlOfflineStore) -> OfflineStore:
        return store
