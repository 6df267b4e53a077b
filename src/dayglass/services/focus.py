"""FocusTime: starting and ending sessions, and the started and ended feeds."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput
from dayglass.core.focus import FocusSession, due_end, focus_minutes
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import FocusStore

FEED_LIMIT = 100


class FocusService:
    """Each user's FocusTime sessions; a session that runs out ends by itself."""

    def __init__(
        self,
        store: FocusStore,
        accounts: AccountService,
        clock: Clock,
    ) -> None:
        self._store = store
        self._accounts = accounts
        self._clock = clock

    def current(self, user_id: int) -> FocusSession | None:
        """The session running now, if any."""
        latest = self._store.sessions(user_id, 1)
        if latest and latest[0].active(self._clock.now()):
            return latest[0]
        return None

    def start(self, user_id: int, duration: object) -> FocusSession:
        """Start a session of duration minutes (a multiple of 5, or -1 for the rest of the day).

        A running session ends first: one session runs at a time.
        """
        minutes = focus_minutes(duration)
        zone = ZoneInfo(self._accounts.user(user_id).timezone)
        now = self._clock.now()
        running = self.current(user_id)
        if running is not None:
            self._store.end(user_id, running.id, now)
        ends_at = due_end(now, minutes, zone)
        length = round((ends_at - now).total_seconds() / 60)
        return self._store.add(user_id, now, length, ends_at)

    def end(self, user_id: int) -> FocusSession:
        """End the running session, or InvalidInput when none runs."""
        running = self.current(user_id)
        if running is None:
            raise InvalidInput("no FocusTime session is running")
        self._store.end(user_id, running.id, self._clock.now())
        return self._store.sessions(user_id, 1)[0]

    def sessions(self, user_id: int) -> list[FocusSession]:
        """Recent sessions, newest started first."""
        return self._store.sessions(user_id, FEED_LIMIT)

    def ended(self, user_id: int) -> list[tuple[datetime, FocusSession]]:
        """Recent sessions that have ended, with when, newest end first."""
        now = self._clock.now()
        done = [(s.end(now), s) for s in self.sessions(user_id)]
        return sorted(
            ((end, s) for end, s in done if end is not None), key=lambda p: p[0], reverse=True
        )
