"""Migrations: upgrade from empty, and no drift between the tables and the migrations."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from databases import upgraded_with_old_facts
from dayglass.storage.migrate import is_current, upgrade
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
