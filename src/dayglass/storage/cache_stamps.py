"""What a server process keeps of a user between requests, and how it knows it is still right.

Each user row has a `cache_stamp`, which starts at random (a user given a deleted user's id
matches nothing kept of the deleted one): every transaction that changes something a process
keeps (the user's categorization overrides) raises it, in the same transaction; revoking one of
the user's API keys raises it right after (`dayglass.services.kept_keys`); the names of the
user's activities never change (`dayglass.storage.activity_names`). A process keeps a
copy with the stamp it read before reading the copy, and uses it while the stamp it reads
now is the same: a change made by any process (or a command) since shows as a new stamp. The
stamp is in the user's row (`dayglass.storage.user_row`, read with the user): on Citus a
reference table, which the coordinator reads from its own copy with no trip to a worker.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Generic, TypeVar

from sqlalchemy import BindParameter, Connection, bindparam, update

from dayglass.storage.tables import users

_USER_ID: BindParameter[int] = bindparam("user_id")
_RAISE = update(users).where(users.c.id == _USER_ID).values(cache_stamp=users.c.cache_stamp + 1)

KEPT_USERS = 10_000  # copies a process keeps of each kind; the least recently used go first

Value = TypeVar("Value")


def raise_stamp(conn: Connection, user_id: int) -> None:
    """Mark everything kept of the user out of date (call inside the changing transaction)."""
    conn.execute(_RAISE, {"user_id": user_id})


class StampedCopies(Generic[Value]):
    """Copies by user id, each with the stamp read before it; safe from several threads."""

    def __init__(
        self, size: int = KEPT_USERS, weight: Callable[[Value], int] = lambda _: 1
    ) -> None:
        """size: the copies' total weight kept (by default a copy weighs 1); the least recently
        used go first, but for the last one."""
        self._size = size
        self._weight = weight
        self._total = 0
        self._copies: OrderedDict[int, tuple[int, Value]] = OrderedDict()
        self._lock = Lock()

    def get(self, user_id: int, stamp: int | None) -> Value | None:
        """The copy kept of the user if it was read at this stamp."""
        if stamp is None:
            return None
        with self._lock:
            kept = self._copies.get(user_id)
            if kept is None or kept[0] != stamp:
                return None
            self._copies.move_to_end(user_id)
            return kept[1]

    def keep(self, user_id: int, stamp: int | None, value: Value) -> None:
        """Keep value, read after the stamp was."""
        if stamp is None:
            return
        with self._lock:
            replaced = self._copies.get(user_id)
            if replaced is not None:
                self._total -= self._weight(replaced[1])
            self._copies[user_id] = (stamp, value)
            self._copies.move_to_end(user_id)
            self._total += self._weight(value)
            while self._total > self._size and len(self._copies) > 1:
                _, (_, dropped) = self._copies.popitem(last=False)
                self._total -= self._weight(dropped)
