"""Embed keys: read-only keys bound to exactly one report (a saved search)."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy


class RelativePeriod(StrEnum):
    """A period that follows the owner's calendar: recomputed from the owner's today."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    LAST_7_DAYS = "last_7_days"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    LAST_30_DAYS = "last_30_days"


PERIOD_NAMES = {
    RelativePeriod.TODAY: "today",
    RelativePeriod.YESTERDAY: "yesterday",
    RelativePeriod.THIS_WEEK: "this week",
    RelativePeriod.LAST_WEEK: "last week",
    RelativePeriod.LAST_7_DAYS: "the last 7 days",
    RelativePeriod.THIS_MONTH: "this month",
    RelativePeriod.LAST_MONTH: "last month",
    RelativePeriod.LAST_30_DAYS: "the last 30 days",
}


def _sunday(day: date) -> date:
    # Weeks run Sunday to Saturday, as in the dashboard and the Data API's week resolution.
    return day - timedelta(days=(day.weekday() + 1) % 7)


def relative_days(period: RelativePeriod, today: date) -> tuple[date, date]:
    """The inclusive local days period covers when today is today (never past today)."""
    if period is RelativePeriod.TODAY:
        return today, today
    if period is RelativePeriod.YESTERDAY:
        return today - timedelta(days=1), today - timedelta(days=1)
    if period is RelativePeriod.THIS_WEEK:
        return _sunday(today), today
    if period is RelativePeriod.LAST_WEEK:
        begin = _sunday(today) - timedelta(days=7)
        return begin, begin + timedelta(days=6)
    if period is RelativePeriod.LAST_7_DAYS:
        return today - timedelta(days=6), today
    if period is RelativePeriod.THIS_MONTH:
        return today.replace(day=1), today
    if period is RelativePeriod.LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last.replace(day=monthrange(last.year, last.month)[1])
    return today - timedelta(days=29), today


@dataclass(frozen=True, slots=True)
class EmbeddedReport:
    """The fixed question an embed key answers: a range of local days (fixed, or relative to
    the owner's today), a grouping, a cut, and optionally a search keyword and a project."""

    begin: str  # YYYY-MM-DD; with a relative period, the days it covered when the key was made
    end: str
    group_by: GroupBy
    resolution: Resolution
    search: str | None = None  # matched, ignoring case, in the activity or the document
    project_id: int | None = None
    period: RelativePeriod | None = None  # None: begin..end, fixed

    def days(self, today: date) -> tuple[date, date]:
        """The inclusive local days asked when the owner's today is today.

        Raises ValueError for fixed dates that are not YYYY-MM-DD.
        """
        if self.period is not None:
            return relative_days(self.period, today)
        return date.fromisoformat(self.begin), date.fromisoformat(self.end)


@dataclass(frozen=True, slots=True)
class EmbedKey:
    """An embed key as listed: never the key itself."""

    id: int
    user_id: int
    label: str
    prefix: str
    report: EmbeddedReport
    allow_raw: bool
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """Whether the key still answers."""
        return self.revoked_at is None
