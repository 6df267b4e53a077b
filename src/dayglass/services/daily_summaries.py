"""Daily summaries: a point-in-time snapshot of each local day, asked of the query engine."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta

from dayglass.core.clock import Clock
from dayglass.core.day_parts import (
    DaySummary,
    FrozenActivity,
    FrozenDay,
    keeping_categorization,
    parts_of,
)
from dayglass.core.localtime import Resolution, local_to_day
from dayglass.core.query import GroupBy, Question
from dayglass.core.taxonomy import Catalog
from dayglass.core.timestamps import local_today
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import SummaryStore
from dayglass.services.reports import ReportService

FEED_DAYS = 14


def _frozen_ms(day: FrozenDay) -> int:
    """A snapshot's total milliseconds (its whole seconds for snapshots without activities)."""
    if day.activities is None:
        return day.parts["total"] * 1000
    return sum(activity.ms for activity in day.activities.values())


class DailySummaryService:
    """Makes each day's snapshot as it ends, adds time that arrives late, lists two weeks."""

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

    def _activities(self, user_id: int, day: date) -> dict[str, FrozenActivity]:
        """Each activity's time on day, with its categorization as the Data API gives it now."""
        rows = self._reports.answer(user_id, Question(day, day, GroupBy.ACTIVITY))
        return {
            row.activity: FrozenActivity(
                row.ms, row.productivity or 0, self._overview_keys.get(row.overview or "")
            )
            for row in rows
            if row.activity is not None
        }

    def _parts(self, activities: Mapping[str, FrozenActivity]) -> dict[str, int]:
        return parts_of(activities, self._overview_keys.values())

    def snapshot(self, user_id: int, day: date) -> bool:
        """Freeze day's summary for the user unless it already is; whether this call made it."""
        activities = self._activities(user_id, day)
        parts = self._parts(activities)
        return self._store.add(user_id, day, parts, activities, self._clock.now())

    def bring_up_to_date(self, user_id: int, changed: Collection[date] | None = None) -> list[date]:
        """Add time that arrived after its day was frozen; the days whose summary changed.

        Within the feed's two weeks (of those, the days in changed, when given: an agent's
        batch of today's time, or of time long ago, reads no summary). Each activity keeps the
        categorization it was frozen with, so a re-categorization alone changes no summary;
        activities new to a day take theirs now.
        """
        today = local_today(self._clock.now(), self._accounts.user(user_id).timezone)
        first, last = today - timedelta(days=FEED_DAYS), today - timedelta(days=1)
        if changed is not None:
            within = [day for day in changed if first <= day <= last]
            if not within:
                return []
            first, last = min(within), max(within)
        frozen = self._store.frozen_days(user_id, first, last)
        if not frozen:
            return []
        totals: dict[date, int] = {}
        daily = Question(first, last, GroupBy.PRODUCTIVITY, Resolution.DAY)
        for row in self._reports.answer(user_id, daily):
            if row.period is not None:
                day = local_to_day(row.period)
                totals[day] = totals.get(day, 0) + row.ms
        changed = []
        for day, kept in sorted(frozen.items()):
            if _frozen_ms(kept) == totals.get(day, 0):
                continue
            current = self._activities(user_id, day)
            if kept.activities is not None:
                current = keeping_categorization(kept.activities, current)
            parts = self._parts(current)
            if kept.activities is None and parts["total"] == kept.parts["total"]:
                continue  # an older snapshot without activities: only its total can be compared
            self._store.replace(user_id, day, parts, current, self._clock.now())
            changed.append(day)
        return changed

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
