"""The query engine: one question in, report rows out, the same for every consumer."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial

from dayglass.core.categorization import Categorizer
from dayglass.core.localtime import DAY_SECONDS, Resolution, day_to_local, period_start
from dayglass.core.projects import ProjectBook
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
from dayglass.services.narrowing import narrowing
from dayglass.services.ports import DailyCut, FactRow, ProjectStore, ReportStore

# What SQL cuts time into; weeks and months are rolled up from days here.
_SQL_UNIT = {
    Resolution.NONE: None,
    Resolution.MINUTE: 300,
    Resolution.HOUR: 3600,
    Resolution.DAY: DAY_SECONDS,
    Resolution.WEEK: DAY_SECONDS,
    Resolution.MONTH: DAY_SECONDS,
}
# What answer_many asks the daily rollups for: weeks are cut in SQL, months rolled up here.
_DAILY_CUT: dict[Resolution, DailyCut] = {
    Resolution.NONE: None,
    Resolution.DAY: "day",
    Resolution.WEEK: "week",
    Resolution.MONTH: "day",
}
_LEFT_OUT: RowFields | None = None  # time (activity, document, span, device) the question drops
# The user's activities by id, read the first time a question needs all of them (filters,
# projects): rows of facts carry their activity's name.
_Names = Callable[[], dict[int, str]]


@dataclass(frozen=True, slots=True)
class _Projects:
    """What a question needs of the user's projects: the book, assigned spans, documents, and
    the names of devices (by id) when device rules must see them."""

    book: ProjectBook
    spans: list[tuple[tuple[int, int], int]]
    by_document: bool
    devices: dict[int, str] | None = None


class ReportService:
    """Answers questions from facts joined with the user's categorization and projects."""

    def __init__(
        self, store: ReportStore, categories: CategoryService, projects: ProjectStore
    ) -> None:
        self._store = store
        self._categories = categories
        self._projects = projects

    def answer(self, user_id: int, question: Question) -> list[ReportRow]:
        """The rows that answer question for one user, in report order."""
        return list(self.stream(user_id, question))

    def answer_many(
        self, user_ids: Sequence[int], question: Question
    ) -> dict[int, list[ReportRow]]:
        """The rows of `answer` for each of several users (team reports); questions of whole
        days without projects, documents, searches or schedules are read in one query."""
        return self.answer_many_all([(user_ids, question)])[0]

    def answer_many_all(
        self, asks: Sequence[tuple[Sequence[int], Question]]
    ) -> list[dict[int, list[ReportRow]]]:
        """`answer_many` for several questions at once: questions over the same days and cut
        share one read of the daily rollups."""
        reads: dict[tuple[int, int, DailyCut], list[tuple[int, int | None, str, int]]] = {}
        wanted: dict[tuple[int, int, DailyCut], set[int]] = defaultdict(set)
        for user_ids, question in asks:
            if _batchable(question):
                wanted[_read_of(question)].update(user_ids)
        everyone = sorted(set().union(*wanted.values()))
        categorizers = self._categories.categorizers(everyone) if everyone else {}
        for (low, high, cut), users in wanted.items():
            reads[(low, high, cut)] = list(self._store.daily_totals(sorted(users), low, high, cut))
        return [
            self._assembled(user_ids, question, reads[_read_of(question)], categorizers)
            if _batchable(question)
            else {u: self.answer(u, question) for u in user_ids}
            for user_ids, question in asks
        ]

    @staticmethod
    def _assembled(
        user_ids: Sequence[int],
        question: Question,
        read: list[tuple[int, int | None, str, int]],
        categorizers: dict[int, Categorizer],
    ) -> dict[int, list[ReportRow]]:
        """Each user's rows of question from a read of the daily rollups."""
        cut = _read_of(question)[2]
        f = question.filters
        totals: dict[int, dict[RowKey, int]] = {u: defaultdict(int) for u in user_ids}
        # Users without overrides share a categorizer: an activity's fields are found once.
        fields_of: dict[tuple[int, str], RowFields | None] = {}
        for user_id, period, name, ms in read:
            if not ms or user_id not in totals:
                continue
            categorizer = categorizers[user_id]
            key = (id(categorizer), name)
            if key in fields_of:
                fields = fields_of[key]
            else:
                categorized = categorizer.categorize(name)
                fields = fields_of[key] = (
                    row_fields(question.group_by, name, "", categorized)
                    if f.admits(name, categorized)
                    else _LEFT_OUT
                )
            if fields is not None:
                if cut == "day":
                    period = period_start(period or 0, question.resolution)
                totals[user_id][(period, *fields)] += ms
        return {u: _finished(totals[u]) for u in user_ids}

    def stream(self, user_id: int, question: Question) -> Iterator[ReportRow]:
        """The same rows, yielded in report order one period at a time (for large answers)."""
        categorizer = self._categories.categorizer(user_id)
        names: _Names = cache(lambda: dict(self._store.activities(user_id)))
        low = day_to_local(question.begin)
        high = day_to_local(question.end) + DAY_SECONDS
        f = question.filters
        asks_projects = f.project is not None or question.group_by is GroupBy.PROJECT
        book = self._projects.book(user_id) if asks_projects else ProjectBook()
        spans = book.spans(low, high)
        admitted = self._admitted(names, question, categorizer, book, spans)
        if admitted is not None and not admitted:
            return
        by_device = _device_dependent(book, names, admitted, f.project) if asks_projects else set()
        needs = _Projects(
            book,
            spans,
            asks_projects and _needs_documents(book, names, admitted, spans),
            dict(self._store.devices(user_id)) if by_device else None,
        )
        rows = self._read(user_id, question, (low, high), (names, admitted), needs, by_device)
        totals: dict[RowKey, int] = defaultdict(int)
        fields_of: dict[tuple[int, str, int, int], RowFields | None] = {}
        current: int | None = None
        for period, activity_id, name, document, span, device_id, ms in rows:
            if ms == 0:
                continue
            rolled = None if period is None else period_start(period, question.resolution)
            if rolled != current:
                # The store yields periods in order, and rolling up keeps that order.
                yield from _finished(totals)
                current = rolled
            key = (activity_id, document, span, device_id)
            if key in fields_of:
                fields = fields_of[key]
            else:
                fields = fields_of[key] = _fields(
                    question, name, document, (span, device_id), categorizer, needs
                )
            if fields is not None:
                totals[(rolled, *fields)] += ms
        yield from _finished(totals)

    def _read(
        self,
        user_id: int,
        question: Question,
        between: tuple[int, int],
        asked: tuple[_Names, list[int] | None],
        needs: _Projects,
        by_device: set[int],
    ) -> Iterator[FactRow]:
        """The store's sums for a question (asked: the user's activities by id and those the
        question admits, None for all), ordered by period: activities whose project depends on
        the device from the 5-minute facts by device (the daily rollups have no device), the
        others as without device rules (from the rollups where whole days allow)."""
        names, admitted = asked
        f = question.filters
        rest = admitted
        if by_device:
            rest = [i for i in (names() if admitted is None else admitted) if i not in by_device]
        looks_at_documents = needs.by_document or f.search is not None
        narrowed = None
        if looks_at_documents and _narrowable(question) and not needs.spans and rest != []:
            every = names()
            kept = every if rest is None else {i: every[i] for i in rest}
            asks_projects = f.project is not None or question.group_by is GroupBy.PROJECT
            narrowed = narrowing(f, asks_projects, needs.book, kept, self._store.texts(user_id))
        read = partial(self._store.aggregate, user_id, *between, _SQL_UNIT[question.resolution])
        details = (
            f.source_type,
            f.document,
            question.group_by is GroupBy.DOCUMENT or looks_at_documents,
            f.schedule,
            [span for span, _ in needs.spans],
        )
        parts = [] if rest == [] else [read(rest, *details, narrowed)]
        if by_device:
            parts.append(read(sorted(by_device), *details, None, True))
        return iter(parts[0]) if len(parts) == 1 else heapq.merge(*parts, key=_period)

    @staticmethod
    def _admitted(
        names: _Names,
        question: Question,
        categorizer: Categorizer,
        book: ProjectBook,
        spans: list[tuple[tuple[int, int], int]],
    ) -> list[int] | None:
        f = question.filters
        # Rules decide which activities can hold a project's time, unless a hand
        # assignment gives it time of any activity.
        by_project = f.project is not None and all(p != f.project for _, p in spans)
        if (f.activity, f.overview, f.category, f.productivity) == (None,) * 4 and not by_project:
            return None
        return [
            i
            for i, n in names().items()
            if f.admits(n, categorizer.categorize(n))
            and (not by_project or f.project in book.possible(n))
        ]


