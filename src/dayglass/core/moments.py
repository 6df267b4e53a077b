"""Dates and times as programs write them: ISO 8601 with `T` or a space, and `Z` or an offset.

RescueTime's server parses times as Rails does, so its clients send `2026-11-25 09:00:00`,
`2026-11-25T09:00:00-04:00` or `2026-11-25T13:00:00Z` alike. A time with `Z` or an offset names
one moment; a time without one is on the wall clock of the person's time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

_WRITTEN = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<hours>\d{2})(?::?(?P<minutes>\d{2}))?)?)?"
)
_MAX_OFFSET = timedelta(hours=14)


@dataclass(frozen=True, slots=True)
class Written:
    """A date and time as written: the wall-clock time, and its UTC offset if one was given."""

    wall: datetime
    offset: timedelta | None

    def in_zone(self, zone: ZoneInfo) -> datetime:
        """The moment on zone's clock (a time without an offset is taken as zone's own)."""
        if self.offset is None:
            return self.wall.replace(tzinfo=zone)
        return self.wall.replace(tzinfo=timezone(self.offset)).astimezone(zone)


def _offset(match: re.Match[str]) -> timedelta | None:
    if match["utc"]:
        return timedelta(0)
    if not match["sign"]:
        return None
    size = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
    return -size if match["sign"] == "-" else size


def parse_written(text: str) -> Written | None:
    """A `YYYY-MM-DD[( |T)HH:MM[:SS[.fff]][Z|±HH[:MM]]]` text, or None when it is not one."""
    match = _WRITTEN.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()[:7]
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    offset = _offset(match)
    if offset is not None and abs(offset) > _MAX_OFFSET:
        return None
    try:
        wall = datetime.combine(
            date(int(year), int(month), int(day)),
            time(int(hour or 0), int(minute or 0), int(second or 0), micro),
        )
    except ValueError:
        return None
    return Written(wall, offset)
