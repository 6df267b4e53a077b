"""Offline time: a span a person spent away from their devices, entered by hand or by a program.

An entry gives a local `start_time`, an `end_time` or a `duration` in minutes, an
`activity_name` and optional `activity_details`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dayglass.core.errors import InvalidInput
from dayglass.core.highlights import text_field
from dayglass.core.moments import parse_written

MAX_MINUTES = 4 * 60
_NUMBER = re.compile(r"-?\d{1,12}(\.\d+)?")


@dataclass(frozen=True, slots=True)
class OfflineSpan:
    """What an offline entry says: an aware start, its length, the activity and its details."""

    start: datetime
    seconds: int
    activity: str
    details: str

    @property
    def offset_minutes(self) -> int:
        """The UTC offset of the start, in minutes (local time counts from it)."""
        offset = self.start.utcoffset()
        return int(offset.total_seconds() // 60) if offset else 0

    @property
    def end(self) -> datetime:
        """When the span ends."""
        return self.start + timedelta(seconds=self.seconds)


@dataclass(frozen=True, slots=True)
class OfflineEntry:
    """A stored offline entry; `device` names the source its time is stored under."""

    id: int
    user_id: int
    span: OfflineSpan
    device: str
    created_at: datetime


def _given(fields: Mapping[str, object], name: str) -> object:
    value = fields.get(name)
    return None if value == "" else value


def _number(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str) and _NUMBER.fullmatch(raw.strip()):
        return float(raw.strip())
    return None


def _moment(name: str, raw: object, zone: ZoneInfo) -> datetime:
    """A local `YYYY-MM-DD HH:MM:SS`, an ISO 8601 time with `Z` or an offset (converted to zone),
    or a unix timestamp, as an aware datetime."""
    number = _number(raw)
    try:
        if number is not None:
            return datetime.fromtimestamp(number, zone)
        written = parse_written(raw) if isinstance(raw, str) else None
        if written is not None:
            return written.in_zone(zone)
    except (ValueError, OverflowError, OSError):
        pass
    raise InvalidInput(f"{name}: expected 'YYYY-MM-DD HH:MM:SS' or a unix timestamp")


def _seconds(fields: Mapping[str, object], start: datetime, zone: ZoneInfo) -> int:
    duration, end = _given(fields, "duration"), _given(fields, "end_time")
    if duration is None and end is None:
        raise InvalidInput("end_time or duration: one is required")
    if duration is not None:
        minutes = _number(duration)
        if minutes is None:
            raise InvalidInput("duration: expected a number of minutes")
        return _checked(round(minutes * 60), "duration")
    minutes = _number(end)
    if minutes is not None:
        # A bare number in end_time is a duration in minutes, as some clients send it.
        return _checked(round(minutes * 60), "end_time")
    seconds = (_moment("end_time", end, zone) - start).total_seconds()
    return _checked(round(seconds), "end_time")


def _checked(seconds: int, name: str) -> int:
    if seconds <= 0:
        raise InvalidInput(f"{name}: the offline time must last longer than zero minutes")
    if seconds > MAX_MINUTES * 60:
        raise InvalidInput(f"{name}: at most {MAX_MINUTES // 60} hours of offline time an entry")
    return seconds


def offline_span(fields: Mapping[str, object], zone: ZoneInfo, now: datetime) -> OfflineSpan:
    """The span an entry's fields describe, checked: at most 4 hours, not in the future."""
    raw_start = _given(fields, "start_time")
    if raw_start is None:
        raise InvalidInput("start_time: required")
    start = _moment("start_time", raw_start, zone)
    seconds = _seconds(fields, start, zone)
    name = text_field("activity_name", _given(fields, "activity_name"), required=True)
    details = text_field("activity_details", _given(fields, "activity_details"), required=False)
    if start.year < 2000:
        raise InvalidInput("start_time: before 2000-01-01")
    if start > now:
        raise InvalidInput("start_time: in the future")
    span = OfflineSpan(start, seconds, name or "", details or "")
    if span.end > now:
        raise InvalidInput("end_time: the offline time would end in the future")
    return span
