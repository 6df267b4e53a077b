"""The query engine: one question in, report rows out, the same for every consumer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from dayglass.core.categorization import Categorizer
from dayglass.core.localtime import DAY_SECONDS, Resolution, day_to_local, period_start
from dayglass.core.query import (
    GroupBy,
    Question,
    ReportRow,
    RowFields,
    RowKey,
    ordered,
    row_fields,
)
from dayglass.services.categories import CategoryService
from dayglass.services.ports import ReportStore

# What SQL cuts time into; weeks and months are rolled up from days here.
_SQL_UNIT = {
    Resolution.NONE: None,
    Resolution.MINUTE: 300,
    Resolution.HOUR: 3600,
    Resolution.DAY: DAY_SECONDS,
    Resolution.WEEK: DAY_SECONDS,
    Resolution.MONTH: DAY_SECONDS,
}


class ReportService:
    """Answers questions from facts joined with the user's effective categorization."""

    def __init__(self, store: ReportStore, categories: CategoryService) -> None:
        self._store = store
        self._categories = categories

    def answer(self, user_id: int, question: Question) -> list[ReportRow]:
        """The rows that answer question for one user, in report order."""
        return list(self.stream(user_id, question))

    def stream(self, user_id: int, question: Question) -> Iterator[ReportRow]:
        """The same rows, yielded in report order one period at a time (for large answers)."""
        categorizer = self._categories.categorizer(user_id)
        names = dict(self._store.activities(user_id))
        admitted = self._admitted(names, question, categorizer)
        if admitted is not None and not admitted:
            return
        f = question.filters
        rows = self._store.aggregate(
            user_id,
            day_to_local(question.begin),
            day_to_local(question.end) + DAY_SECONDS,
            _SQL_UNIT[question.resolution],
            admitted,
            f.source_type,
            f.document,
            question.group_by is GroupBy.DOCUMENT,
            f.schedule,
        )
        totals: dict[RowKey, int] = defaultdict(int)
        fields_of: dict[tuple[int, str], RowFields] = {}
        current: int | None = None
        for period, activity_id, document, ms in rows:
            if ms == 0:
                continue
            rolled = None if period is None else period_start(period, question.resolution)
            if rolled != current:
                # The store yields periods in order, and rolling up keeps that order.
                yield from _finished(totals)
                current = rolled
            fields = fields_of.get((activity_id, document))
            if fields is None:
                activity = names[activity_id]
                categorized = categorizer.categorize(activity)
                fields = row_fields(question.group_by, activity, document, categorized)
                fields_of[(activity_id, document)] = fields
            totals[(rolled, *fields)] += ms
        yield from _finished(totals)

    @staticmethod
    def _admitted(
        names: dict[int, str], question: Question, categorizer: Categorizer
    ) -> list[int] | None:
        f = question.filters
        if (f.activity, f.overview, f.category, f.productivity) == (None, None, None, None):
            return None
        return [i for i, n in names.items() if f.admits(n, categorizer.categorize(n))]


def _finished(totals: dict[RowKey, int]) -> list[ReportRow]:
    """The rows of totals in report order; totals is emptied for the next period."""
    rows = ordered(ReportRow(key[0], ms, *key[1:]) for key, ms in totals.items())
    totals.clear()
    return rows
