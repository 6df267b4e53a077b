"""`dayglass db`: migrate the database, and distribute it on a Citus cluster."""

from __future__ import annotations

import click

from dayglass.cli.context import CliContext
from dayglass.storage.distribution import NotCitus, UnplacedTable, distribute, has_citus
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade


@click.group()
def db() -> None:
    """Database administration."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(obj: CliContext) -> None:
    """Create or migrate the database to the newest schema."""
    obj.engine  # noqa: B018  (building the engine migrates it)
    click.echo("database is up to date", err=True)


@db.command("distribute")
@click.pass_obj
def db_distribute(obj: CliContext) -> None:
    """Migrate, then place every table on the Citus cluster (reference or distributed)."""
    engine = create_db_engine(obj.settings.sqlalchemy_url)
    try:
        with engine.connect() as conn:
            if not has_citus(conn):
                raise click.ClickException(
                    "the database is not PostgreSQL with the citus extension: run "
                    "CREATE EXTENSION citus on the coordinator (and its workers) first"
                )
        upgrade(engine, distribute=False)
        try:
            placed = distribute(engine)
        except (NotCitus, UnplacedTable) as error:
            raise click.ClickException(str(error)) from None
    finally:
        engine.dispose()
    for item in placed:
        click.echo(item.describe())
