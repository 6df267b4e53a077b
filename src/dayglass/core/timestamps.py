"""Moments as feeds print them: in the user's time zone, with its offset."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo


def in_zone(moment: datetime, zone: str) -> str:
    """`2026-11-20T09:00:00+01:00`: moment on the clock of zone."""
    return moment.astimezone(ZoneInfo(zone)).isoformat(timespec="seconds")


def local_midnight_unix(day: date, zone: str) -> int:
    """The unix time of day's first moment in zone."""
    return int(datetime.combine(day, time(), ZoneInfo(zone)).timestamp())


def local_today(now: datetime, zone: str) -> date:
    """The date on the clock of zone at now."""
    return now.astimezone(ZoneInfo(zone)).date()
