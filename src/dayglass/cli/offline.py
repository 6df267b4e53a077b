"""`dayglass offline`: add, list, change and remove offline time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext

Command = TypeVar("Command", bound=Callable[..., Any])


def _fields(start: str, minutes: float, name: str, details: str | None) -> dict[str, object]:
    return {
        "start_time": start,
        "duration": minutes,
        "activity_name": name,
        "activity_details": details,
    }


def _entry_options(command: Command) -> Command:
    """The options that describe an entry."""
    options = [
        click.option("--details", default=None, help="What it was about."),
        click.option("--minutes", type=float, required=True, help="How long (at most 240)."),
        click.option("--start", required=True, help="Local 'YYYY-MM-DD HH:MM[:SS]'."),
        click.option("--user", "email", required=True, help="Email of the entry's owner."),
        click.argument("activity"),
    ]
    for option in options:
        command = option(command)
    return command


@click.group()
def offline() -> None:
    """Manage offline time (meetings, driving, ...): counted as source type offline."""


@offline.command("add")
@_entry_options
@click.pass_obj
def add(
    obj: CliContext, activity: str, email: str, start: str, minutes: float, details: str | None
) -> None:
    """Add offline time and print the entry's id on stdout."""
    user_id = obj.services.accounts.user_by_email(email).id
    made = obj.services.offline.add(user_id, _fields(start, minutes, activity, details))
    click.echo(made.id)


@offline.command("change")
@click.argument("entry_id", type=int)
@_entry_options
@click.pass_obj
def change(
    obj: CliContext,
    entry_id: int,
    activity: str,
    email: str,
    start: str,
    minutes: float,
    details: str | None,
) -> None:
    """Replace an entry's time and names."""
    user_id = obj.services.accounts.user_by_email(email).id
    obj.services.offline.change(user_id, entry_id, _fields(start, minutes, activity, details))
    click.echo(f"changed offline entry {entry_id}", err=True)


@offline.command("list")
@click.option("--user", "email", required=True, help="Email of the entries' owner.")
@click.pass_obj
def list_entries(obj: CliContext, email: str) -> None:
    """List offline entries, latest first."""
    user_id = obj.services.accounts.user_by_email(email).id
    table = Table("id", "start", "minutes", "activity", "details")
    for e in obj.services.offline.entries(user_id):
        span = e.span
        start = span.start.isoformat(sep=" ", timespec="minutes")
        table.add_row(str(e.id), start, f"{span.seconds / 60:g}", span.activity, span.details)
    Console().print(table)


@offline.command("remove")
@click.argument("entry_id", type=int)
@click.option("--user", "email", required=True, help="Email of the entry's owner.")
@click.pass_obj
def remove(obj: CliContext, entry_id: int, email: str) -> None:
    """Remove an entry and its time."""
    obj.services.offline.remove(obj.services.accounts.user_by_email(email).id, entry_id)
    click.echo(f"removed offline entry {entry_id}", err=True)
