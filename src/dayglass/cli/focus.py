"""`dayglass focus`: start and end FocusTime sessions, and see them."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext


@click.group()
def focus() -> None:
    """FocusTime sessions, which agents follow."""


@focus.command("start")
@click.argument("minutes", type=int)
@click.option("--user", "email", required=True, help="Email of the session's owner.")
@click.pass_obj
def start(obj: CliContext, minutes: int, email: str) -> None:
    """Start a session of MINUTES (a multiple of 5, or -1 for the rest of the day)."""
    user_id = obj.services.accounts.user_by_email(email).id
    session = obj.services.focus.start(user_id, minutes)
    click.echo(f"focus session until {session.ends_at.isoformat(timespec='minutes')}")


@focus.command("end")
@click.option("--user", "email", required=True, help="Email of the session's owner.")
@click.pass_obj
def end(obj: CliContext, email: str) -> None:
    """End the running session."""
    obj.services.focus.end(obj.services.accounts.user_by_email(email).id)
    click.echo("focus session ended")


@focus.command("list")
@click.option("--user", "email", required=True, help="Email of the sessions' owner.")
@click.pass_obj
def list_sessions(obj: CliContext, email: str) -> None:
    """List recent sessions."""
    user_id = obj.services.accounts.user_by_email(email).id
    table = Table("id", "started (UTC)", "minutes", "ended (UTC)")
    for s in obj.services.focus.sessions(user_id):
        ended = s.ended_at or s.ends_at
        table.add_row(str(s.id), s.started_at.isoformat(), str(s.minutes), ended.isoformat())
    Console().print(table)
