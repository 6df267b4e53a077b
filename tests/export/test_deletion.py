"""Deleting a range of days removes exactly that time; deleting an account leaves no row of it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, Table, select

from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.core.errors import InvalidInput
from dayglass.storage.tables import metadata, users
from export.seeding import seed_person
from serving import LiveServer, add_account

SPAN = {"restrict_begin": "2026-11-01", "restrict_end": "2026-11-10"}


def _rows_of(engine: Engine, user_id: int) -> dict[str, int]:
    """Rows of every table that hold the user's id in a user column or point at such a row."""
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            count = sum(1 for _ in conn.execute(select(table)) if _belongs(table, _, user_id, conn))
            if count:
                found[table.name] = count
    return found


def _belongs(table: Table, row, user_id: int, conn) -> bool:
    """Whether a row is the user's: a user-ish column holds the id, or a key leads to theirs."""
    values = row._mapping
    if table is users:
        return values["id"] == user_id
    if "user_id" in table.c and values["user_id"] == user_id:
        return True
    for key in table.foreign_keys:
        parent = key.column.table
        value = values[key.parent.name]
        if value is None or parent is table:
            continue
        if parent is users and value == user_id:
            return True
        if parent is not users:
            linked = conn.execute(select(parent).where(key.column == value)).first()
            if linked is not None and _belongs(parent, linked, user_id, conn):
                return True
    return False


def _daily_seconds(server: LiveServer, key: str) -> dict[str, int]:
    """Seconds per local day from the Data API."""
    params = {"perspective": "interval", "resolution_time": "day", "restrict_kind": "overview"}
    with server.client(key) as client:
        answer = client.get("/anapi/data", params={**params, **SPAN, "format": "json"})
    answer.raise_for_status()
    days: dict[str, int] = {}
    for row in answer.json()["rows"]:
        days[row[0][:10]] = days.get(row[0][:10], 0) + row[1]
    return days


@pytest.fixture
def clock() -> ManualClock:
    """The seeding's clock."""
    return ManualClock.at_local("2026-11-10T12:00")


def test_deleting_the_account_leaves_no_row_of_it(engine: Engine, clock: ManualClock) -> None:
    """Every table is scanned for the person's id, directly or through foreign keys."""
    services = build_services(engine, clock)
    person = seed_person(services, engine, clock)
    other = add_account(services, "ada@example.org")
    event = {"id": "1", "start": "2026-11-09T10:00:00+01:00", "duration": 60, "app": "code"}
    services.ingest.ingest(other.user_id, {"device": "laptop", "events": [event]})
    oauth = services.oauth
    grace_app, _ = oauth.add_client("Grace's app", ["https://example.org/cb"], person)
    admin_app, _ = oauth.add_client("A dashboard", ["https://example.org/cb"])
    oauth.issue_token(admin_app, person, "time_data")
    oauth.issue_token(grace_app, other.user_id, "time_data")  # goes with Grace's app
    before_other = _rows_of(engine, other.user_id)
    assert len(_rows_of(engine, person)) >= 15
    with pytest.raises(InvalidInput):
        services.deletions.delete_account(person, "someone@example.org")
    services.deletions.delete_account(person, "Grace@Example.org ")
    assert _rows_of(engine, person) == {}
    after_other = _rows_of(engine, other.user_id)
    assert after_other == {**before_other, "oauth_tokens": 0} or after_other == {
        k: v for k, v in before_other.items() if k != "oauth_tokens"
    }
    assert oauth.client(admin_app.client_id) is not None


def test_deleting_a_range_removes_exactly_its_time(
    engine: Engine, clock: ManualClock, in_process_server: LiveServer
) -> None:
    """The range's days go to zero, the others keep every second, summaries follow at once."""
    services = in_process_server.services
    person = seed_person(services, engine, clock)
    _, key = services.accounts.create_key(person, "reading")
    before = _daily_seconds(in_process_server, key)
    assert before["2026-11-03"] and before["2026-11-04"] and before["2026-11-06"]
    # The event at 23:58:10 on the 3rd runs into the 4th: the 4th keeps its part.
    done = services.deletions.delete_range(person, date(2026, 11, 3), date(2026, 11, 3))
    assert done.events > 0 and done.trimmed == 1
    after = _daily_seconds(in_process_server, key)
    assert "2026-11-03" not in after
    assert after == {day: s for day, s in before.items() if day != "2026-11-03"}
    # Sending the trimmed event again adds nothing: it is still known.
    late = {"id": "late", "start": "2026-11-03T23:58:10+01:00", "duration": 500, "app": "code"}
    assert services.ingest.ingest(person, {"device": "laptop", "events": [late]}).stored == 0
    with in_process_server.client(key) as client:
        feed = client.get("/anapi/daily_summary_feed").json()
    assert "2026-11-03" not in {day["date"] for day in feed}
    assert {day["date"] for day in feed} >= {"2026-11-02", "2026-11-04", "2026-11-09"}
    # Offline time on the 4th goes with a range holding it; the entry goes too.
    services.deletions.delete_range(person, date(2026, 11, 4), date(2026, 11, 6))
    after = _daily_seconds(in_process_server, key)
    assert set(after) == {"2026-11-02", "2026-11-07", "2026-11-09", "2026-11-10"}
    assert after["2026-11-09"] == before["2026-11-09"]
    assert services.offline.entries(person) == []


def test_a_range_must_run_forward(engine: Engine, clock: ManualClock) -> None:
    """The last day cannot come before the first."""
    services = build_services(engine, clock)
    person = add_account(services)
    with pytest.raises(InvalidInput):
        services.deletions.delete_range(person.user_id, date(2026, 11, 4), date(2026, 11, 3))
