"""Schedules and their weekly windows in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, insert, select

from dayglass.core.schedules import Schedule, Window
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import schedule_windows, schedules

if TYPE_CHECKING:
    from dayglass.services.ports import ScheduleStore


class SqlScheduleStore:
    """Each user's named schedules."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add(self, user_id: int, name: str, windows: Sequence[Window], now: datetime) -> Schedule:
        """Insert a schedule with its (already merged) windows."""
        with self._writer.begin() as conn:
            values = {"user_id": user_id, "name": name, "created_at": now}
            schedule_id = inserted_id(conn.execute(insert(schedules).values(values)))
            if windows:
                conn.execute(
                    insert(schedule_windows),
                    [
                        {
                            "user_id": user_id,
                            "schedule_id": schedule_id,
                            "weekday": w.weekday,
                            "start_minute": w.start,
                            "end_minute": w.end,
                        }
                        for w in windows
                    ],
                )
        return Schedule(schedule_id, user_id, name, tuple(windows))

    def schedules(self, user_id: int, schedule_id: int | None = None) -> list[Schedule]:
        """The user's schedules (only schedule_id's, when given), oldest first."""
        heads = select(schedules.c.id, schedules.c.name).where(schedules.c.user_id == user_id)
        spans = select(
            schedule_windows.c.schedule_id,
            schedule_windows.c.weekday,
            schedule_windows.c.start_minute,
            schedule_windows.c.end_minute,
        ).where(schedule_windows.c.user_id == user_id)
        if schedule_id is not None:
            heads = heads.where(schedules.c.id == schedule_id)
            spans = spans.where(schedule_windows.c.schedule_id == schedule_id)
        windows: dict[int, list[Window]] = defaultdict(list)
        with self._engine.connect() as conn:
            for owner, day, start, end in conn.execute(spans):
                windows[owner].append(Window(day, start, end))
            found = list(conn.execute(heads.order_by(schedules.c.id)))
        return [Schedule(i, user_id, name, tuple(sorted(windows[i]))) for i, name in found]

    def remove(self, user_id: int, schedule_id: int) -> bool:
        """Delete a schedule; whether it existed."""
        with self._writer.begin() as conn:
            conn.execute(
                delete(schedule_windows).where(
                    schedule_windows.c.user_id == user_id,
                    schedule_windows.c.schedule_id == schedule_id,
                )
            )
            gone = conn.execute(
                delete(schedules).where(
                    schedules.c.user_id == user_id, schedules.c.id == schedule_id
                )
            )
        return gone.rowcount > 0


if TYPE_CHECKING:

    def _implements_schedule_store(store: SqlScheduleStore) -> ScheduleStore:
        return store
