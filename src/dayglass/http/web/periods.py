"""The day, week (Sunday to Saturday) or month a dashboard shows."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Span(StrEnum):
    """How much time a dashboard covers."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def _shifted(day: date, days: int) -> date | None:
    """day moved by days, or None past the calendar's first or last day."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of local days, and its neighbours."""

    span: Span
    begin: date
    end: date

    @property
    def previous(self) -> date | None:
        """A day in the period before (None before the calendar's first day)."""
        return _shifted(self.begin, -1)

    @property
    def next(self) -> date | None:
        """A day in the period after (None after the calendar's last day)."""
        return _shifted(self.end, 1)

    @property
    def title(self) -> str:
        """How the period is named on the page."""
        if self.span is Span.DAY:
            return self.begin.strftime("%A, %d %B %Y")
        if self.span is Span.WEEK:
            return f"Week of {self.begin:%d %B %Y}"
        return self.begin.strftime("%B %Y")

    def contains(self, day: date) -> bool:
        """Whether day lies in the period."""
        return self.begin <= day <= self.end


def period_of(span: Span, day: date) -> Period:
    """The period of this span that contains day, cut at the calendar's first and last days."""
    if span is Span.DAY:
        return Period(span, day, day)
    if span is Span.WEEK:
        begin = _shifted(day, -((day.weekday() + 1) % 7)) or date.min
        return Period(span, begin, _shifted(begin, 6) or date.max)
    _, last = monthrange(day.year, day.month)
    return Period(span, day.replace(day=1), day.replace(day=last))
