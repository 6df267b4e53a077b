"""Aggregating facts in SQL: the heavy part of every report."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Engine,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
)

from dayglass.core.localtime import DAY_SECONDS
from dayglass.core.query import Narrowing
from dayglass.core.schedules import MONDAY_SHIFT, WEEK_SECONDS, WeekRanges
from dayglass.storage.activity_names import USER_ACTIVITIES, KeptActivityNames
from dayglass.storage.dialect import any_of
from dayglass.storage.tables import (
    SOURCE_TYPE_CODES,
    activities,
    daily_documents,
    daily_facts,
    devices,
    facts,
    texts,
)
from dayglass.storage.user_row import user_stamp

if TYPE_CHECKING:
    from dayglass.services.ports import DailyCut, FactRow, ReportStore


def _in_schedule(ranges: WeekRanges) -> ColumnElement[bool]:
    """Buckets whose second of the week (Monday 00:00 = 0) falls in one of the spans."""
    if not ranges:
        return false()
    second = (facts.c.bucket + MONDAY_SHIFT) % WEEK_SECONDS
    return or_(*(and_(second >= low, second < high) for low, high in ranges))


class SqlReportStore:
    """Sums of facts, grouped by time unit, activity and optionally document."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._names = KeptActivityNames()

    def activities(self, user_id: int) -> list[tuple[int, str]]:
        """Every activity the user has (id, name)."""
        with self._engine.connect() as conn:
            return list(conn.execute(USER_ACTIVITIES, {"user_id": user_id}))

    def devices(self, user_id: int) -> list[tuple[int, str]]:
        """Every device the user has (id, name)."""
        query = select(devices.c.id, devices.c.name).where(devices.c.user_id == user_id)
        with self._engine.connect() as conn:
            return [(i, name) for i, name in conn.execute(query).all()]

    def activity_totals(self, user_id: int) -> dict[int, int]:
        """All-time milliseconds per activity id."""
        query = (
            select(daily_facts.c.activity_id, func.sum(daily_facts.c.ms))
            .where(daily_facts.c.user_id == user_id)
            .group_by(daily_facts.c.activity_id)
        )
        with self._engine.connect() as conn:
            return {a: int(ms) for a, ms in conn.execute(query)}

    def daily_totals(
        self, user_ids: Sequence[int], low_day: int, high_day: int, cut: DailyCut
    ) -> Iterator[tuple[int, int | None, str, int]]:
        """Yield (user id, period or None, activity, ms) of several users' daily rollups in
        [low_day, high_day), summed per day, per week (from Sunday; only for days from 1970,
        where SQL's integer division floors as Python's does) or over the range, in one query
        ordered by user and period."""
        d = daily_facts.c
        by_day = cut is not None
        period: ColumnElement[Any] = d.day if by_day else literal_column("NULL")
        if cut == "week":
            if low_day < 0:
                raise ValueError("weeks are cut in SQL only from 1970")
            day_index = d.day // DAY_SECONDS
            period = (day_index - (day_index + 4) % 7) * DAY_SECONDS
        group: list[ColumnElement[Any]] = [d.user_id, d.activity_id]
        if by_day:
            group.insert(1, period)
        with self._engine.connect() as conn:
            # Sum first, then name: the join meets each sum once, not each day's row.
            sums = (
                select(d.user_id, period.label("period"), d.activity_id, func.sum(d.ms).label("ms"))
                .where(any_of(conn, d.user_id, user_ids), d.day >= low_day, d.day < high_day)
                .group_by(*group)
                .subquery()
            )
            # On user_id too: Citus joins a team's co-located rows on their distribution column.
            named = (activities.c.user_id == sums.c.user_id) & (
                activities.c.id == sums.c.activity_id
            )
            query = select(sums.c.user_id, sums.c.period, activities.c.name, sums.c.ms).join(
                activities, named
            )
            if by_day:
                query = query.order_by(sums.c.user_id, sums.c.period)
            # fetched at once: row by row costs more than the sums at this size
            found = conn.execute(query).all()
        for user_id, day, name, ms in found:
            yield user_id, None if day is None else int(day), name, int(ms)

    def texts(self, user_id: int) -> list[tuple[int, str]]:
        """Every text the user has (id, value): documents among app names, titles and URLs."""
        query = select(texts.c.id, texts.c.value).where(texts.c.user_id == user_id)
        with self._engine.connect() as conn:
            return [(i, value) for i, value in conn.execute(query).all()]

    def aggregate(
        self,
        user_id: int,
        low_bucket: int,
        high_bucket: int,
        unit_seconds: int | None,
        activity_ids: Iterable[int] | None,
        source_type: str | None,
        document: str | None,
        by_document: bool,
        schedule: WeekRanges | None = None,
        spans: Sequence[tuple[int, int]] = (),
        narrowed: Narrowing | None = None,
        by_device: bool = False,
    ) -> Iterator[FactRow]:
        """Yield (period start, activity id, activity name, document or "", span, device id,
        ms) for facts in [low, high).

        span is the index of the first of spans (local [low, high) seconds) holding the
        bucket, or -1; the device id is 0 unless by_device (and for time of no device). Rows
        come ordered by period, so callers can finish one period before the next. Questions
        of whole days with no schedule, span or device read the daily rollups; there, narrowed
        (if given) limits the time read to its documents, except for its whole activities,
        read without documents.
        """
        whole_days = (
            not spans
            and not by_device
            and unit_seconds in (None, DAY_SECONDS)
            and schedule is None
            and low_bucket % DAY_SECONDS == 0
            and high_bucket % DAY_SECONDS == 0
        )
        if not whole_days:
            yield from self._facts(
                user_id,
                (low_bucket, high_bucket, unit_seconds),
                activity_ids,
                source_type,
                document,
                by_document,
                schedule,
                spans,
                by_device,
            )
            return
        cut = (low_bucket, high_bucket, unit_seconds)
        if narrowed is not None:
            whole = [a for a in narrowed.whole if activity_ids is None or a in activity_ids]
            rest = [a for a in activity_ids or () if a not in narrowed.whole]
            parts = [
                self._daily(user_id, cut, whole, source_type) if whole else iter(()),
                self._daily(
                    user_id,
                    cut,
                    rest if activity_ids is not None else None,
                    source_type,
                    True,
                    document,
                    narrowed,
                ),
            ]
            yield from heapq.merge(*parts, key=_period)
        else:
            yield from self._daily(
                user_id,
                cut,
                activity_ids,
                source_type,
                by_document or document is not None,
                document,
            )

    def _facts(
        self,
        user_id: int,
        cut: tuple[int, int, int | None],
        activity_ids: Iterable[int] | None,
        source_type: str | None,
        document: str | None,
        by_document: bool,
        schedule: WeekRanges | None,
        spans: Sequence[tuple[int, int]],
        by_device: bool = False,
    ) -> Iterator[FactRow]:
        """The 5-minute facts' sums: for parts of days, schedules, assigned spans and devices."""
        low_bucket, high_bucket, unit_seconds = cut
        period = (
            facts.c.bucket - facts.c.bucket % unit_seconds
            if unit_seconds
            else literal_column("NULL")
        )
        doc_column = texts.c.value if by_document else literal_column("''")
        span_column = _span_index(spans)
        device_column = facts.c.device_id if by_device else literal_column("0")
        query: Select[Any] = select(
            period.label("period"),
            facts.c.activity_id,
            doc_column.label("document"),
            span_column.label("span"),
            device_column.label("device"),
        )
        if by_document or document is not None:
            query = query.join(
                texts, (texts.c.id == facts.c.document_id) & (texts.c.user_id == facts.c.user_id)
            )
        group: list[ColumnElement[Any]] = [facts.c.activity_id]
        if unit_seconds:
            group.insert(0, period)
        if by_document:
            group.append(texts.c.value)
        if spans:
            group.append(span_column)
        if by_device:
            group.append(facts.c.device_id)
        query = query.add_columns(func.sum(facts.c.ms).label("ms")).where(
            facts.c.user_id == user_id,
            facts.c.bucket >= low_bucket,
            facts.c.bucket < high_bucket,
        )
        if activity_ids is not None:
            query = query.where(facts.c.activity_id.in_(list(activity_ids)))
        if source_type is not None:
            query = query.where(facts.c.source_type == SOURCE_TYPE_CODES[source_type])
        if document is not None:
            query = query.where(texts.c.value == document)
        if schedule is not None:
            query = query.where(_in_schedule(schedule))
        sums = _by_period(query.group_by(*group), bool(unit_seconds))
        yield from self._named_rows(sums, {"user_id": user_id})

    def _daily(
        self,
        user_id: int,
        cut: tuple[int, int, int | None],
        activity_ids: Iterable[int] | None,
        source_type: str | None,
        by_document: bool = False,
        document: str | None = None,
        narrowed: Narrowing | None = None,
    ) -> Iterator[FactRow]:
        """A daily rollup's sums per day (or for the whole range), activity and, by_document,
        document; with narrowed, only its documents of activities other than its whole ones."""
        low_day, high_day, unit_seconds = cut
        shape = (
            by_document,
            bool(unit_seconds),
            activity_ids is not None,
            source_type is not None,
            document is not None,
        )
        params: dict[str, Any] = {"user_id": user_id, "low_day": low_day, "high_day": high_day}
        if activity_ids is not None:
            params["activity_ids"] = list(activity_ids)
        if source_type is not None:
            params["source_type"] = SOURCE_TYPE_CODES[source_type]
        if document is not None:
            params["document"] = document
        if narrowed is None:  # the usual question: its statement built once
            yield from self._named_rows(_daily_statement(*shape), params)
            return
        sums = _daily_sums(*shape)
        table = daily_documents if by_document else daily_facts
        sums = sums.where(any_of(self._engine, table.c.document_id, narrowed.documents))
        if narrowed.whole:
            sums = sums.where(table.c.activity_id.not_in(list(narrowed.whole)))
        yield from self._named_rows(_by_period(sums, bool(unit_seconds)), params)

    def _named_rows(self, sums: Select[Any], params: dict[str, Any]) -> Iterator[FactRow]:
        """The rows of sums (period, activity id, document, span, device, ms) with each
        activity's name after its id (see `dayglass.storage.activity_names`)."""
        user_id = params["user_id"]
        stamp = user_stamp(self._engine, user_id)  # before the names it vouches for
        with self._engine.connect() as conn:
            # Fetched a thousand rows a call: one by one costs more than the sums.
            for rows in conn.execute(sums, params).partitions(1000):
                names = self._names.names(conn, user_id, stamp, {row[1] for row in rows})
                for period, activity_id, doc, span, device_id, ms in rows:
                    name = names.get(activity_id)
                    if name is not None:
                        yield period, activity_id, name, doc, span, device_id, int(ms)


