"""Signed-in browser sessions in SQL, found by (user_id, hash of the token)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, insert, select, update

from dayglass.core.web_sessions import WebSession
from dayglass.storage.engine import writer
from dayglass.storage.tables import web_sessions

if TYPE_CHECKING:
    from dayglass.services.ports import SessionStore

_COLUMNS = (
    web_sessions.c.user_id,
    web_sessions.c.token_hash,
    web_sessions.c.created_at,
    web_sessions.c.last_seen_at,
    web_sessions.c.user_agent,
)


def _session(row: Any) -> WebSession:
    return WebSession(row[0], row[1], row[2], row[3], row[4])


class SqlSessionStore:
    """Each user's signed-in browsers."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(self, session: WebSession) -> None:
        """Keep a new session."""
        row = {
            "user_id": session.user_id,
            "token_hash": session.token_hash,
            "created_at": session.created_at,
            "last_seen_at": session.last_seen_at,
            "user_agent": session.user_agent,
        }
        with self._writer.begin() as conn:
            conn.execute(insert(web_sessions), row)

    def session(self, user_id: int, token_hash: str) -> WebSession | None:
        """The user's session with this token hash, if it was not ended."""
        with self._engine.connect() as conn:
            row = conn.execute(
                select(*_COLUMNS).where(
                    web_sessions.c.user_id == user_id, web_sessions.c.token_hash == token_hash
                )
            ).first()
        return None if row is None else _session(row)

    def sessions(self, user_id: int) -> list[WebSession]:
        """The user's sessions, most recently seen first."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(*_COLUMNS)
                .where(web_sessions.c.user_id == user_id)
                .order_by(web_sessions.c.last_seen_at.desc())
            ).all()
        return [_session(row) for row in rows]

    def touch(self, user_id: int, token_hash: str, now: datetime) -> None:
        """Record that the session was just used."""
        with self._writer.begin() as conn:
            conn.execute(
                update(web_sessions)
                .where(web_sessions.c.user_id == user_id, web_sessions.c.token_hash == token_hash)
                .values(last_seen_at=now)
            )

    def remove(self, user_id: int, token_hash: str) -> bool:
        """End one session; whether it existed."""
        with self._writer.begin() as conn:
            gone = conn.execute(
                delete(web_sessions).where(
                    web_sessions.c.user_id == user_id, web_sessions.c.token_hash == token_hash
                )
            ).rowcount
        return bool(gone)

    def remove_others(self, user_id: int, keep: str | None, seen_before: datetime | None) -> int:
        """End the user's sessions but keep (all, or only those last seen before seen_before)."""
        statement = delete(web_sessions).where(web_sessions.c.user_id == user_id)
        if keep is not None:
            statement = statement.where(web_sessions.c.token_hash != keep)
        if seen_before is not None:
            statement = statement.where(web_sessions.c.last_seen_at < seen_before)
        with self._writer.begin() as conn:
            return int(conn.execute(statement).rowcount)


if TYPE_CHECKING:

    def _implements_the_port(engine: Engine) -> SessionStore:
        return SqlSessionStore(engine)
