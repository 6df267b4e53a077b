"""Schedules: each user's named weekly windows, for restricting reports to working hours."""

from __future__ import annotations

from collections.abc import Iterable

from dayglass.core.clock import Clock
from dayglass.core.errors import Conflict, InvalidInput, NotFound
from dayglass.core.schedules import Schedule, Window, merged
from dayglass.services.ports import ScheduleStore

MAX_NAME = 200


class ScheduleService:
    """Adds, lists and removes schedules."""

    def __init__(self, store: ScheduleStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def add(self, user_id: int, name: str, windows: Iterable[Window]) -> Schedule:
        """A new schedule; its name must be new for the user and it needs a window."""
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise InvalidInput(f"name: 1 to {MAX_NAME} characters")
        spans = merged(windows)
        if not spans:
            raise InvalidInput("windows: give at least one window")
        if any(s.name == name for s in self._store.schedules(user_id)):
            raise Conflict(f"a schedule named {name!r} exists")
        return self._store.add(user_id, name, spans, self._clock.now())

    def schedules(self, user_id: int) -> list[Schedule]:
        """The user's schedules, oldest first."""
        return self._store.schedules(user_id)

    def schedule(self, user_id: int, schedule_id: int) -> Schedule:
        """One of the user's schedules, or NotFound."""
        found = self._store.schedules(user_id, schedule_id)
        if not found:
            raise NotFound(f"no schedule {schedule_id}")
        return found[0]

    def remove(self, user_id: int, schedule_id: int) -> None:
        """Delete one of the user's schedules, or NotFound."""
        if not self._store.remove(user_id, schedule_id):
            raise NotFound(f"no schedule {schedule_id}")
