"""How Python values are written into requests: days, local times, optional parameters."""

from __future__ import annotations

from datetime import date, datetime


def day_text(value: date | str) -> str:
    """A local day as `YYYY-MM-DD` (a string is sent as given)."""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else value


def local_time(value: datetime | str | int) -> str | int:
    """A local wall-clock time as `YYYY-MM-DD HH:MM:SS`; a string or a unix time as given."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def present(**values: str | int | float | date | None) -> dict[str, str]:
    """The parameters given, as text (None means not sent; dates as `YYYY-MM-DD`)."""
    return {
        name: day_text(value) if isinstance(value, date) else str(value)
        for name, value in values.items()
        if value is not None
    }
