"""Daily summaries: a point-in-time snapshot of each local day, asked of the query engine."""

from __future__ import annotations

from datetime import date, timedelta

from dayglass.core.clock import Clock
from dayglass.core.day_parts import DaySummary, part_seconds
from dayglass.core.query import GroupBy, Question
from dayglass.core.taxonomy import Catalog
from dayglass.core.timestamps import local_today
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import SummaryStore
from dayglass.services.reports import ReportService

FEED_DAYS = 14


class DailySummaryService:
    """Makes each day's snapshot once, and lists the last two weeks' snapshots."""

    def __init__(
        self,
        store: SummaryStore,
        reports: ReportService,
        accounts: AccountService,
        catalog: Catalog,
        clock: Clock,
    ) -> None:
        self._store = store
        self._reports = reports
        self._accounts = accounts
        self._overview_keys = {o.name: o.key for o in catalog.overviews}
        self._clock = clock

    def parts(self, user_id: int, day: date) -> dict[str, int]:
        """A day's seconds per part, exactly as the Data API answers them right now."""
        by_level = {
            row.productivity: row.seconds
            for row in self._reports.answer(user_id, Question(day, day, GroupBy.PRODUCTIVITY))
            if row.productivity is not None
        }
        by_overview = dict.fromkeys(self._overview_keys.values(), 0)
        for row in self._reports.answer(user_id, Question(day, day, GroupBy.OVERVIEW)):
            key = self._overview_keys.get(row.overview or "")
            if key is not None:
                by_overview[key] = by_overview.get(key, 0) + row.seconds
        return part_seconds(by_level, by_overview)

    def snapshot(self, user_id: int, day: date) -> bool:
        """Freeze day's summary for the user unless it already is; whether this call made it."""
        return self._store.add(user_id, day, self.parts(user_id, day), self._clock.now())

    def latest_days(self) -> dict[int, date]:
        """Each user's newest summarized (closed) day."""
        return self._store.latest_days()

    def recent_days(self, user_id: int) -> list[DaySummary]:
        """Each day of the last two weeks with time, excluding today, newest first."""
        zone = self._accounts.user(user_id).timezone
        today = local_today(self._clock.now(), zone)
        found = self._store.summaries(
            user_id, today - timedelta(days=FEED_DAYS), today - timedelta(days=1)
        )
        return [DaySummary(day, zone, parts) for day, parts in found]
