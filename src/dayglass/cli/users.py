"""`dayglass user`: add and list users."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext


@click.group()
def user() -> None:
    """Manage users."""


@user.command("add")
@click.argument("email")
@click.option("--name", help="Display name.")
@click.option("--timezone", default="UTC", show_default=True, help="IANA time zone.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_obj
def add(obj: CliContext, email: str, name: str | None, timezone: str, password_stdin: bool) -> None:
    """Create a user."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    created = obj.services.accounts.add_user(email, password, name, timezone)
    click.echo(f"created user {created.id} <{created.email}>", err=True)


@user.command("list")
@click.pass_obj
def list_users(obj: CliContext) -> None:
    """List users."""
    table = Table("id", "email", "name", "time zone", "created")
    for u in obj.services.accounts.users():
        table.add_row(str(u.id), u.email, u.display_name, u.timezone, u.created_at.isoformat())
    Console().print(table)
