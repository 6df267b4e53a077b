"""The day, week (Sunday to Saturday) or month a dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Span(StrEnum):
    """How much time a dashboard covers."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of local days, and its neighbours."""

    span: Span
    begin: date
    end: date

    @property
    def previous(self) -> date:
        """A day in the period before."""
        return self.begin - timedelta(days=1)

    @property
    def next(self) -> date:
        """A day in the period after."""
        return self.end + timedelta(days=1)

    @property
    def title(self) -> str:
        """How the period is named on the page."""
        if self.span is Span.DAY:
            return self.begin.strftime("%A, %d %B %Y")
        if self.span is Span.WEEK:
            return f"Week of {self.begin:%d %B %Y}"
        return self.begin.strftime("%B %Y")


def period_of(span: Span, day: date) -> Period:
    """The period of this span that contains day."""
    if span is Span.DAY:
        return Period(span, day, day)
    if span is Span.WEEK:
        begin = day - timedelta(days=(day.weekday() + 1) % 7)
        return Period(span, begin, begin + timedelta(days=6))
    begin = day.replace(day=1)
    following = (begin + timedelta(days=32)).replace(day=1)
    return Period(span, begin, following - timedelta(days=1))
