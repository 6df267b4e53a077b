"""Closing local days: after each user's day ends, snapshot its summary and judge its alerts.

Days missed while the server was down (up to the feed's two weeks) are closed on the next run.
"""

from __future__ import annotations

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
