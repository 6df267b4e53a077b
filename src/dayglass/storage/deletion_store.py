"""Deleting a person's time in a local date range, or their whole account, in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Engine,
    Table,
    cast,
    delete,
    false,
    or_,
    select,
    text,
    update,
)

from dayglass.services.ports import RangeDeleted
from dayglass.storage.engine import writer
from dayglass.storage.tables import (
    alert_triggerings,
    daily_documents,
    daily_facts,
    daily_summaries,
    facts,
    metadata,
    offline_entries,
    raw_events,
    users,
)

if TYPE_CHECKING:
    from dayglass.services.ports import DeletionStore

_MAX_OFFSET_MS = 14 * 3_600_000
_MAX_EVENT_MS = 86_400_000


def _owned_by(table: Table, user_id: int, seen: tuple[Table, ...] = ()) -> ColumnElement[bool]:
    """Which rows of table belong to the user: its user_id, or a foreign key to a row that does."""
    if table is users:
        return users.c.id == user_id
    conditions: list[ColumnElement[bool]] = []
    if "user_id" in table.c:
        conditions.append(table.c.user_id == user_id)
    for key in table.foreign_keys:
        parent = key.column.table
        if parent is table or parent in seen or not isinstance(parent, Table):
            continue
        if parent is users:
            conditions.append(key.parent == user_id)
        else:
            owned = _owned_by(parent, user_id, (*seen, table))
            conditions.append(key.parent.in_(select(key.column).where(owned)))
    return or_(*conditions) if conditions else false()


def _local_ms(start_ms: int, offset_min: int) -> int:
    return start_ms + offset_min * 60_000


def _trimmed(start_ms: int, duration_ms: int, offset: int, low: int, high: int) -> tuple[int, int]:
    """The part of an event outside local low..high ms (an event spans at most one end)."""
    local = _local_ms(start_ms, offset)
    if local < low:
        return start_ms, low - local
    return start_ms + (high - local), local + duration_ms - high


class SqlDeletionStore:
    """Removes rows of one person."""

    def __init__(self, engine: Engine) -> None:
        self._writer = writer(engine)

    def delete_account(self, user_id: int) -> dict[str, int]:
        """Delete every row of every table that belongs to the user; rows deleted per table."""
        deleted: dict[str, int] = {}
        with self._writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Citus refuses a write to a reference table (users, oauth_clients) after a
                # delete spread over shards in parallel in the same transaction; one shard at a
                # time it accepts. Plain PostgreSQL keeps the setting as an unused placeholder.
                conn.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
            # Children first, so a row's owner is still there to be matched against.
            for table in reversed(metadata.sorted_tables):
                count = conn.execute(delete(table).where(_owned_by(table, user_id))).rowcount
                if count:
                    deleted[table.name] = count
        return deleted

    def delete_range(self, user_id: int, first: date, last: date) -> RangeDeleted:
        """Delete the user's time on local days first..last, and what was derived from it."""
        low_s = (first - date(1970, 1, 1)).days * 86_400
        high_s = (last - date(1970, 1, 1)).days * 86_400 + 86_400
        with self._writer.begin() as conn:
            removed, trimmed = self._events(conn, user_id, low_s * 1000, high_s * 1000)
            for table, column in (
                (facts, facts.c.bucket),
                (daily_facts, daily_facts.c.day),
                (daily_documents, daily_documents.c.day),
            ):
                conn.execute(
                    delete(table).where(
                        table.c.user_id == user_id, column >= low_s, column < high_s
                    )
                )
            entries = self._offline(conn, user_id, low_s * 1000, high_s * 1000)
            summary_days = list(
                conn.execute(
                    delete(daily_summaries)
                    .where(
                        daily_summaries.c.user_id == user_id,
                        daily_summaries.c.day >= first,
                        daily_summaries.c.day <= last,
                    )
                    .returning(daily_summaries.c.day)
                ).scalars()
            )
            conn.execute(
                delete(alert_triggerings).where(
                    alert_triggerings.c.user_id == user_id,
                    alert_triggerings.c.day >= first,
                    alert_triggerings.c.day <= last,
                )
            )
        return RangeDeleted(removed, trimmed, entries, sorted(summary_days))

    @staticmethod
    def _events(conn: Connection, user_id: int, low: int, high: int) -> tuple[int, int]:
        """Delete events inside local low..high ms and trim those reaching into it."""
        e = raw_events.c
        # As BIGINT: PostgreSQL would multiply a SMALLINT by a SMALLINT-typed literal.
        local_start = e.start_ms + cast(e.utc_offset_min, BigInteger) * 60_000
        local_end = local_start + e.duration_ms
        near = (
            e.user_id == user_id,
            e.start_ms >= low - _MAX_OFFSET_MS - _MAX_EVENT_MS,
            e.start_ms < high + _MAX_OFFSET_MS,
        )
        removed = conn.execute(
            delete(raw_events).where(*near, local_start >= low, local_end <= high)
        ).rowcount
        reaching = conn.execute(
            select(e.id, e.start_ms, e.duration_ms, e.utc_offset_min).where(
                *near, local_start < high, local_end > low
            )
        ).all()
        for row_id, start_ms, duration_ms, offset in reaching:
            start, duration = _trimmed(start_ms, duration_ms, offset, low, high)
            conn.execute(
                update(raw_events)
                .where(e.user_id == user_id, e.id == row_id)
                .values(start_ms=start, duration_ms=duration)
            )
        return int(removed), len(reaching)

    @staticmethod
    def _offline(conn: Connection, user_id: int, low: int, high: int) -> int:
        """Delete or trim offline entries as their events were; how many were touched."""
        o = offline_entries.c
        rows = conn.execute(
            select(o.id, o.start_at, o.utc_offset_min, o.seconds).where(o.user_id == user_id)
        ).all()
        touched = 0
        for row_id, start_at, offset, seconds in rows:
            start_ms = round(start_at.timestamp() * 1000)
            local = _local_ms(start_ms, offset)
            if local >= high or local + seconds * 1000 <= low:
                continue
            touched += 1
            if local >= low and local + seconds * 1000 <= high:
                conn.execute(delete(offline_entries).where(o.user_id == user_id, o.id == row_id))
                continue
            start, duration = _trimmed(start_ms, seconds * 1000, offset, low, high)
            moved = datetime.fromtimestamp(0, UTC) + timedelta(milliseconds=start)
            conn.execute(
                update(offline_entries)
                .where(o.user_id == user_id, o.id == row_id)
                .values(start_at=moved, seconds=duration // 1000)
            )
        return touched


if TYPE_CHECKING:

    def _implements_deletion_store(store: SqlDeletionStore) -> DeletionStore:
        return store
