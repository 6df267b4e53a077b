"""The names of users' activities, kept by a server process to name report rows.

An activity's id and name never change once given (`dayglass.storage.interning`), so a report
sums its rows by activity id alone and names them from what the process keeps, reading only
the names it has not seen yet. On Citus the sums are then a statement over one table, which
the coordinator routes by its fast path: a one-day question's median round trip was 0.69 ms
joined with `activities` and 0.42 ms alone (psycopg, 1,500 runs each, on this machine's
three-node cluster).

What is kept of a user is checked against the user's cache stamp
(`dayglass.storage.cache_stamps`), as the overrides are: a user given the id of a deleted one
(SQLite may reuse the highest id) starts with a stamp of its own, and so with nothing of the
deleted user's names.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy import Connection, bindparam, select

from dayglass.storage.cache_stamps import StampedCopies
from dayglass.storage.dialect import any_of
from dayglass.storage.tables import activities

KEPT_NAMES = 200_000  # names a process keeps in all; the least recently used users' go first

# Every activity of a user (id, name), built once; the kept names read some of them.
USER_ACTIVITIES = select(activities.c.id, activities.c.name).where(
    activities.c.user_id == bindparam("user_id")
)


class KeptActivityNames:
    """Activity names by user and id, each user's kept with the stamp read before them; safe
    from several threads."""

    def __init__(self, limit: int = KEPT_NAMES) -> None:
        self._kept: StampedCopies[Mapping[int, str]] = StampedCopies(limit, weight=len)

    def names(
        self, conn: Connection, user_id: int, stamp: int | None, ids: Collection[int]
    ) -> Mapping[int, str]:
        """The names of the user's activities ids (those that exist), reading on conn the ones
        not kept; stamp was read before this call."""
        kept = self._kept.get(user_id, stamp) or {}
        missing = [i for i in ids if i not in kept]
        if not missing:
            return kept
        query = USER_ACTIVITIES.where(any_of(conn, activities.c.id, missing))
        found = {i: n for i, n in conn.execute(query, {"user_id": user_id})}
        # A new mapping, never changed: a reader holding the last one never sees it change.
        names = {**kept, **found}
        self._kept.keep(user_id, stamp, names)
        return names
