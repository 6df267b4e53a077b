"""Categorization: listing activities with their effective category and changing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dayglass.core.categorization import ActivityOverride, Categorizer
from dayglass.core.errors import InvalidInput, NotFound
from dayglass.core.productivity import is_productivity
from dayglass.core.taxonomy import UNCATEGORIZED, Catalog, SubCategory
from dayglass.services.ports import CategoryStore, ReportStore


@dataclass(frozen=True, slots=True)
class ActivityView:
    """An activity as the categorize screen shows it."""

    activity: str
    overview: str
    category: str
    productivity: int
    seconds: int
    overridden: bool


class CategoryService:
    """Each user's categorization over the built-in catalog."""

    def __init__(self, catalog: Catalog, store: CategoryStore, reports: ReportStore) -> None:
        self.catalog = catalog
        self._store = store
        self._reports = reports

    def categorizer(self, user_id: int) -> Categorizer:
        """The user's effective categorization, as of now."""
        return Categorizer(self.catalog, self._store.overrides(user_id))

    def categorizers(self, user_ids: Sequence[int]) -> dict[int, Categorizer]:
        """Several users' categorizations at once (for team reports); users without overrides
        share one categorizer, so what it learns of an activity serves them all."""
        found = self._store.overrides_of(user_ids)
        plain = Categorizer(self.catalog)
        return {
            u: Categorizer(self.catalog, o) if o.activities or o.category_productivity else plain
            for u, o in found.items()
        }

    def activities(self, user_id: int) -> list[ActivityView]:
        """Every activity of the user: uncategorized first, then by time spent."""
        overrides = self._store.overrides(user_id)
        categorizer = Categorizer(self.catalog, overrides)
        totals = self._reports.activity_totals(user_id)
        views = []
        for activity_id, name in self._reports.activities(user_id):
            c = categorizer.categorize(name)
            views.append(
                ActivityView(
                    activity=name,
                    overview=c.overview,
                    category=c.category,
                    productivity=c.productivity,
                    seconds=round(totals.get(activity_id, 0) / 1000),
                    overridden=overrides.for_activity(name) is not None,
                )
            )
        views.sort(key=lambda v: (v.category != UNCATEGORIZED, -v.seconds, v.activity.casefold()))
        return views

    def sub_categories(self, user_id: int) -> list[tuple[SubCategory, int]]:
        """Every sub-category with the user's effective productivity for it."""
        categorizer = self.categorizer(user_id)
        return [
            (s, categorizer.category_productivity(s.name)) for s in self.catalog.sub_categories()
        ]

    def set_activity(
        self, user_id: int, activity: str, category: str | None, productivity: int | None
    ) -> None:
        """Override an activity's sub-category and/or productivity, for all of history."""
        if not activity.strip():
            raise InvalidInput("activity: must not be blank")
        if category is None and productivity is None:
            raise InvalidInput("give a category, a productivity, or both")
        if category is not None:
            self._check_category(category)
        if productivity is not None:
            self._check_productivity(productivity)
        self._store.set_activity_override(
            user_id, activity, ActivityOverride(category, productivity)
        )

    def reset_activity(self, user_id: int, activity: str) -> None:
        """Forget an activity's override; the catalog decides again."""
        if not self._store.clear_activity_override(user_id, activity):
            raise NotFound(f"activity {activity!r} has no override")

    def set_category_productivity(self, user_id: int, category: str, level: int | None) -> None:
        """Set a sub-category's productivity for the user (None restores the default)."""
        self._check_category(category)
        if level is not None:
            self._check_productivity(level)
        self._store.set_category_productivity(user_id, category, level)

    def _check_category(self, category: str) -> None:
        if self.catalog.sub_category(category) is None:
            raise InvalidInput(f"category: unknown sub-category {category!r}")

    @staticmethod
    def _check_productivity(level: object) -> None:
        if not is_productivity(level):
            raise InvalidInput("productivity: must be an integer from -2 to 2")
