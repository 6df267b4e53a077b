"""What a report reads: rows of facts are named from the names of their activities alone, kept
by the process once read, so a question without filters or projects never reads all of the
user's activities (for a user with a long history, many rows fewer), and a second question
reads none. Every database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, event

from dayglass.core.query import Filters, GroupBy, Question, Resolution
from dayglass.services.registry import Services
from serving import Account, add_account

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


def _reads_of_names(sql: list[str]) -> list[str]:
    return [s for s in sql if s.startswith("SELECT activities.id, activities.name FROM activities")]


def _whole_vocabulary(sql: list[str]) -> list[str]:
    """The reads of every name of a user (not of some ids' names)."""
    return [s for s in _reads_of_names(sql) if "activities.id" not in s.split(" WHERE ", 1)[1]]


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


def test_a_second_question_names_its_rows_from_the_names_kept(
    services: Services, engine: Engine, account: Account
) -> None:
    _store_day(services, account)
    question = Question(DAY, DAY, GroupBy.ACTIVITY)
    with statements(engine) as first:
        assert _seconds(services.reports.answer(account.user_id, question)) == {
            "Visual Studio Code": 720,
            "Slack": 300,
        }
    with statements(engine) as second:
        rows = services.reports.answer(account.user_id, question)
    assert _seconds(rows) == {"Visual Studio Code": 720, "Slack": 300}
    assert len(_reads_of_names(first)) == 1
    assert _reads_of_names(second) == []
    assert [s for s in second if "JOIN activities" in s] == []


def test_a_user_given_a_deleted_users_id_sees_the_names_of_their_own_activities(
    services: Services, engine: Engine
) -> None:
    """SQLite gives a new row the highest id + 1, so a new user (and their first activity) can
    get the ids of a deleted user's: what the process kept of the old user must not name the
    new one's rows."""
    day_of = {"device": "laptop", "source_type": "computers"}
    old = add_account(services, "old@example.org")
    event = {"id": "a", "start": f"{DAY}T09:00:00+01:00", "duration": 600, "app": "code"}
    services.ingest.ingest(old.user_id, day_of | {"events": [event]})
    question = Question(DAY, DAY, GroupBy.ACTIVITY)
    assert _seconds(services.reports.answer(old.user_id, question)) == {"Visual Studio Code": 600}
    services.deletions.delete_account(old.user_id, "old@example.org")
    new = add_account(services, "new@example.org")
    services.ingest.ingest(new.user_id, day_of | {"events": [event | {"app": "slack"}]})
    if engine.dialect.name == "sqlite":  # the case this test is about
        assert new.user_id == old.user_id
    assert _seconds(services.reports.answer(new.user_id, question)) == {"Slack": 600}
