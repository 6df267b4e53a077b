"""FocusTime sessions: when they start, when they are due to end, and when they ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dayglass.core.errors import InvalidInput

REST_OF_DAY = -1
STEP_MINUTES = 5
MAX_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class FocusSession:
    """One session; times are aware UTC datetimes, `minutes` its length when started."""

    id: int
    user_id: int
    started_at: datetime
    minutes: int
    ends_at: datetime
    ended_at: datetime | None = None  # when ended early, by the user

    def end(self, now: datetime) -> datetime | None:
        """When the session ended, if it has by now (ended early, or ran out)."""
        if self.ended_at is not None:
            return self.ended_at
        return self.ends_at if self.ends_at <= now else None

    def active(self, now: datetime) -> bool:
        """Whether the session is running at now."""
        return self.end(now) is None


def focus_minutes(raw: object) -> int:
    """A start's `duration`: a positive multiple of 5 minutes, or -1 for the rest of the day."""
    text = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
    if not text.lstrip("-").isdigit():
        raise InvalidInput("duration: expected whole minutes, a multiple of 5, or -1")
    minutes = int(text)
    if minutes == REST_OF_DAY:
        return minutes
    if minutes <= 0 or minutes % STEP_MINUTES:
        raise InvalidInput("duration: a positive multiple of 5 minutes, or -1 for the rest of day")
    if minutes > MAX_MINUTES:
        raise InvalidInput(f"duration: at most {MAX_MINUTES} minutes")
    return minutes


def due_end(started_at: datetime, minutes: int, zone: ZoneInfo) -> datetime:
    """When a session started at started_at is due to end (-1: the next local midnight)."""
    if minutes != REST_OF_DAY:
        return started_at + timedelta(minutes=minutes)
    local = started_at.astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), zone)
    return midnight.astimezone(started_at.tzinfo)
