"""Embed keys in SQL (by hash only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, insert, select

from dayglass.core.embeds import EmbeddedReport, EmbedKey, RelativePeriod
from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.revocation import revoke_row
from dayglass.storage.tables import embed_keys

if TYPE_CHECKING:
    from dayglass.services.ports import EmbedStore

_COLUMNS = (
    embed_keys.c.id,
    embed_keys.c.user_id,
    embed_keys.c.label,
    embed_keys.c.prefix,
    embed_keys.c.begin_day,
    embed_keys.c.end_day,
    embed_keys.c.group_by,
    embed_keys.c.resolution,
    embed_keys.c.allow_raw,
    embed_keys.c.created_at,
    embed_keys.c.revoked_at,
    embed_keys.c.search,
    embed_keys.c.project_id,
    embed_keys.c.period,
)


def _key(row: Sequence[Any]) -> EmbedKey:
    pk, user, label, prefix, begin, end, group, cut, raw, created, revoked = row[:11]
    search, project_id, period = row[11:]
    report = EmbeddedReport(
        begin,
        end,
        GroupBy(group),
        Resolution(cut),
        search,
        project_id,
        None if period is None else RelativePeriod(period),
    )
    return EmbedKey(pk, user, label, prefix, report, bool(raw), created, revoked)


class SqlEmbedStore:
    """Embed keys."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(
        self,
        user_id: int,
        key_hash: str,
        prefix: str,
        label: str,
        report: EmbeddedReport,
        allow_raw: bool,
        now: datetime,
    ) -> int:
        """Store a key by its hash."""
        values = {
            "user_id": user_id,
            "key_hash": key_hash,
            "prefix": prefix,
            "label": label,
            "begin_day": report.begin,
            "end_day": report.end,
            "group_by": report.group_by.value,
            "resolution": report.resolution.value,
            "allow_raw": allow_raw,
            "created_at": now,
            "search": report.search,
            "project_id": report.project_id,
            "period": None if report.period is None else report.period.value,
        }
        with self._writer.begin() as conn:
            return inserted_id(conn.execute(insert(embed_keys).values(values)))

    def by_hash(self, key_hash: str) -> EmbedKey | None:
        """The key with this hash."""
        with self._engine.connect() as conn:
            row = conn.execute(select(*_COLUMNS).where(embed_keys.c.key_hash == key_hash)).first()
        return _key(row) if row else None

    def keys(self, user_id: int) -> list[EmbedKey]:
        """A user's embed keys, newest first."""
        query = (
            select(*_COLUMNS)
            .where(embed_keys.c.user_id == user_id)
            .order_by(embed_keys.c.id.desc())
        )
        with self._engine.connect() as conn:
            return [_key(r) for r in conn.execute(query)]

    def revoke(self, user_id: int, key_id: int, now: datetime) -> bool:
        """Revoke one of the user's keys."""
        return revoke_row(self._writer, embed_keys, key_id, now, user_id)


if TYPE_CHECKING:

    def _implements_embed_store(store: SqlEmbedStore) -> EmbedStore:
        return store
