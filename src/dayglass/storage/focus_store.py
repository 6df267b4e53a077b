"""FocusTime sessions in SQL."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, insert, select, update

from dayglass.core.focus import FocusSession
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import focus_sessions

if TYPE_CHECKING:
    from dayglass.services.feed_ports import FocusStore

_COLUMNS = (
    focus_sessions.c.id,
    focus_sessions.c.user_id,
    focus_sessions.c.started_at,
    focus_sessions.c.minutes,
    focus_sessions.c.ends_at,
    focus_sessions.c.ended_at,
)


class SqlFocusStore:
    """Each user's FocusTime sessions."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(
        self, user_id: int, started_at: datetime, minutes: int, ends_at: datetime
    ) -> FocusSession:
        """Insert a session."""
        values = {
            "user_id": user_id,
            "started_at": started_at,
            "minutes": minutes,
            "ends_at": ends_at,
        }
        with self._writer.begin() as conn:
            new_id = inserted_id(conn.execute(insert(focus_sessions).values(values)))
        return FocusSession(new_id, user_id, started_at, minutes, ends_at)

    def sessions(self, user_id: int, limit: int) -> list[FocusSession]:
        """The user's sessions, newest started first."""
        query = (
            select(*_COLUMNS)
            .where(focus_sessions.c.user_id == user_id)
            .order_by(focus_sessions.c.started_at.desc(), focus_sessions.c.id.desc())
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [FocusSession(*row) for row in conn.execute(query)]

    def end(self, user_id: int, session_id: int, at: datetime) -> None:
        """Mark a session of the user ended early at at."""
        c = focus_sessions.c
        with self._writer.begin() as conn:
            conn.execute(
                update(focus_sessions)
                .where(c.user_id == user_id, c.id == session_id)
                .values(ended_at=at)
            )


if TYPE_CHECKING:

    def _implements_focus_store(store: SqlFocusStore) -> FocusStore:
        return store
