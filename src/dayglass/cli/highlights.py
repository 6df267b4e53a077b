"""`dayglass highlight`: add, list, change and remove highlights."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext


@click.group()
def highlight() -> None:
    """Manage highlights: a line of what got done, for a day."""


@highlight.command("add")
@click.argument("description")
@click.option("--user", "email", required=True, help="Email of the highlight's owner.")
@click.option("--date", "day", required=True, help="The local day, YYYY-MM-DD.")
@click.option("--source", default=None, help="A label grouping highlights (e.g. git).")
@click.pass_obj
def add(obj: CliContext, description: str, email: str, day: str, source: str | None) -> None:
    """Add a highlight and print its id on stdout."""
    user_id = obj.services.accounts.user_by_email(email).id
    made = obj.services.highlights.add(user_id, day, description, source)
    click.echo(made.id)


@highlight.command("change")
@click.argument("highlight_id", type=int)
@click.argument("description")
@click.option("--user", "email", required=True, help="Email of the highlight's owner.")
@click.option("--date", "day", required=True, help="The local day, YYYY-MM-DD.")
@click.option("--source", default=None, help="A label grouping highlights (e.g. git).")
@click.pass_obj
def change(
    obj: CliContext, highlight_id: int, description: str, email: str, day: str, source: str | None
) -> None:
    """Rewrite a highlight."""
    user_id = obj.services.accounts.user_by_email(email).id
    obj.services.highlights.change(user_id, highlight_id, day, description, source)
    click.echo(f"changed highlight {highlight_id}", err=True)


@highlight.command("list")
@click.option("--user", "email", required=True, help="Email of the highlights' owner.")
@click.pass_obj
def list_highlights(obj: CliContext, email: str) -> None:
    """List recent highlights."""
    user_id = obj.services.accounts.user_by_email(email).id
    table = Table("id", "date", "highlight", "source")
    for h in obj.services.highlights.highlights(user_id):
        table.add_row(str(h.id), h.day.isoformat(), h.description, h.source or "")
    Console().print(table)


@highlight.command("remove")
@click.argument("highlight_id", type=int)
@click.option("--user", "email", required=True, help="Email of the highlight's owner.")
@click.pass_obj
def remove(obj: CliContext, highlight_id: int, email: str) -> None:
    """Remove a highlight."""
    obj.services.highlights.remove(obj.services.accounts.user_by_email(email).id, highlight_id)
    click.echo(f"removed highlight {highlight_id}", err=True)
