"""Daily summary snapshots in SQL."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select, update

from dayglass.core.day_parts import FrozenActivity, FrozenDay
from dayglass.storage.dialect import insert_ignoring_conflicts
from dayglass.storage.engine import writer
from dayglass.storage.tables import daily_summaries

if TYPE_CHECKING:
    from dayglass.services.feed_ports import SummaryStore


def _activities_json(activities: Mapping[str, FrozenActivity]) -> str:
    return json.dumps(
        {name: [a.ms, a.level, a.overview_key] for name, a in activities.items()}, sort_keys=True
    )


def _activities(text: str | None) -> dict[str, FrozenActivity] | None:
    if text is None:
        return None  # a summary made before summaries kept their activities
    return {name: FrozenActivity(*fields) for name, fields in json.loads(text).items()}


class SqlSummaryStore:
    """One snapshot per user and closed local day; time that arrives late is added to it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def latest_days(self) -> dict[int, date]:
        """Each user's newest closed day."""
        query = select(daily_summaries.c.user_id, func.max(daily_summaries.c.day)).group_by(
            daily_summaries.c.user_id
        )
        with self._engine.connect() as conn:
            return {user_id: day for user_id, day in conn.execute(query)}

    def add(
        self,
        user_id: int,
        day: date,
        parts: Mapping[str, int],
        activities: Mapping[str, FrozenActivity],
        now: datetime,
    ) -> bool:
        """Store a day's snapshot unless one exists (another process may have made it)."""
        values = {
            "user_id": user_id,
            "day": day,
            "total_seconds": parts["total"],
            "seconds": json.dumps(dict(parts), sort_keys=True),
            "activities": _activities_json(activities),
            "made_at": now,
        }
        with self._writer.begin() as conn:
            statement = insert_ignoring_conflicts(conn, daily_summaries, ["user_id", "day"])
            return conn.execute(statement, values).rowcount > 0

    def replace(
        self,
        user_id: int,
        day: date,
        parts: Mapping[str, int],
        activities: Mapping[str, FrozenActivity],
        now: datetime,
    ) -> None:
        """Bring a day's snapshot up to date."""
        t = daily_summaries.c
        with self._writer.begin() as conn:
            conn.execute(
                update(daily_summaries)
                .where(t.user_id == user_id, t.day == day)
                .values(
                    total_seconds=parts["total"],
                    seconds=json.dumps(dict(parts), sort_keys=True),
                    activities=_activities_json(activities),
                    made_at=now,
                )
            )

    def frozen_days(self, user_id: int, first: date, last: date) -> dict[date, FrozenDay]:
        """The snapshots of days first to last, with or without time."""
        t = daily_summaries.c
        query = select(t.day, t.seconds, t.activities).where(
            t.user_id == user_id, t.day >= first, t.day <= last
        )
        with self._engine.connect() as conn:
            return {
                day: FrozenDay(json.loads(seconds), _activities(activities))
                for day, seconds, activities in conn.execute(query)
            }

    def summaries(self, user_id: int, first: date, last: date) -> list[tuple[date, dict[str, int]]]:
        """Snapshots of days with logged time from first to last, newest first."""
        t = daily_summaries.c
        query = (
            select(t.day, t.seconds)
            .where(t.user_id == user_id, t.day >= first, t.day <= last, t.total_seconds > 0)
            .order_by(t.day.desc())
        )
        with self._engine.connect() as conn:
            return [(day, json.loads(seconds)) for day, seconds in conn.execute(query)]


if TYPE_CHECKING:

    def _implements_summary_store(store: SqlSummaryStore) -> SummaryStore:
        return store
