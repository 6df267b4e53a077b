"""A plain in-memory report engine: the oracle that the SQL engine is tested against."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dayglass.core.categorization import Categorizer
from dayglass.core.localtime import DAY_SECONDS, day_to_local, period_start
from dayglass.core.projects import ProjectBook
from dayglass.core.query import Question, ReportRow, RowKey, ordered, row_fields
from dayglass.core.schedules import in_schedule


@dataclass(frozen=True, slots=True)
class Fact:
    """Time in one local 5-minute bucket (local epoch seconds of its start)."""

    bucket: int
    source_type: str
    activity: str
    document: str
    ms: int
    device: str | None = None  # the device's name; None where no device is known


def reference_report(
    facts: Iterable[Fact],
    question: Question,
    categorizer: Categorizer,
    projects: ProjectBook | None = None,
) -> list[ReportRow]:
    """Answer a question by walking every fact."""
    book = projects or ProjectBook()
    low = day_to_local(question.begin)
    high = day_to_local(question.end) + DAY_SECONDS
    f = question.filters
    totals: dict[RowKey, int] = defaultdict(int)
    for fact in facts:
        if not low <= fact.bucket < high or fact.ms == 0:
            continue
        if f.source_type is not None and fact.source_type != f.source_type:
            continue
        if f.document is not None and fact.document != f.document:
            continue
        if f.schedule is not None and not in_schedule(fact.bucket, f.schedule):
            continue
        categorized = categorizer.categorize(fact.activity)
        if not f.admits(fact.activity, categorized) or not f.finds(fact.activity, fact.document):
            continue
        project = book.project_of(fact.bucket, fact.activity, fact.document, fact.device)
        if f.project is not None and project != f.project:
            continue
        fields = row_fields(
            question.group_by, fact.activity, fact.document, categorized, book.name_of(project)
        )
        totals[(period_start(fact.bucket, question.resolution), *fields)] += fact.ms
    return ordered(ReportRow(key[0], ms, *key[1:]) for key, ms in totals.items())
