"""Effective categorization: a user's overrides over the built-in catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dayglass.core.taxonomy import UNCATEGORIZED, Catalog


@dataclass(frozen=True, slots=True)
class Categorized:
    """Where an activity's time counts: overview, sub-category and productivity."""

    overview: str
    category: str
    productivity: int


@dataclass(frozen=True, slots=True)
class ActivityOverride:
    """A user's choice for one activity; None keeps what the catalog says."""

    category: str | None = None
    productivity: int | None = None


@dataclass(frozen=True)
class Overrides:
    """All of one user's categorization choices."""

    activities: Mapping[str, ActivityOverride] = field(default_factory=dict)
    category_productivity: Mapping[str, int] = field(default_factory=dict)

    def for_activity(self, activity: str) -> ActivityOverride | None:
        """The override of an activity (names compare case-insensitively)."""
        return self.activities.get(activity.casefold())


class Categorizer:
    """Categorizes activities for one user: overrides, then the catalog, then Uncategorized."""

    def __init__(self, catalog: Catalog, overrides: Overrides | None = None) -> None:
        self._catalog = catalog
        self._overrides = overrides or Overrides()
        self._cache: dict[str, Categorized] = {}

    def categorize(self, activity: str) -> Categorized:
        """The effective overview, sub-category and productivity of an activity."""
        cached = self._cache.get(activity)
        if cached is None:
            cached = self._cache[activity] = self._resolve(activity)
        return cached

    def category_productivity(self, category: str) -> int:
        """A sub-category's productivity: the user's level, else the catalog default."""
        level = self._overrides.category_productivity.get(category)
        if level is not None:
            return level
        sub = self._catalog.sub_category(category)
        return sub.productivity if sub else 0

    def _resolve(self, activity: str) -> Categorized:
        override = self._overrides.for_activity(activity)
        category = override.category if override and override.category else None
        if category is None:
            entry = self._catalog.entry_for(activity)
            category = entry.category if entry else UNCATEGORIZED
        sub = self._catalog.sub_category(category)
        overview = sub.overview if sub else UNCATEGORIZED
        if override is not None and override.productivity is not None:
            productivity = override.productivity
        else:
            productivity = self.category_productivity(category)
        return Categorized(overview, category, productivity)
