"""Storing names and texts once per user and referring to them by id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, select

from dayglass.storage.dialect import insert_ignoring_conflicts
from dayglass.storage.hashing import text_digest
from dayglass.storage.tables import activities, texts

_CHUNK = 500


def _chunks(values: list, size: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def intern_texts(conn: Connection, user_id: int, values: Iterable[str]) -> dict[str, int]:
    """The ids of texts, adding the new ones."""
    by_digest = {text_digest(v): v for v in set(values)}
    found = _lookup(conn, texts, texts.c.digest, user_id, list(by_digest))
    missing = [d for d in by_digest if d not in found]
    if missing:
        conn.execute(
            insert_ignoring_conflicts(conn, texts, ["user_id", "digest"]),
            [{"user_id": user_id, "digest": d, "value": by_digest[d]} for d in missing],
        )
        found.update(_lookup(conn, texts, texts.c.digest, user_id, missing))
    return {by_digest[d]: i for d, i in found.items()}


def intern_activities(conn: Connection, user_id: int, names: Iterable[str]) -> dict[str, int]:
    """The ids of activity names, adding the new ones."""
    wanted = list(set(names))
    found = _lookup(conn, activities, activities.c.name, user_id, wanted)
    missing = [n for n in wanted if n not in found]
    if missing:
        conn.execute(
            insert_ignoring_conflicts(conn, activities, ["user_id", "name"]),
            [{"user_id": user_id, "name": n} for n in missing],
        )
        found.update(_lookup(conn, activities, activities.c.name, user_id, missing))
    return found


def _lookup(conn: Connection, table: Table, column, user_id: int, keys: list) -> dict:
    found: dict = {}
    for chunk in _chunks(keys):
        rows = conn.execute(
            select(column, table.c.id).where(table.c.user_id == user_id, column.in_(chunk))
        )
        found.update((k, v) for k, v in rows)
    return found
