"""Productivity levels, from very distracting (-2) to very productive (+2)."""

from enum import IntEnum


class Productivity(IntEnum):
    """A productivity level as RescueTime numbers it."""

    VERY_DISTRACTING = -2
    DISTRACTING = -1
    NEUTRAL = 0
    PRODUCTIVE = 1
    VERY_PRODUCTIVE = 2

    @property
    def label(self) -> str:
        """The level's name as people read it."""
        return self.name.replace("_", " ").title()


def is_productivity(value: object) -> bool:
    """Whether value is an integer productivity level (booleans are not)."""
    return type(value) is int and -2 <= value <= 2
