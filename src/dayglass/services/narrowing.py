"""Which documents a question that looks at documents can need, found once over the user's
texts, so the engine reads only their time from the daily document rollup."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

from dayglass.core.projects import ProjectBook
from dayglass.core.query import Filters, Narrowing, contains


class _Need(Enum):
    """What of an activity's documents a question needs."""

    NONE = "none"  # the activity decides alone: read its time without documents
    SEARCHED = "searched"  # only documents containing the search keyword
    CLAIMED = "claimed"  # only documents the wanted project's rules claim
    EVERY = "every"  # any document may count


def narrowing(
    filters: Filters,
    by_project: bool,
    book: ProjectBook,
    names: dict[int, str],
    texts: Iterable[tuple[int, str]],
) -> Narrowing | None:
    """The narrowing for a question (names: the asked activities by id), or None when some
    activity may need any of its documents (narrowing would save nothing)."""
    needs = {i: _need(filters, by_project, book, name) for i, name in names.items()}
    if _Need.EVERY in needs.values():
        return None
    tests: list[Callable[[str], bool]] = []
    search = filters.search
    if _Need.SEARCHED in needs.values() and search is not None:
        tests.append(lambda document: contains(document, search))
    wanted = None if filters.project is None else book.project(filters.project)
    if _Need.CLAIMED in needs.values() and wanted is not None:
        tests.append(wanted.document_test())
    whole = frozenset(i for i, need in needs.items() if need is _Need.NONE)
    documents = [i for i, value in texts if any(test(value) for test in tests)]
    return Narrowing(whole, documents)


def _need(filters: Filters, by_project: bool, book: ProjectBook, activity: str) -> _Need:
    """Which documents of an activity can hold time the question keeps."""
    if filters.search is not None and not contains(activity, filters.search):
        return _Need.SEARCHED
    if not by_project or len(book.possible(activity)) == 1:
        return _Need.NONE
    wanted = None if filters.project is None else book.project(filters.project)
    if wanted is None or wanted.claims_activity(activity):
        # Grouped by project, or the wanted project takes what earlier ones leave.
        return _Need.EVERY
    return _Need.CLAIMED
