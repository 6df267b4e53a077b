"""What a report reads: rows of facts come with their activity's name, so a question without
filters or projects never reads all of the user's activities (on Citus, one trip to a worker
fewer; for a user with a long history, many rows fewer). Every database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, event

from dayglass.core.query import Filters, GroupBy, Question, Resolution
from dayglass.services.registry import Services
from serving import Account

DAY = date(2026, 3, 4)


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL this engine runs inside the block, whitespace folded."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _whole_vocabulary(sql: list[str]) -> list[str]:
    return [s for s in sql if s.startswith("SELECT activities.id, activities.name FROM activities")]


def _store_day(services: Services, account: Account) -> None:
    """Forty activities used long ago and three on DAY."""
    old = [
        {"id": f"old-{n}", "start": f"2026-01-0{1 + n % 9}T09:00:00+01:00", "duration": 60}
        | {"app": f"tool-{n}", "title": "x"}
        for n in range(40)
    ]
    today = [
        {"id": "a", "start": f"{DAY}T09:00:00+01:00", "duration": 600, "app": "code"},
        {"id": "b", "start": f"{DAY}T10:00:00+01:00", "duration": 300, "app": "slack"},
        {"id": "c", "start": f"{DAY}T11:00:00+01:00", "duration": 120, "app": "code"},
    ]
    for events in (old, today):
        batch = {"device": "laptop", "source_type": "computers", "events": events}
        result = services.ingest.ingest(account.user_id, batch)
        assert not result.rejected


def _seconds(rows) -> dict[str, int]:
    """Seconds by activity, over every period."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.activity] = totals.get(row.activity, 0) + row.ms // 1000
    return totals


def test_a_plain_question_names_its_rows_without_reading_every_activity(
    services: Services, engine: Engine, account: Account
) -> None:
    _store_day(services, account)
    for resolution in (Resolution.NONE, Resolution.HOUR):  # daily rollups, 5-minute facts
        question = Question(DAY, DAY, GroupBy.ACTIVITY, resolution)
        with statements(engine) as sql:
            rows = services.reports.answer(account.user_id, question)
        assert _seconds(rows) == {"Visual Studio Code": 720, "Slack": 300}
        assert _whole_vocabulary(sql) == []


def test_a_filtered_question_reads_the_vocabulary_it_filters(
    services: Services, engine: Engine, account: Account
) -> None:
    _store_day(services, account)
    question = Question(DAY, DAY, filters=Filters(activity="slack"))
    with statements(engine) as sql:
        rows = services.reports.answer(account.user_id, question)
    assert _seconds(rows) == {"Slack": 300}
    assert len(_whole_vocabulary(sql)) == 1  # once, however many steps ask for it
