"""Where a dashboard opens when the current period has no time yet: the latest day that has."""

from __future__ import annotations

from datetime import date, timedelta

from dayglass.core.localtime import Resolution, local_to_day
from dayglass.core.query import GroupBy, Question
from dayglass.services.reports import ReportService

LOOK_BACK_DAYS = 366


def latest_day_with_time(reports: ReportService, user_id: int, today: date) -> date | None:
    """The newest local day up to today (within a year) with any time, or None."""
    first = today - timedelta(days=LOOK_BACK_DAYS)
    rows = reports.answer(user_id, Question(first, today, GroupBy.PRODUCTIVITY, Resolution.DAY))
    days = [local_to_day(row.period) for row in rows if row.period is not None and row.seconds]
    return max(days, default=None)
