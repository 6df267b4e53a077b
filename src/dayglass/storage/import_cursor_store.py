"""Where each import of a user's history has come to, in SQL."""

from __future__ import annotations

from sqlalchemy import Engine, select

from dayglass.core.clock import Clock
from dayglass.storage.dialect import upsert
from dayglass.storage.engine import writer
from dayglass.storage.tables import import_cursors


class SqlImportCursorStore:
    """One position per user and import source."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._writer = writer(engine)
        self._clock = clock

    def position(self, user_id: int, source: str) -> str | None:
        """The position an import of source reached for the user, if it ever started."""
        with self._engine.connect() as conn:
            found = conn.execute(
                select(import_cursors.c.position).where(
                    import_cursors.c.user_id == user_id, import_cursors.c.source == source
                )
            ).scalar_one_or_none()
        return found

    def set_position(self, user_id: int, source: str, position: str) -> None:
        """Remember how far the import of source has come."""
        row = {
            "user_id": user_id,
            "source": source,
            "position": position,
            "updated_at": self._clock.now(),
        }
        with self._writer.begin() as conn:
            conn.execute(upsert(conn, import_cursors, ["user_id", "source"]), row)
