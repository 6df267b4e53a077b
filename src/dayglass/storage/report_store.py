"""Aggregating facts in SQL: the heavy part of every report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import ColumnElement, Engine, and_, false, func, literal_column, or_, select

from dayglass.core.schedules import MONDAY_SHIFT, WEEK_SECONDS, WeekRanges
from dayglass.storage.tables import SOURCE_TYPE_CODES, activities, facts, texts


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
            select(facts.c.activity_id, func.sum(facts.c.ms))
            .where(facts.c.user_id == user_id)
            .group_by(facts.c.activity_id)
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
    ) -> Iterator[tuple[int | None, int, str, int]]:
        """Yield (period start, activity id, document or "", ms) for facts in [low, high).

        Rows come ordered by period, so callers can finish one period before the next.
        """
        period = (
            facts.c.bucket - facts.c.bucket % unit_seconds
            if unit_seconds
            else literal_column("NULL")
        )
        doc_column = texts.c.value if by_document else literal_column("''")
        query = select(period.label("period"), facts.c.activity_id, doc_column.label("document"))
        if by_document or document is not None:
            query = query.join(
                texts, (texts.c.id == facts.c.document_id) & (texts.c.user_id == facts.c.user_id)
            )
        group = [facts.c.activity_id]
        if unit_seconds:
            group.insert(0, period)
        if by_document:
            group.append(texts.c.value)
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
            for p, activity_id, doc, ms in conn.execute(query):
                yield p, activity_id, doc, int(ms)
