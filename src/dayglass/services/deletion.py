"""Deleting a person's time: a range of local days, or the whole account."""

from __future__ import annotations

from datetime import date

from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput
from dayglass.core.timestamps import local_today
from dayglass.services.accounts import AccountService
from dayglass.services.daily_summaries import DailySummaryService
from dayglass.services.day_closing import DayCloser
from dayglass.services.ports import DeletionStore, RangeDeleted


class DeletionService:
    """Removes time and accounts so that reports, summaries and feeds show it at once."""

    def __init__(
        self,
        store: DeletionStore,
        accounts: AccountService,
        summaries: DailySummaryService,
        day_closer: DayCloser,
        clock: Clock,
    ) -> None:
        self._store = store
        self._accounts = accounts
        self._summaries = summaries
        self._day_closer = day_closer
        self._clock = clock

    def delete_range(self, user_id: int, first: date, last: date) -> RangeDeleted:
        """Delete the user's time on local days first to last (both included)."""
        if last < first:
            raise InvalidInput("to: the last day cannot come before the first")
        user = self._accounts.user(user_id)
        deleted = self._store.delete_range(user_id, first, last)
        today = local_today(self._clock.now(), user.timezone)
        for day in deleted.summary_days:
            if day < today:  # a closed day stays closed, now with no time
                self._summaries.snapshot(user_id, day)
        self._day_closer.catch_up(user_id)
        return deleted

    def delete_account(self, user_id: int, confirm_email: str) -> dict[str, int]:
        """Delete the user and every row of theirs; confirm_email must be their email."""
        user = self._accounts.user(user_id)
        if confirm_email.strip().lower() != user.email:
            raise InvalidInput("Confirmation: type your email address exactly to delete.")
        return self._store.delete_account(user_id)
