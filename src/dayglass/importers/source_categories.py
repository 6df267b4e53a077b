"""A source's categorization becomes the person's own overrides where it differs from ours."""

from __future__ import annotations

from dataclasses import dataclass, field

from dayglass.core.categorization import Categorizer
from dayglass.core.errors import NotFound
from dayglass.core.taxonomy import UNCATEGORIZED
from dayglass.services.categories import CategoryService


@dataclass
class CategoryTally:
    """What adopting the source's categorization did."""

    overridden: list[str] = field(default_factory=list)
    unknown_categories: set[str] = field(default_factory=set)


class SourceCategories:
    """Adopts, activity by activity, the sub-category and productivity a source reports."""

    def __init__(self, categories: CategoryService, user_id: int) -> None:
        self._categories = categories
        self._user_id = user_id
        self._settled: dict[str, tuple[str, int]] = {}
        self.tally = CategoryTally()

    def adopt(self, reported: dict[str, tuple[str, int]]) -> None:
        """Make each activity's effective (category, productivity) what the source reported."""
        fresh = {a: c for a, c in reported.items() if self._settled.get(a.casefold()) != c}
        if not fresh:
            return
        categorizer = self._categories.categorizer(self._user_id)
        for activity, (category, productivity) in sorted(fresh.items()):
            self._settled[activity.casefold()] = (category, productivity)
            current = categorizer.categorize(activity)
            if (current.category, current.productivity) == (category, productivity):
                continue
            self._override(activity, category, productivity, categorizer)

    def _override(
        self, activity: str, category: str, productivity: int, categorizer: Categorizer
    ) -> None:
        """Replace the activity's override with the one that gives the source's answer."""
        catalog = self._categories.catalog
        if catalog.sub_category(category) is None:
            self.tally.unknown_categories.add(category)
            category = ""
        entry = catalog.entry_for(activity)
        default = entry.category if entry else UNCATEGORIZED
        chosen = category if category and category != default else None
        # Without a level of its own the activity takes its sub-category's level.
        follows = categorizer.category_productivity(chosen or default)
        level = productivity if follows != productivity else None
        if chosen is None and level is None:
            try:  # only an override of ours stood in the way
                self._categories.reset_activity(self._user_id, activity)
            except NotFound:
                return
        else:
            self._categories.set_activity(self._user_id, activity, chosen, level)
        self.tally.overridden.append(activity)
