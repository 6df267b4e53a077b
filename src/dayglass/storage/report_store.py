"""Aggregating facts in SQL: the heavy part of every report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
)

from dayglass.core.localtime import DAY_SECONDS
from dayglass.core.schedules import MONDAY_SHIFT, WEEK_SECONDS, WeekRanges
from dayglass.storage.tables import SOURCE_TYPE_CODES, activities, daily_facts, facts, texts

if TYPE_CHECKING:
    from dayglass.services.ports import ReportStore


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

    def activities(self, user_id: int) -> list[tuple[int, str]]:
        """Every activity the user has (id, name)."""
        query = select(activities.c.id, activities.c.name).where(activities.c.user_id == user_id)
        with self._engine.connect() as conn:
            return list(conn.execute(query))

    def activity_totals(self, user_id: int) -> dict[int, int]:
        """All-time milliseconds per activity id."""
        query = (
            select(daily_facts.c.activity_id, func.sum(daily_facts.c.ms))
            .where(daily_facts.c.user_id == user_id)
            .group_by(daily_facts.c.activity_id)
        )
        with self._engine.connect() as conn:
            return {a: int(ms) for a, ms in conn.execute(query)}

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
    ) -> Iterator[tuple[int | None, int, str, int, int]]:
        """Yield (period start, activity id, document or "", span, ms) for facts in [low, high).

        span is the index of the first of spans (local [low, high) seconds) holding the
        bucket, or -1. Rows come ordered by period, so callers can finish one period before
        the next. Questions of whole days with no document, schedule or span read the daily
        rollup.
        """
        if (
            not spans
            and unit_seconds in (None, DAY_SECONDS)
            and not by_document
            and document is None
            and schedule is None
            and low_bucket % DAY_SECONDS == 0
            and high_bucket % DAY_SECONDS == 0
        ):
            yield from self._daily(
                user_id, low_bucket, high_bucket, unit_seconds, activity_ids, source_type
            )
            return
        period = (
            facts.c.bucket - facts.c.bucket % unit_seconds
            if unit_seconds
            else literal_column("NULL")
        )
        doc_column = texts.c.value if by_document else literal_column("''")
        span_column = _span_index(spans)
        query: Select[Any] = select(
            period.label("period"),
            facts.c.activity_id,
            doc_column.label("document"),
            span_column.label("span"),
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
        query = query.add_columns(func.sum(facts.c.ms)).where(
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
        query = query.group_by(*group)
        if unit_seconds:
            query = query.order_by(period)
        with self._engine.connect() as conn:
            for p, activity_id, doc, span, ms in conn.execute(query):
                yield p, activity_id, doc, span, int(ms)

    def _daily(
        self,
        user_id: int,
        low_day: int,
        high_day: int,
        unit_seconds: int | None,
        activity_ids: Iterable[int] | None,
        source_type: str | None,
    ) -> Iterator[tuple[int | None, int, str, int, int]]:
        """The rollup's sums per day (or for the whole range) and activity."""
        table = daily_facts
        period = table.c.day if unit_seconds else literal_column("NULL")
        group = [table.c.activity_id] if not unit_seconds else [table.c.day, table.c.activity_id]
        query = select(
            period.label("period"), table.c.activity_id, literal_column("''"), func.sum(table.c.ms)
        ).where(table.c.user_id == user_id, table.c.day >= low_day, table.c.day < high_day)
        if activity_ids is not None:
            query = query.where(table.c.activity_id.in_(list(activity_ids)))
        if source_type is not None:
            query = query.where(table.c.source_type == SOURCE_TYPE_CODES[source_type])
        query = query.group_by(*group)
        if unit_seconds:
            query = query.order_by(table.c.day)
        with self._engine.connect() as conn:
            for p, activity_id, doc, ms in conn.execute(query):
                yield p, activity_id, doc, -1, int(ms)


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