@cache
def _daily_statement(
    by_document: bool, per_day: bool, some_activities: bool, one_source: bool, one_document: bool
) -> Select[Any]:
    """`_by_period(_daily_sums(...))`, built once for each shape of question (building a
    statement costs more than running it on SQLite)."""
    return _by_period(
        _daily_sums(by_document, per_day, some_activities, one_source, one_document), per_day
    )


def _daily_sums(
    by_document: bool, per_day: bool, some_activities: bool, one_source: bool, one_document: bool
) -> Select[Any]:
    """A daily rollup's sums for the parameters user_id, low_day and high_day, and as asked
    activity_ids, source_type and document."""
    table = daily_documents if by_document else daily_facts
    period = table.c.day if per_day else literal_column("NULL")
    doc_column = texts.c.value if by_document else literal_column("''")
    group: list[ColumnElement[Any]] = [table.c.activity_id]
    if per_day:
        group.insert(0, table.c.day)
    user_id: BindParameter[int] = bindparam("user_id")
    query = select(
        period.label("period"),
        table.c.activity_id,
        doc_column.label("document"),
        literal_column("-1").label("span"),
        literal_column("0").label("device"),
        func.sum(table.c.ms).label("ms"),
    ).where(
        table.c.user_id == user_id,
        table.c.day >= bindparam("low_day"),
        table.c.day < bindparam("high_day"),
    )
    if by_document:
        group.append(texts.c.value)
        query = query.join(
            texts, (texts.c.id == table.c.document_id) & (texts.c.user_id == user_id)
        )
    if some_activities:
        query = query.where(table.c.activity_id.in_(bindparam("activity_ids", expanding=True)))
    if one_source:
        query = query.where(table.c.source_type == bindparam("source_type"))
    if one_document:
        query = query.where(texts.c.value == bindparam("document"))
    return query.group_by(*group)


def _by_period(sums: Select[Any], by_period: bool) -> Select[Any]:
    """sums ordered by their period when by_period."""
    return sums.order_by(sums.selected_columns.period) if by_period else sums


def _period(row: FactRow) -> int:
    return -1 if row[0] is None else row[0]


def _span_index(spans: Sequence[tuple[int, int]]) -> ColumnElement[int]:
    """The index of the first span holding a fact's bucket, else -1."""
    if not spans:
        return literal_column("-1")
    bucket = facts.c.bucket
    return case(
        *((and_(bucket >= low, bucket < high), index) for index, (low, high) in enumerate(spans)),
        else_=-1,
    )


if TYPE_CHECKING:

    def _implements_report_store(store: SqlReportStore) -> ReportStore:
        return store
