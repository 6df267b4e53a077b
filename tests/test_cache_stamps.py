"""A server process keeps each user's categorization overrides between requests, and a change
made anywhere (another process, a command, a restore) shows in its very next answer: every
change raises the user's cache stamp. Every database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from dayglass.composition import build_services
from dayglass.core.clock import Clock
from dayglass.core.query import GroupBy, Question
from dayglass.services.registry import Services
from dayglass.storage.export_restore_store import SqlRestoreStore
from serving import Account
from test_report_reads import statements

DAY = date(2026, 3, 4)
QUESTION = Question(DAY, DAY, GroupBy.ACTIVITY)


def _store_day(services: Services, account: Account) -> None:
    events = [
        {"id": "a", "start": f"{DAY}T09:00:00+01:00", "duration": 600, "app": "code"},
        {"id": "b", "start": f"{DAY}T10:00:00+01:00", "duration": 300, "app": "slack"},
    ]
    batch = {"device": "laptop", "source_type": "computers", "events": events}
    assert not services.ingest.ingest(account.user_id, batch).rejected


def _categories(services: Services, account: Account) -> dict[str, tuple[str, int]]:
    rows = services.reports.answer(account.user_id, QUESTION)
    return {str(r.activity): (str(r.category), int(r.productivity or 0)) for r in rows}


def test_an_unchanged_users_overrides_are_not_read_again(
    services: Services, engine: Engine, account: Account
) -> None:
    _store_day(services, account)
    services.categories.set_activity(account.user_id, "Slack", "Email", -1)
    first = _categories(services, account)
    with statements(engine) as sql:
        again = _categories(services, account)
    assert again == first
    assert first["Slack"] == ("Email", -1)
    assert not [s for s in sql if "activity_overrides" in s]


def test_a_change_made_by_another_process_shows_at_once(
    services: Services, engine: Engine, clock: Clock, account: Account
) -> None:
    other = build_services(engine, clock)  # another server process, or a command
    _store_day(services, account)
    plain = _categories(services, account)
    assert plain["Slack"][0] != "Email"

    other.categories.set_activity(account.user_id, "Slack", "Email", -1)
    assert _categories(services, account)["Slack"] == ("Email", -1)

    other.categories.set_category_productivity(account.user_id, "Email", 2)
    other.categories.reset_activity(account.user_id, "Slack")
    assert _categories(services, account) == plain

    category = plain["Visual Studio Code"][0]
    other.categories.set_category_productivity(account.user_id, category, -2)
    assert _categories(services, account)["Visual Studio Code"] == (category, -2)


def test_a_restored_override_shows_at_once(
    services: Services, engine: Engine, account: Account
) -> None:
    _store_day(services, account)
    assert _categories(services, account)["Slack"][0] != "Email"
    record = {"activity": "Slack", "category": "Email", "productivity": -1}
    SqlRestoreStore(engine).restore(account.user_id, "activity_overrides", [record], {})
    assert _categories(services, account)["Slack"] == ("Email", -1)
