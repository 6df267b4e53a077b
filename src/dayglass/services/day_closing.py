"""Closing local days: after each user's day ends, snapshot its summary and judge its alerts.

Days missed while the server was down (up to the feed's two weeks) are closed on the next run.
Time that arrives for a day already closed (an agent that was offline for days) is added to that
day's summary, and the day's alerts are judged again (each still fires at most once a day).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from dayglass.core.clock import Clock
from dayglass.core.timestamps import local_today
from dayglass.services.accounts import AccountService
from dayglass.services.alerts import AlertService
from dayglass.services.daily_summaries import FEED_DAYS, DailySummaryService


class DayCloser:
    """Finds the local days that have ended and not been closed, and closes them."""

    def __init__(
        self,
        accounts: AccountService,
        summaries: DailySummaryService,
        alerts: AlertService,
        clock: Clock,
    ) -> None:
        self._accounts = accounts
        self._summaries = summaries
        self._alerts = alerts
        self._clock = clock

    def close_due(self) -> list[tuple[int, date]]:
        """Close every due day of every user; the (user, day) pairs closed."""
        closed_through = self._summaries.latest_days()
        now = self._clock.now()
        done: list[tuple[int, date]] = []
        for user in self._accounts.users():
            today = local_today(now, user.timezone)
            first = today - timedelta(days=FEED_DAYS)
            latest = closed_through.get(user.id)
            if latest is not None:
                first = max(first, latest + timedelta(days=1))
            day = first
            while day < today:
                self._alerts.judge_day(user.id, day)
                self._summaries.snapshot(user.id, day)
                done.append((user.id, day))
                day += timedelta(days=1)
        return done

    def catch_up(self, user_id: int, changed: Collection[date] | None = None) -> list[date]:
        """Bring the user's closed days that got time late up to date; the days it changed
        (changed: the days whose time changed, when known; only those are looked at)."""
        days = self._summaries.bring_up_to_date(user_id, changed)
        for day in days:
            self._alerts.judge_day(user_id, day)
        return days

    def catch_up_everyone(self) -> list[tuple[int, date]]:
        """catch_up for every user (at start-up: time may have arrived just before a restart)."""
        return [(u.id, day) for u in self._accounts.users() for day in self.catch_up(u.id)]
