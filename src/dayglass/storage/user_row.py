"""A user's row with its cache stamp: one statement, read once in a request's snapshot.

A report needs the user (the time zone) and the stamp of what the process keeps of them (see
`dayglass.storage.cache_stamps`): both come from this row, so it is read once for both. On
Citus `users` is a reference table, with a copy on every node: a request that reads nothing
before it reads it from the worker holding the user's rows (`read_for_user`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from sqlalchemy import Engine, bindparam, select

from dayglass.core.accounts import User
from dayglass.storage.snapshot import lone_read, read_for_user, read_once
from dayglass.storage.tables import users

USER_COLUMNS = (
    users.c.id,
    users.c.email,
    users.c.display_name,
    users.c.timezone,
    users.c.created_at,
)
# Built once: every Data API request makes it (building one costs more than running it on
# SQLite).
_USER_ROW = select(*USER_COLUMNS, users.c.cache_stamp).where(users.c.id == bindparam("user_id"))


@dataclass(frozen=True)
class UserRow:
    """The user, and the stamp of what a process keeps of them."""

    user: User
    stamp: int


def user_row(engine: Engine, user_id: int) -> UserRow | None:
    """The user's row (None: no such user), read once in the current snapshot."""
    return read_once(engine, (UserRow, user_id), partial(_read, engine, user_id))


def user_stamp(engine: Engine, user_id: int) -> int | None:
    """The stamp in the user's row (None: no such user), read once in the current snapshot."""
    found = user_row(engine, user_id)
    return None if found is None else found.stamp


def _read(engine: Engine, user_id: int) -> UserRow | None:
    read_for_user(engine, user_id)  # on Citus, a request's first read: the user's worker
    with lone_read(engine) as conn:
        row = conn.execute(_USER_ROW, {"user_id": user_id}).first()
    return None if row is None else UserRow(User(*row[:-1]), int(row[-1]))
