"""`dayglass schedule`: add, list and remove a user's schedules (weekly windows)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext
from dayglass.core.errors import InvalidInput
from dayglass.core.schedules import Window, describe_days, format_clock, grouped, windows_of


@click.group()
def schedule() -> None:
    """Manage schedules: named weekly windows of local time (restrict_schedule_id)."""


def _window_option(spec: str) -> list[Window]:
    """`mon-fri 09:00-17:30` as windows."""
    days, _, times = spec.strip().partition(" ")
    start, dash, end = times.strip().partition("-")
    if not dash:
        raise InvalidInput(f"window {spec!r}: expected DAYS HH:MM-HH:MM, e.g. mon-fri 09:00-17:30")
    return windows_of(days, start, end)


@schedule.command("add")
@click.argument("name")
@click.option("--user", "email", required=True, help="Email of the schedule's owner.")
@click.option(
    "--window",
    "specs",
    multiple=True,
    required=True,
    help="DAYS HH:MM-HH:MM, e.g. 'mon-fri 09:00-17:30' (repeatable).",
)
@click.pass_obj
def add(obj: CliContext, name: str, email: str, specs: tuple[str, ...]) -> None:
    """Add a schedule and print its id (what restrict_schedule_id takes) on stdout."""
    user_id = obj.services.accounts.user_by_email(email).id
    windows = [w for spec in specs for w in _window_option(spec)]
    made = obj.services.schedules.add(user_id, name, windows)
    click.echo(f"created schedule {made.id} ({made.name})", err=True)
    click.echo(made.id)


@schedule.command("list")
@click.option("--user", "email", required=True, help="Email of the schedules' owner.")
@click.pass_obj
def list_schedules(obj: CliContext, email: str) -> None:
    """List a user's schedules."""
    user_id = obj.services.accounts.user_by_email(email).id
    table = Table("id", "name", "windows")
    for s in obj.services.schedules.schedules(user_id):
        spans = [
            f"{describe_days(days)} {format_clock(start)}-{format_clock(end)}"
            for days, start, end in grouped(s.windows)
        ]
        table.add_row(str(s.id), s.name, "; ".join(spans))
    Console().print(table)


@schedule.command("remove")
@click.argument("schedule_id", type=int)
@click.option("--user", "email", required=True, help="Email of the schedule's owner.")
@click.pass_obj
def remove(obj: CliContext, schedule_id: int, email: str) -> None:
    """Remove a schedule."""
    user_id = obj.services.accounts.user_by_email(email).id
    obj.services.schedules.remove(user_id, schedule_id)
    click.echo(f"removed schedule {schedule_id}", err=True)
