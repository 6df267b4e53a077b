"""A report question, and the rows that answer it.

Every report in Dayglass (the native API, the RescueTime Data API, the dashboard, daily
summaries, alerts) is one `Question` answered by one engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dayglass.core.categorization import Categorized
from dayglass.core.localtime import Resolution
from dayglass.core.schedules import WeekRanges


class GroupBy(StrEnum):
    """What report rows are about."""

    OVERVIEW = "overview"
    CATEGORY = "category"
    ACTIVITY = "activity"
    DOCUMENT = "document"
    PRODUCTIVITY = "productivity"
    PROJECT = "project"


SOURCE_TYPES = ("computers", "mobile", "offline")


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions of a question; None means no restriction."""

    source_type: str | None = None
    overview: str | None = None
    category: str | None = None
    activity: str | None = None
    document: str | None = None
    productivity: int | None = None
    schedule: WeekRanges | None = None  # keep only buckets inside these spans of the week
    project: int | None = None  # a project's id: keep only the time that belongs to it
    # A keyword: keep only time whose activity or document contains it (ignoring case).
    search: str | None = None

    def admits(self, activity: str, categorized: Categorized) -> bool:
        """Whether an activity with this categorization passes the filters (not document)."""
        return (
            (self.activity is None or activity.casefold() == self.activity.casefold())
            and (self.overview is None or categorized.overview == self.overview)
            and (self.category is None or categorized.category == self.category)
            and (self.productivity is None or categorized.productivity == self.productivity)
        )

    def finds(self, activity: str, document: str) -> bool:
        """Whether the search keyword (if any) is in the activity's name or the document."""
        return (
            self.search is None
            or contains(activity, self.search)
            or contains(document, self.search)
        )


def contains(text: str, keyword: str) -> bool:
    """Whether keyword is a plain substring of text, ignoring case."""
    return keyword.casefold() in text.casefold()


@dataclass(frozen=True, slots=True)
class Narrowing:
    """All the time that can answer a question looking at documents, as ids: every document of
    the whole activities, and only these documents of any other activity.

    Not for questions grouped by document or filtered to one document.
    """

    whole: frozenset[int]
    documents: Sequence[int]


@dataclass(frozen=True, slots=True)
class Question:
    """Which local days, cut how, grouped by what, restricted to what."""

    begin: date
    end: date
    group_by: GroupBy = GroupBy.ACTIVITY
    resolution: Resolution = Resolution.NONE
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One answer row: a period (local epoch seconds, None when not cut), what, and how long.

    Fields that the grouping does not determine are None.
    """

    period: int | None
    ms: int
    overview: str | None = None
    category: str | None = None
    activity: str | None = None
    document: str | None = None
    productivity: int | None = None
    project: str | None = None

    @property
    def seconds(self) -> int:
        """Whole seconds, rounded to nearest."""
        return (self.ms + 500) // 1000


# (overview, category, activity, document, productivity, project), and the same after a period.
RowFields = tuple[str | None, str | None, str | None, str | None, int | None, str | None]
RowKey = tuple[int | None, str | None, str | None, str | None, str | None, int | None, str | None]


def row_fields(
    group_by: GroupBy,
    activity: str,
    document: str,
    categorized: Categorized,
    project: str | None = None,
) -> RowFields:
    """The (overview, category, activity, document, productivity, project) a grouping keeps."""
    if group_by is GroupBy.OVERVIEW:
        return (categorized.overview, None, None, None, None, None)
    if group_by is GroupBy.CATEGORY:
        return (categorized.overview, categorized.category, None, None, None, None)
    if group_by is GroupBy.PRODUCTIVITY:
        return (None, None, None, None, categorized.productivity, None)
    if group_by is GroupBy.PROJECT:
        return (None, None, None, None, None, project)
    kept_document = document if group_by is GroupBy.DOCUMENT else None
    return (
        categorized.overview,
        categorized.category,
        activity,
        kept_document,
        categorized.productivity,
        None,
    )


def _sort_key(row: ReportRow) -> tuple[int, int, str, str, str, str, int, str]:
    return (
        -1 if row.period is None else row.period,
        -row.ms,
        row.overview or "",
        row.category or "",
        row.activity or "",
        row.document or "",
        row.productivity or 0,
        row.project or "",
    )


def ordered(rows: Iterable[ReportRow]) -> list[ReportRow]:
    """Rows in report order: by period, then most time first, then by name."""
    return sorted(rows, key=_sort_key)
