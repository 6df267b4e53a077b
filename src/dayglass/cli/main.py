"""`dayglass`: serve, user, key, demo, db and agent commands."""

from __future__ import annotations

from pathlib import Path

import click

from dayglass import __version__
from dayglass.cli.agent_commands import agent
from dayglass.cli.alerts import alert
from dayglass.cli.context import CliContext
from dayglass.cli.db_commands import db
from dayglass.cli.demo_command import demo
from dayglass.cli.email_commands import email
from dayglass.cli.entry import run_group
from dayglass.cli.export_commands import delete, export, import_dayglass
from dayglass.cli.focus import focus
from dayglass.cli.highlights import highlight
from dayglass.cli.import_commands import import_group
from dayglass.cli.keys import key
from dayglass.cli.oauth_clients import oauth
from dayglass.cli.offline import offline
from dayglass.cli.projects import project
from dayglass.cli.schedules import schedule
from dayglass.cli.serve import serve
from dayglass.cli.team_commands import group, org
from dayglass.cli.users import user


@click.group()
@click.version_option(__version__, prog_name="dayglass")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="TOML settings file."
)
@click.option(
    "--data-dir", type=click.Path(path_type=Path), help="Where the SQLite database lives."
)
@click.option("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://...")
@click.pass_context
def cli(
    ctx: click.Context, config_file: Path | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Dayglass: self-hosted automatic time tracking."""
    ctx.obj = CliContext(config_file, data_dir, database_url)


cli.add_command(db)
cli.add_command(serve)
cli.add_command(user)
cli.add_command(key)
cli.add_command(demo)
cli.add_command(schedule)
cli.add_command(project)
cli.add_command(org)
cli.add_command(group)
cli.add_command(agent)
cli.add_command(alert)
cli.add_command(highlight)
cli.add_command(focus)
cli.add_command(offline)
cli.add_command(oauth)
cli.add_command(import_group)
cli.add_command(export)
cli.add_command(delete)
cli.add_command(email)
import_group.add_command(import_dayglass)


def main() -> None:
    """Entry point: domain errors become a message and exit status 1."""
    run_group(cli)
