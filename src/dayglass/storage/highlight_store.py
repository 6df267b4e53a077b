"""Highlights in SQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, insert, select, update

from dayglass.core.highlights import Highlight
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import highlights

if TYPE_CHECKING:
    from dayglass.services.feed_ports import HighlightStore

_COLUMNS = (
    highlights.c.id,
    highlights.c.user_id,
    highlights.c.day,
    highlights.c.description,
    highlights.c.source,
    highlights.c.created_at,
)


class SqlHighlightStore:
    """Each user's highlights."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(
        self, user_id: int, day: date, description: str, source: str | None, now: datetime
    ) -> Highlight:
        """Insert a highlight."""
        values = {
            "user_id": user_id,
            "day": day,
            "description": description,
            "source": source,
            "created_at": now,
        }
        with self._writer.begin() as conn:
            new_id = inserted_id(conn.execute(insert(highlights).values(values)))
        return Highlight(new_id, user_id, day, description, source, now)

    def highlights(
        self, user_id: int, first: date | None, last: date | None, limit: int
    ) -> list[Highlight]:
        """The user's highlights for days first..last (either open), newest entered first."""
        query = select(*_COLUMNS).where(highlights.c.user_id == user_id)
        if first is not None:
            query = query.where(highlights.c.day >= first)
        if last is not None:
            query = query.where(highlights.c.day <= last)
        query = query.order_by(highlights.c.created_at.desc(), highlights.c.id.desc()).limit(limit)
        with self._engine.connect() as conn:
            return [Highlight(*row) for row in conn.execute(query)]

    def highlight(self, user_id: int, highlight_id: int) -> Highlight | None:
        """One highlight of the user."""
        query = select(*_COLUMNS).where(
            highlights.c.user_id == user_id, highlights.c.id == highlight_id
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else Highlight(*row)

    def update(
        self, user_id: int, highlight_id: int, day: date, description: str, source: str | None
    ) -> bool:
        """Change a highlight; whether it existed."""
        with self._writer.begin() as conn:
            done = conn.execute(
                update(highlights)
                .where(highlights.c.user_id == user_id, highlights.c.id == highlight_id)
                .values(day=day, description=description, source=source)
            )
        return done.rowcount > 0

    def remove(self, user_id: int, highlight_id: int) -> bool:
        """Delete a highlight; whether it existed."""
        with self._writer.begin() as conn:
            done = conn.execute(
                delete(highlights).where(
                    highlights.c.user_id == user_id, highlights.c.id == highlight_id
                )
            )
        return done.rowcount > 0


if TYPE_CHECKING:

    def _implements_highlight_store(store: SqlHighlightStore) -> HighlightStore:
        return store
