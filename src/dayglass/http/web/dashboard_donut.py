"""The dashboard's donut: where the time went, one level below what the page is narrowed to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dayglass.core.query import ReportRow

if TYPE_CHECKING:
    from dayglass.http.web.dashboard_view import DashboardView

SLICES = 11  # the eleven overviews; below them, the rest is one "Other" slice


@dataclass(frozen=True, slots=True)
class Slice:
    """One slice: its name, its time, and the drill-down it leads to (key None: nowhere)."""

    name: str
    seconds: int
    key: str | None
    colour: int

    def share(self, total: int) -> int:
        """Its whole percent of total."""
        return round(self.seconds * 100 / total) if total else 0


@dataclass(frozen=True)
class Donut:
    """The slices of one level and what that level is called."""

    title: str
    slices: list[Slice]

    @property
    def seconds(self) -> int:
        """The time of every slice."""
        return sum(s.seconds for s in self.slices)

    def data(self) -> dict[str, object]:
        """What the page's script draws."""
        return {
            "labels": [s.name for s in self.slices],
            "seconds": [s.seconds for s in self.slices],
        }


def _slices(rows: list[ReportRow], field: str, key: str | None, total: int) -> list[Slice]:
    found = [
        Slice(str(getattr(row, field) or "(no details)"), row.seconds, key, index)
        for index, row in enumerate(rows[:SLICES])
    ]
    rest = total - sum(s.seconds for s in found)
    if rest > 0:
        found.append(Slice("Other", rest, None, SLICES))
    return found


def donut_of(view: DashboardView) -> Donut:
    """The level below the page's drill-down, from the rows the page already asked for."""
    drill, total = view.drill, view.total_seconds
    if drill.activity:
        return Donut("Documents", _slices(view.documents, "document", None, total))
    if drill.category:
        return Donut("Activities", _slices(view.activities, "activity", "activity", total))
    if drill.overview:
        return Donut("Sub-categories", _slices(view.categories, "category", "category", total))
    return Donut("Categories", _slices(view.overviews, "overview", "overview", total))
