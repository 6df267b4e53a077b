"""Alerts: "more than" or "less than" N hours a day of some kind of time, and their triggerings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dayglass.core.errors import InvalidInput

MAX_HOURS = 24.0
MAX_VALUE = 200


class Comparison(StrEnum):
    """Whether an alert fires above or below its threshold."""

    MORE = "more"
    LESS = "less"


class Target(StrEnum):
    """What time an alert counts."""

    ALL_PRODUCTIVE = "all_productive"
    ALL_DISTRACTING = "all_distracting"
    OVERVIEW = "overview"
    CATEGORY = "category"
    ACTIVITY = "activity"
    PRODUCTIVITY = "productivity"


_NAMED = (Target.OVERVIEW, Target.CATEGORY, Target.ACTIVITY)
_LEVEL_NAMES = {
    2: "Very Productive",
    1: "Productive",
    0: "Neutral",
    -1: "Distracting",
    -2: "Very Distracting",
}


@dataclass(frozen=True, slots=True)
class AlertRule:
    """What an alert watches: a comparison, a threshold in hours, and the time it counts."""

    comparison: Comparison
    hours: float
    target: Target
    value: str | None = None  # the overview, sub-category or activity name; the level

    def counts(self, overview: str, category: str, activity: str, productivity: int) -> bool:
        """Whether time of this categorization counts toward the alert."""
        target = self.target
        if target is Target.ALL_PRODUCTIVE:
            return productivity > 0
        if target is Target.ALL_DISTRACTING:
            return productivity < 0
        if target is Target.PRODUCTIVITY:
            return str(productivity) == self.value
        if target is Target.OVERVIEW:
            return overview == self.value
        if target is Target.CATEGORY:
            return category == self.value
        return activity.casefold() == (self.value or "").casefold()

    def crossed(self, seconds: float) -> bool:
        """Whether a day's seconds trigger the alert (for "less", judged once the day ends)."""
        threshold = self.hours * 3600
        return seconds > threshold if self.comparison is Comparison.MORE else seconds < threshold

    def what(self) -> str:
        """The time counted, in words: `All Productive Time`, `Software Development`."""
        if self.target is Target.ALL_PRODUCTIVE:
            return "All Productive Time"
        if self.target is Target.ALL_DISTRACTING:
            return "All Distracting Time"
        if self.target is Target.PRODUCTIVITY:
            return f"{_LEVEL_NAMES[int(self.value or 0)]} Time"
        return str(self.value)

    def description(self) -> str:
        """The definition in words, as the alerts feed lists it."""
        return f"{self.comparison.value.capitalize()} than {_hours(self.hours)} of {self.what()}"


@dataclass(frozen=True, slots=True)
class Alert:
    """A user's alert."""

    id: int
    user_id: int
    rule: AlertRule
    webhook_url: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Triggering:
    """One firing of an alert for one local day."""

    id: int
    alert_id: int
    user_id: int
    day: date
    message: str
    created_at: datetime


def _hours(hours: float) -> str:
    shown = f"{hours:g}"
    return f"{shown} hour" if hours == 1 else f"{shown} hours"


def message(rule: AlertRule, day: date) -> str:
    """What a triggering says."""
    return f"{rule.description()} on {day.isoformat()}"


def make_rule(comparison: str, hours: object, target: str, value: object = None) -> AlertRule:
    """A checked rule from loose input, or InvalidInput naming the wrong field."""
    try:
        kind = Comparison(str(comparison).lower())
    except ValueError:
        raise InvalidInput("comparison: expected 'more' or 'less'") from None
    try:
        counted = Target(str(target).lower())
    except ValueError:
        names = ", ".join(t.value for t in Target)
        raise InvalidInput(f"target: expected one of {names}") from None
    if isinstance(hours, bool) or not isinstance(hours, int | float | str):
        raise InvalidInput("hours: expected a number")
    try:
        amount = float(hours)
    except ValueError:
        raise InvalidInput("hours: expected a number") from None
    if not 0 < amount <= MAX_HOURS:
        raise InvalidInput(f"hours: more than 0 and at most {MAX_HOURS:g}")
    return AlertRule(kind, amount, counted, _value(counted, value))


def _value(target: Target, value: object) -> str | None:
    if target is Target.PRODUCTIVITY:
        if isinstance(value, bool) or str(value).strip() not in {str(k) for k in _LEVEL_NAMES}:
            raise InvalidInput("value: a productivity level from -2 to 2")
        return str(int(str(value).strip()))
    if target in _NAMED:
        text = value.strip() if isinstance(value, str) else ""
        if not text or len(text) > MAX_VALUE:
            raise InvalidInput(f"value: the {target.value} name, 1 to {MAX_VALUE} characters")
        return text
    return None
