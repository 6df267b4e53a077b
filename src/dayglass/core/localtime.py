"""Local time as Dayglass counts it, and the report buckets cut from it.

A local timestamp is the wall-clock time of the device, written as seconds since
1970-01-01T00:00 of that wall clock ("local epoch seconds"). It is UTC plus the UTC offset
the agent sent with the event, so buckets and days need no time zone database.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

BUCKET_SECONDS = 300
DAY_SECONDS = 86_400
_EPOCH = datetime(1970, 1, 1)
_EPOCH_DATE = date(1970, 1, 1)


class Resolution(StrEnum):
    """How report rows are cut in time."""

    NONE = "none"
    MINUTE = "minute"  # five-minute buckets, as RescueTime's "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"  # weeks start on Sunday
    MONTH = "month"


def local_seconds(utc_ms: int, offset_minutes: int) -> float:
    """Local epoch seconds of a UTC instant (milliseconds) seen at a UTC offset."""
    return utc_ms / 1000 + offset_minutes * 60


def day_start(local: int) -> int:
    """Local epoch seconds of the midnight that starts local's day."""
    return local - local % DAY_SECONDS


def day_to_local(day: date) -> int:
    """Local epoch seconds of a local day's midnight."""
    return (day - _EPOCH_DATE).days * DAY_SECONDS


def local_to_day(local: int) -> date:
    """The local day a local timestamp falls in."""
    return _EPOCH_DATE + timedelta(days=local // DAY_SECONDS)


def week_start(local: int) -> int:
    """Local epoch seconds of the Sunday midnight that starts local's week."""
    day_index = local // DAY_SECONDS
    # 1970-01-01 was a Thursday: four days after a Sunday.
    return (day_index - (day_index + 4) % 7) * DAY_SECONDS


def month_start(local: int) -> int:
    """Local epoch seconds of the first midnight of local's month."""
    day = local_to_day(local)
    return day_to_local(day.replace(day=1))


def period_start(local: int, resolution: Resolution) -> int | None:
    """The start of the report period local falls in, or None when time is not cut."""
    if resolution is Resolution.NONE:
        return None
    if resolution is Resolution.MINUTE:
        return local - local % BUCKET_SECONDS
    if resolution is Resolution.HOUR:
        return local - local % 3600
    if resolution is Resolution.DAY:
        return day_start(local)
    if resolution is Resolution.WEEK:
        return week_start(local)
    return month_start(local)


def label(local: int) -> str:
    """A local timestamp as RescueTime prints dates: `YYYY-MM-DDTHH:MM:SS`, no offset."""
    return (_EPOCH + timedelta(seconds=local)).strftime("%Y-%m-%dT%H:%M:%S")


def to_local_datetime(local: int) -> datetime:
    """A local timestamp as a naive datetime."""
    return _EPOCH + timedelta(seconds=local)
