"""Migrations: upgrade from empty, and no drift between the tables and the migrations."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from databases import upgraded_with_old_facts
from dayglass.storage.migrate import alembic_config, is_current, upgrade
from dayglass.storage.tables import daily_facts, metadata


def test_upgrade_from_empty_creates_every_table(engine):
    assert is_current(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables


def test_upgrading_again_is_harmless(engine):
    upgrade(engine)
    assert is_current(engine)


def test_autogenerate_finds_no_drift(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_the_daily_rollup_is_filled_from_existing_facts(tmp_path):
    engine = upgraded_with_old_facts(tmp_path / "old.sqlite3", "0005")
    with engine.connect() as conn:
        days = dict(conn.execute(select(daily_facts.c.day, daily_facts.c.ms)).all())
    assert days == {
        86_400 * 3: sum(1000 * (k + 1) for k in range(288)),
        86_400 * 4: sum(1000 * (k + 1) for k in range(288, 300)),
    }


def _downgrade(engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_stored_events_pass_to_the_unique_index_on_their_ids(engine, services):
    user = services.accounts.add_user("ada@example.org", "password1", None, "UTC")
    events = [
        {"id": f"e{n}", "start": f"2026-11-10T09:{n:02d}:00+00:00", "duration": 30, "app": "code"}
        for n in range(20)
    ]
    batch = {"device": "laptop", "events": events}
    assert services.ingest.ingest(user.id, batch).stored == 20
    _downgrade(engine, "0018")  # ids under a plain index, as stored before 0019
    upgrade(engine)
    assert is_current(engine)
    again = services.ingest.ingest(user.id, batch)
    assert (again.stored, again.duplicates) == (0, 20)