def _read_of(question: Question) -> tuple[int, int, DailyCut]:
    """The daily rollups' read a batchable question needs: its local days and how cut (weeks
    are cut in SQL only from 1970)."""
    low = day_to_local(question.begin)
    cut = _DAILY_CUT[question.resolution]
    if cut == "week" and low < 0:
        cut = "day"
    return low, day_to_local(question.end) + DAY_SECONDS, cut


def _batchable(question: Question) -> bool:
    """Whether answer_many reads question for many users at once from the daily rollups."""
    f = question.filters
    return (
        question.group_by not in (GroupBy.DOCUMENT, GroupBy.PROJECT)
        and (f.document, f.project, f.search, f.schedule, f.source_type) == (None,) * 5
        and question.resolution
        in (Resolution.NONE, Resolution.DAY, Resolution.WEEK, Resolution.MONTH)
    )


def _narrowable(question: Question) -> bool:
    """Whether the store reads the question from daily rollups, where narrowing pays."""
    return (
        question.group_by is not GroupBy.DOCUMENT
        and question.filters.document is None
        and question.filters.schedule is None
        and _SQL_UNIT[question.resolution] in (None, DAY_SECONDS)
    )


def _needs_documents(
    book: ProjectBook,
    names: _Names,
    admitted: list[int] | None,
    spans: list[tuple[tuple[int, int], int]],
) -> bool:
    """Whether the rules must see documents: some asked activity's project depends on one."""
    if not book.needs_documents():
        return False
    every = names()
    ids = every if admitted is None else admitted
    return any(len(book.possible(every[i])) > 1 for i in ids)


