"""Storing names and texts once per user and referring to them by id.

Ids never change once given, so each store keeps a cache of those it has seen committed;
ingest then rarely needs to look a text up.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, select

from dayglass.storage.dialect import insert_ignoring_conflicts
from dayglass.storage.hashing import text_digest
from dayglass.storage.tables import activities, texts

Key = TypeVar("Key", str, bytes)  # a name, or a text's digest
_CHUNK = 500
_CACHE_LIMIT = 50_000  # entries; texts are at most 1 KiB, typically far less


class IdCache:
    """Committed ids by (user, key); cleared when it grows past its limit."""

    def __init__(self) -> None:
        self._ids: dict[tuple[int, Hashable], int] = {}

    def get(self, user_id: int, key: Hashable) -> int | None:
        """The cached id, if any."""
        return self._ids.get((user_id, key))

    def update(self, user_id: int, found: dict[Any, int]) -> None:
        """Remember committed ids."""
        if len(self._ids) + len(found) > _CACHE_LIMIT:
            self._ids.clear()
        for key, value in found.items():
            self._ids[(user_id, key)] = value


class Interner:
    """Gives ids to a user's texts and activity names inside one transaction."""

    def __init__(self, conn: Connection, user_id: int, texts_seen: IdCache, names_seen: IdCache):
        self._conn = conn
        self._user_id = user_id
        self._texts_seen = texts_seen
        self._names_seen = names_seen
        self.new_texts: dict[str, int] = {}
        self.new_names: dict[str, int] = {}

    def texts(self, values: Iterable[str]) -> dict[str, int]:
        """The ids of texts, adding the new ones."""
        ids: dict[str, int] = {}
        missing: dict[bytes, str] = {}
        for value in set(values):
            known = self._texts_seen.get(self._user_id, value)
            if known is None:
                missing[text_digest(value)] = value
            else:
                ids[value] = known
        if missing:
            rows = {
                d: {"user_id": self._user_id, "digest": d, "value": v} for d, v in missing.items()
            }
            found = self._fetch_or_add(texts, texts.c.digest, "digest", rows)
            new = {missing[d]: i for d, i in found.items()}
            self.new_texts.update(new)
            ids.update(new)
        return ids

    def activities(self, names: Iterable[str]) -> dict[str, int]:
        """The ids of activity names, adding the new ones."""
        ids: dict[str, int] = {}
        missing: list[str] = []
        for name in set(names):
            known = self._names_seen.get(self._user_id, name)
            if known is None:
                missing.append(name)
            else:
                ids[name] = known
        if missing:
            by_name = {n: {"user_id": self._user_id, "name": n} for n in missing}
            found = self._fetch_or_add(activities, activities.c.name, "name", by_name)
            self.new_names.update(found)
            ids.update(found)
        return ids

    def remember(self) -> None:
        """After commit: cache the ids this transaction saw."""
        self._texts_seen.update(self._user_id, self.new_texts)
        self._names_seen.update(self._user_id, self.new_names)

    def _fetch_or_add(
        self,
        table: Table,
        column: Column[Any],
        key: str,
        rows: dict[Key, dict[str, object]],
    ) -> dict[Key, int]:
        """The ids of rows' keys (rows by their value under key), adding the missing rows."""
        found = self._lookup(table, column, list(rows))
        # In key order, as every transaction adds them: two adding some of the same rows side
        # by side never each hold one the other waits for.
        new_keys = sorted(k for k in rows if k not in found)
        if new_keys:
            self._conn.execute(
                insert_ignoring_conflicts(self._conn, table, ["user_id", key]),
                [rows[k] for k in new_keys],
            )
            found.update(self._lookup(table, column, new_keys))
        return found

    def _lookup(self, table: Table, column: Column[Any], keys: list[Key]) -> dict[Key, int]:
        found: dict[Key, int] = {}
        for i in range(0, len(keys), _CHUNK):
            query = select(column, table.c.id).where(
                table.c.user_id == self._user_id, column.in_(keys[i : i + _CHUNK])
            )
            found.update((k, v) for k, v in self._conn.execute(query))
        return found
