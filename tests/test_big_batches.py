"""Batches of a thousand events: stored in multi-row statements, counted exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import event, func, select

from dayglass.storage.tables import daily_documents, daily_facts, facts, raw_events
from test_daily_documents import _rollup, _summed_facts

BERLIN_WINTER = timezone(timedelta(hours=1))
APPS = ["code", "firefox", "slack"]


def _batch(first: int, start: datetime, count: int, seconds: int) -> list[dict[str, object]]:
    """count events one after another, seconds each, over three apps and five titles."""
    return [
        {
            "id": f"big-{first + i}",
            "start": (start + timedelta(seconds=seconds * i)).isoformat(),
            "duration": seconds,
            "app": APPS[i % len(APPS)],
            "title": f"document {i % 5}",
        }
        for i in range(count)
    ]


def _stored_ms(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.sum(table.c.ms), 0))).scalar_one())


def test_a_thousand_events_add_up_on_every_engine(services, engine):
    user = services.accounts.add_user("ada@example.org", "password1", None, "Europe/Berlin")
    # 1,000 events of 40 s from 20:00: eleven hours, across midnight, many to each 5-minute
    # bucket and day (more rows of each table than the largest statement takes).
    evening = datetime(2026, 11, 10, 20, 0, tzinfo=BERLIN_WINTER)
    first = _batch(0, evening, 1000, 40)
    result = services.ingest.ingest(user.id, {"device": "laptop", "events": first})
    assert result.stored == 1000 and not result.rejected
    # A second device's thousand over the same hours adds to the same buckets and days.
    second = _batch(1000, evening + timedelta(seconds=7), 1000, 40)
    assert services.ingest.ingest(user.id, {"device": "desktop", "events": second}).stored == 1000
    # Sent again: nothing more.
    for device, batch in (("laptop", first), ("desktop", second)):
        again = services.ingest.ingest(user.id, {"device": device, "events": batch})
        assert again.stored == 0 and again.duplicates == 1000
    expected_ms = 2 * 1000 * 40 * 1000
    assert _stored_ms(engine, facts) == expected_ms
    assert _stored_ms(engine, daily_facts) == expected_ms
    assert _stored_ms(engine, daily_documents) == expected_ms
    assert _rollup(engine) == _summed_facts(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(raw_events)).scalar_one() == 2000
        days = conn.execute(select(func.count(func.distinct(daily_facts.c.day)))).scalar_one()
    assert days == 2


def test_ids_with_quotes_backslashes_and_braces_are_stored_as_sent(services, engine):
    user = services.accounts.add_user("ada@example.org", "password1", None, "UTC")
    ids = ['a"b', "c\\d", "e,f", "{g}", "NULL", " h ", "ünï", "''", 'x\\"y', "", "z"]
    start = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    events = [
        {
            "id": client_id,
            "start": (start + timedelta(minutes=n)).isoformat(),
            "duration": 30,
            "app": "code",
            "title": client_id,
        }
        for n, client_id in enumerate(ids)
    ]
    stored = services.ingest.ingest(user.id, {"device": "laptop", "events": events})
    sent = [i for i in ids if i]  # an empty id is refused
    assert stored.stored == len(sent)
    with engine.connect() as conn:
        assert sorted(conn.execute(select(raw_events.c.client_id)).scalars()) == sorted(sent)
    again = services.ingest.ingest(user.id, {"device": "laptop", "events": events})
    assert (again.stored, again.duplicates) == (0, len(sent))


def test_a_batch_partly_stored_before_stores_and_counts_only_its_new_events(services, engine):
    user = services.accounts.add_user("ada@example.org", "password1", None, "Europe/Berlin")
    evening = datetime(2026, 11, 10, 20, 0, tzinfo=BERLIN_WINTER)
    events = _batch(0, evening, 1000, 40)
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    # Every third event first (the agent's answer was lost, say), so each of the batch's
    # statements holds some of them; then all of them.
    early = services.ingest.ingest(user.id, {"device": "laptop", "events": events[::3]})
    all_new = len(sent)
    later = services.ingest.ingest(user.id, {"device": "laptop", "events": events})
    assert (early.stored, early.duplicates) == (334, 0)
    assert (later.stored, later.duplicates) == (666, 334)
    expected_ms = 1000 * 40 * 1000
    for table in (facts, daily_facts, daily_documents):
        assert _stored_ms(engine, table) == expected_ms
    assert _rollup(engine) == _summed_facts(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(raw_events)).scalar_one() == 1000
    if engine.dialect.name == "sqlite":
        # An all-new batch reads nothing back; one partly stored is undone and read back.
        returning = [sql for sql in sent if "RETURNING" in sql]
        assert not [sql for sql in sent[:all_new] if "RETURNING" in sql]
        assert returning and all(sql.startswith("INSERT INTO raw_events") for sql in returning)
        assert any(sql.startswith("ROLLBACK TO SAVEPOINT") for sql in sent[all_new:])
