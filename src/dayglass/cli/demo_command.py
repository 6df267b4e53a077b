"""`dayglass demo`: fill an account with realistic demo data."""

from __future__ import annotations

import click

from dayglass.cli.context import CliContext
from dayglass.services.demo import load_demo


@click.command()
@click.option("--user", "email", required=True, help="Email of the account to fill.")
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 400))
@click.pass_obj
def demo(obj: CliContext, email: str, days: int) -> None:
    """Add a plausible person's last days on a laptop and a phone."""
    found = obj.services.accounts.user_by_email(email)
    stored = load_demo(obj.services.ingest, found.id, found.timezone, obj.clock, days)
    click.echo(f"stored {stored} demo events for {found.email}", err=True)
