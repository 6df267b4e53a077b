"""Migrations: upgrade from empty, and no drift between the tables and the migrations."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from dayglass.storage.migrate import is_current, upgrade
from dayglass.storage.tables import metadata


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
