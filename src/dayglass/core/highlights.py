"""Daily highlights: a line of what got done, for a local day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from dayglass.core.errors import InvalidInput
from dayglass.core.moments import parse_written

MAX_TEXT = 255
_UNIX = re.compile(r"\d{1,12}(\.\d+)?")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One highlight of a user."""

    id: int
    user_id: int
    day: date
    description: str
    source: str | None
    created_at: datetime


def text_field(name: str, raw: object, required: bool) -> str | None:
    """A text of 1 to 255 characters (None when optional and absent), or InvalidInput."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and not required):
        if required:
            raise InvalidInput(f"{name}: required")
        return None
    if not isinstance(raw, str):
        raise InvalidInput(f"{name}: expected text")
    text = raw.strip()
    if not text:
        raise InvalidInput(f"{name}: required")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"{name}: at most {MAX_TEXT} characters")
    if "\x00" in text:
        raise InvalidInput(f"{name}: must not contain NUL")
    return text


def day_field(name: str, raw: object, zone: ZoneInfo) -> date:
    """A local day given as `YYYY-MM-DD` (or a date-time: its date), or a unix timestamp."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput(f"{name}: required, as YYYY-MM-DD or a unix timestamp")
    text = raw.strip()
    written = parse_written(text)
    if written is not None:
        return written.wall.date()  # a date-time where a date is expected: the date it names
    try:
        if _UNIX.fullmatch(text):
            return datetime.fromtimestamp(float(text), zone).date()
    except (ValueError, OverflowError, OSError):
        pass
    raise InvalidInput(f"{name}: expected YYYY-MM-DD or a unix timestamp")
