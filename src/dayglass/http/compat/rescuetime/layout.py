"""Row headers and row cells, per perspective and kind, as RescueTime lays them out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import groupby

from dayglass.core.localtime import label
from dayglass.core.pulse import pulse
from dayglass.core.query import ReportRow
from dayglass.core.teams import TeamRow
from dayglass.http.compat.rescuetime.plan import NO_DETAILS, Plan, Rows
from dayglass.http.compat.rescuetime.request import Perspective

# A cell of a row; None where the engine's row has no value for the column.
Cell = int | float | str | None

_FIRST = {Perspective.RANK: "Rank", Perspective.INTERVAL: "Date", Perspective.MEMBER: "Person"}
_ACTIVITY = ("Activity", "Category", "Productivity")
_TAIL_HEADERS = {
    Rows.OVERVIEW: ("Category",),
    Rows.CATEGORY: ("Category",),
    Rows.ACTIVITY: _ACTIVITY,
    Rows.DOCUMENTS_AS_ACTIVITIES: _ACTIVITY,
    Rows.DOCUMENT: ("Activity", "Document", "Category", "Productivity"),
    Rows.PRODUCTIVITY: ("Productivity",),
    Rows.EFFICIENCY: ("Efficiency (-2:2)", "Efficiency (percent)"),
}


def _document(row: ReportRow) -> str:
    return row.document or NO_DETAILS


_TAIL_CELLS: dict[Rows, Callable[[ReportRow], tuple[Cell, ...]]] = {
    Rows.OVERVIEW: lambda r: (r.overview,),
    Rows.CATEGORY: lambda r: (r.category,),
    Rows.ACTIVITY: lambda r: (r.activity, r.category, r.productivity),
    Rows.DOCUMENTS_AS_ACTIVITIES: lambda r: (_document(r), r.category, r.productivity),
    Rows.DOCUMENT: lambda r: (r.activity, _document(r), r.category, r.productivity),
    Rows.PRODUCTIVITY: lambda r: (r.productivity,),
}


def row_headers(layout: Plan) -> list[str]:
    """The column names: column 0, time, people (not for member), then the kind's columns."""
    people = () if layout.perspective is Perspective.MEMBER else ("Number of People",)
    return [
        _FIRST[layout.perspective],
        "Time Spent (seconds)",
        *people,
        *_TAIL_HEADERS[layout.rows],
    ]


def people(rows: Iterable[ReportRow]) -> int:
    """The distinct people behind rows: those a team row names, else one (a personal answer)."""
    named: set[int] = set()
    for row in rows:
        if not isinstance(row, TeamRow):
            return 1
        named |= row.people
    return len(named)


_Body = Iterator[tuple[int | None, int, int, tuple[Cell, ...]]]


def efficiency(rows: Iterable[ReportRow]) -> _Body:
    """Per period: (period, ms, people, (mean level, percent)), each rounded to 2 places.

    The mean is the time-weighted productivity (-2..2); the percent is the pulse.
    """
    for period, group in groupby(rows, key=lambda r: r.period):
        by_level: dict[int, int] = {}
        rows_of_period = list(group)
        for row in rows_of_period:
            level = row.productivity or 0
            by_level[level] = by_level.get(level, 0) + row.ms
        total = sum(by_level.values())
        mean = sum(level * ms for level, ms in by_level.items()) / total
        cells = (round(mean, 2), round(pulse(by_level) or 0.0, 2))
        yield period, total, people(rows_of_period), cells


def cells(layout: Plan, rows: Iterable[ReportRow], person: str) -> Iterator[list[Cell]]:
    """The cells of each row; rows under half a second are left out (no zero rows)."""
    body: _Body
    if layout.rows is Rows.EFFICIENCY:
        body = efficiency(rows)
    else:
        tail = _TAIL_CELLS[layout.rows]
        body = ((r.period, r.ms, people((r,)), tail(r)) for r in rows)
    rank = 0
    for period, ms, count, kind_cells in body:
        seconds = (ms + 500) // 1000
        if seconds == 0:
            continue
        rank += 1
        if layout.perspective is Perspective.MEMBER:
            yield [person, seconds, *kind_cells]
        elif layout.perspective is Perspective.INTERVAL:
            yield [label(period or 0), seconds, count, *kind_cells]
        else:
            yield [rank, seconds, count, *kind_cells]
