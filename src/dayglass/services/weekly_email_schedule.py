"""When a user's weekly email is due, and which days it reports on.

The email goes out on the chosen day of the week from 07:00 in the user's time zone, and reports
on the seven local days before that day (a Monday's email covers Monday to Sunday of the week
before), so every day it reports on has ended. Each email is keyed by the Monday of its send
day's week: at most one email per user and calendar week, even if the chosen day changes.
If the server is down for the whole send day, that week's email is skipped rather than sent late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dayglass.core.timestamps import local_today

SEND_AT = time(7, 0)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class WeeklyPeriod:
    """One weekly email: its key (the send week's Monday) and the local days it reports on."""

    week: date
    first: date
    last: date

    @property
    def before(self) -> tuple[date, date]:
        """The seven days before first, that the trend compares against."""
        return self.first - timedelta(days=7), self.first - timedelta(days=1)


def period_for(send_day: date) -> WeeklyPeriod:
    """The email sent on send_day: the seven days before it."""
    week = send_day - timedelta(days=send_day.weekday())
    return WeeklyPeriod(week, send_day - timedelta(days=7), send_day - timedelta(days=1))


def due_period(now: datetime, zone: str, weekday: int) -> WeeklyPeriod | None:
    """The email due at now for someone in zone who chose weekday; None when none is due."""
    today = local_today(now, zone)
    if today.weekday() != weekday:
        return None
    if now < datetime.combine(today, SEND_AT, ZoneInfo(zone)):
        return None
    return period_for(today)
