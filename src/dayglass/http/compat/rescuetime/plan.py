"""From a Data API request to one engine question and the shape of the rows it gives.

Drill-down (wire-format.md 2.4): `restrict_thing` narrows to one overview, sub-category or
activity. An overview or sub-category then lists its activities; an activity lists its
documents in the Activity column. `restrict_thingy` narrows to one document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from dayglass.core.localtime import Resolution
from dayglass.core.query import Filters, GroupBy, Question
from dayglass.core.schedules import WeekRanges
from dayglass.core.taxonomy import Catalog
from dayglass.http.compat.rescuetime.request import DataRequest, Kind, Perspective

NO_DETAILS = "No Details"  # the document of time that has none


class Rows(StrEnum):
    """What each row names after its time columns."""

    OVERVIEW = "overview"
    CATEGORY = "category"
    ACTIVITY = "activity"
    DOCUMENTS_AS_ACTIVITIES = "documents_as_activities"
    DOCUMENT = "document"
    PRODUCTIVITY = "productivity"
    EFFICIENCY = "efficiency"


_GROUP = {
    Rows.OVERVIEW: GroupBy.OVERVIEW,
    Rows.CATEGORY: GroupBy.CATEGORY,
    Rows.ACTIVITY: GroupBy.ACTIVITY,
    Rows.DOCUMENTS_AS_ACTIVITIES: GroupBy.DOCUMENT,
    Rows.DOCUMENT: GroupBy.DOCUMENT,
    Rows.PRODUCTIVITY: GroupBy.PRODUCTIVITY,
    Rows.EFFICIENCY: GroupBy.PRODUCTIVITY,
}


@dataclass(frozen=True, slots=True)
class Plan:
    """The question to ask (None when the range is empty) and how to lay out its rows."""

    question: Question | None
    perspective: Perspective
    rows: Rows


def days(wanted: DataRequest, today: date) -> tuple[date, date]:
    """The inclusive local days: none given is today, begin alone runs to today."""
    if wanted.begin is None:
        return (wanted.end or today, wanted.end or today)
    return (wanted.begin, wanted.end or today)


def _rows(wanted: DataRequest) -> Rows:
    if wanted.thing is not None and wanted.kind in (Kind.OVERVIEW, Kind.CATEGORY):
        return Rows.ACTIVITY
    if wanted.thing is not None and wanted.kind is Kind.ACTIVITY:
        return Rows.DOCUMENTS_AS_ACTIVITIES
    return Rows(wanted.kind.value)


def _thing_filter(wanted: DataRequest, catalog: Catalog) -> Filters:
    thing = wanted.thing
    if thing is None:
        return Filters()
    if wanted.kind is Kind.OVERVIEW:
        return Filters(overview=thing)
    if wanted.kind is Kind.CATEGORY:
        return Filters(category=thing)
    if wanted.kind in (Kind.PRODUCTIVITY, Kind.EFFICIENCY):
        # The name says what it is: an overview, else a sub-category, else an activity.
        if any(o.name == thing for o in catalog.overviews):
            return Filters(overview=thing)
        if catalog.sub_category(thing) is not None:
            return Filters(category=thing)
    return Filters(activity=thing.removeprefix("www."))


def plan(
    wanted: DataRequest,
    today: date,
    schedule: WeekRanges | None,
    catalog: Catalog,
    project_id: int | None = None,
) -> Plan:
    """The question a request asks of the engine, and the layout of its rows.

    project_id is the project `restrict_project` names (resolved by the caller).
    """
    rows = _rows(wanted)
    begin, end = days(wanted, today)
    if end < begin:
        return Plan(None, wanted.perspective, rows)
    document = wanted.thingy
    filters = replace(
        _thing_filter(wanted, catalog),
        source_type=wanted.source_type,
        document="" if document == NO_DETAILS else document,
        schedule=schedule,
        project=project_id,
    )
    resolution = (
        wanted.resolution if wanted.perspective is Perspective.INTERVAL else Resolution.NONE
    )
    question = Question(begin, end, _GROUP[rows], resolution, filters)
    return Plan(question, wanted.perspective, rows)