def _device_dependent(
    book: ProjectBook, names: _Names, admitted: list[int] | None, wanted: int | None
) -> set[int]:
    """The asked activities whose project (or, with wanted, whether it is wanted) can depend
    on the device, by a device rule."""
    if not any(p.has_device_rules() for p in book.projects):
        return set()
    every = names()
    ids = every if admitted is None else admitted
    return {i for i in ids if book.device_matters(every[i], wanted)}


def _period(row: FactRow) -> int:
    return -1 if row[0] is None else row[0]


def _fields(
    question: Question,
    activity: str,
    document: str,
    where: tuple[int, int],
    categorizer: Categorizer,
    needs: _Projects,
) -> RowFields | None:
    """The row fields of time in an activity and document, in an assigned span and on a device
    (where; -1 and 0 for none), or None when the question leaves it out."""
    span, device_id = where
    project: int | None
    if span >= 0:
        project = needs.spans[span][1]
    else:
        device = None if needs.devices is None else needs.devices.get(device_id)
        project = needs.book.by_rules(activity, document, device)
    wanted = question.filters.project
    if (wanted is not None and project != wanted) or not question.filters.finds(activity, document):
        return _LEFT_OUT
    categorized = categorizer.categorize(activity)
    kept = document if question.group_by is GroupBy.DOCUMENT else ""
    name = needs.book.name_of(project)
    return row_fields(question.group_by, activity, kept, categorized, name)


def _finished(totals: dict[RowKey, int]) -> list[ReportRow]:
    """The rows of totals in report order; totals is emptied for the next period."""
    rows = ordered(ReportRow(key[0], ms, *key[1:]) for key, ms in totals.items())
    totals.clear()
    return rows
