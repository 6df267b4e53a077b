"""Users and API keys in SQL."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, bindparam, insert, select, update

from dayglass.core.accounts import ApiKey, User, UserCredentials
from dayglass.storage.cache_stamps import raise_stamp
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.revocation import revoke_row
from dayglass.storage.snapshot import lone_read
from dayglass.storage.tables import api_keys, users
from dayglass.storage.user_row import USER_COLUMNS, user_row, user_stamp

if TYPE_CHECKING:
    from dayglass.services.ports import AccountStore

_KEY_COLUMNS = (
    api_keys.c.id,
    api_keys.c.user_id,
    api_keys.c.label,
    api_keys.c.prefix,
    api_keys.c.created_at,
    api_keys.c.last_used_at,
    api_keys.c.revoked_at,
    api_keys.c.org_id,
)
# Built once: the statements every Data API request makes (building one costs more than running
# it on SQLite).
_KEY_BY_HASH = select(*_KEY_COLUMNS).where(api_keys.c.key_hash == bindparam("key_hash"))


class SqlAccountStore:
    """Users and API keys."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add_user(
        self, email: str, display_name: str, password_hash: str, timezone: str, now: datetime
    ) -> User:
        """Insert a user."""
        values = {
            "email": email,
            "display_name": display_name,
            "password_hash": password_hash,
            "timezone": timezone,
            "created_at": now,
            # What processes keep of a user is checked against this stamp: starting at random, a
            # user given a deleted user's id (SQLite may reuse the highest) matches nothing
            # kept of the deleted one.
            "cache_stamp": secrets.randbits(62),
        }
        with self._writer.begin() as conn:
            user_id = inserted_id(conn.execute(insert(users).values(values)))
        return User(user_id, email, display_name, timezone, now)

    def user(self, user_id: int) -> User | None:
        """A user by id."""
        found = user_row(self._engine, user_id)
        return None if found is None else found.user

    def user_stamp(self, user_id: int) -> int | None:
        """The stamp of what processes keep of the user (None: no such user)."""
        return user_stamp(self._engine, user_id)

    def credentials(self, email: str) -> UserCredentials | None:
        """A user and password hash by email."""
        row = self._one(select(*USER_COLUMNS, users.c.password_hash).where(users.c.email == email))
        return UserCredentials(User(*row[:-1]), row[-1]) if row else None

    def users(self) -> list[User]:
        """Every user by id."""
        with self._engine.connect() as conn:
            return [User(*r) for r in conn.execute(select(*USER_COLUMNS).order_by(users.c.id))]

    def update_user(self, user_id: int, **fields: str) -> None:
        """Change a user's fields."""
        with self._writer.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(**fields))

    def add_key(
        self, user_id: int, label: str, prefix: str, key_hash: str, now: datetime
    ) -> ApiKey:
        """Insert an API key by its hash."""
        values = {
            "user_id": user_id,
            "label": label,
            "prefix": prefix,
            "key_hash": key_hash,
            "created_at": now,
        }
        with self._writer.begin() as conn:
            key_id = inserted_id(conn.execute(insert(api_keys).values(values)))
        return ApiKey(key_id, user_id, label, prefix, now, None, None)

    def key_by_hash(self, key_hash: str) -> ApiKey | None:
        """The key with this hash."""
        # Every request's first read: a transaction of its own unless in the request's snapshot.
        with lone_read(self._engine) as conn:
            row = conn.execute(_KEY_BY_HASH, {"key_hash": key_hash}).first()
        return ApiKey(*row) if row else None

    def key(self, key_id: int) -> ApiKey | None:
        """A key by id."""
        row = self._one(select(*_KEY_COLUMNS).where(api_keys.c.id == key_id))
        return ApiKey(*row) if row else None

    def keys(self, user_id: int) -> list[ApiKey]:
        """A user's keys, newest first."""
        query = (
            select(*_KEY_COLUMNS)
            .where(api_keys.c.user_id == user_id)
            .order_by(api_keys.c.id.desc())
        )
        with self._engine.connect() as conn:
            return [ApiKey(*r) for r in conn.execute(query)]

    def revoke_key(self, key_id: int, user_id: int, now: datetime) -> bool:
        """Mark the user's key revoked (once), then raise the user's stamp: a process that
        keeps the key reads it again. Two transactions: on Citus the stamp (a reference table)
        shows on the coordinator before the key's worker has committed a change made with it."""
        revoked = revoke_row(self._writer, api_keys, key_id, now, user_id)
        with self._writer.begin() as conn:
            raise_stamp(conn, user_id)
        return revoked

    def touch_key(self, key_hash: str, now: datetime) -> None:
        """Record that a key was used (by its hash: the column keys are distributed by)."""
        c = api_keys.c
        with self._writer.begin() as conn:
            conn.execute(update(api_keys).where(c.key_hash == key_hash).values(last_used_at=now))

    def _one(self, query: Any) -> tuple[Any, ...] | None:
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return tuple(row) if row else None


if TYPE_CHECKING:

    def _implements_account_store(store: SqlAccountStore) -> AccountStore:
        return store
