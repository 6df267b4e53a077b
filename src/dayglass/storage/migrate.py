"""Schema migrations with Alembic, run from code (`dayglass db upgrade`, and on first start)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from dayglass.storage.distribution import distribute_if_citus
from dayglass.storage.engine import writer


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", "dayglass.storage:migrations")
    return config


def upgrade(engine: Engine, revision: str = "head", *, distribute: bool = True) -> None:
    """Bring the database's schema up to revision (at the head, distributed on Citus)."""
    config = alembic_config()
    with writer(engine).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    if distribute and revision == "head":
        # A new table of the last migration gets its place on the cluster at once.
        distribute_if_citus(engine)


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == head
