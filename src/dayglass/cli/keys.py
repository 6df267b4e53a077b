"""`dayglass key`: create, list and revoke API keys."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext


@click.group()
def key() -> None:
    """Manage API keys."""


@key.command("create")
@click.option("--user", "email", required=True, help="Email of the key's owner.")
@click.option("--label", default="", help="What the key is for.")
@click.pass_obj
def create(obj: CliContext, email: str, label: str) -> None:
    """Create a key and print it alone on stdout (it is shown only once)."""
    accounts = obj.services.accounts
    record, secret = accounts.create_key(accounts.user_by_email(email).id, label)
    click.echo(f"created key {record.id} ({record.label})", err=True)
    click.echo(secret)


@key.command("list")
@click.option("--user", "email", required=True, help="Email of the keys' owner.")
@click.pass_obj
def list_keys(obj: CliContext, email: str) -> None:
    """List a user's keys."""
    accounts = obj.services.accounts
    table = Table("id", "label", "prefix", "created", "last used", "state")
    for k in accounts.keys(accounts.user_by_email(email).id):
        used = k.last_used_at.isoformat() if k.last_used_at else "never"
        state = "active" if k.active else f"revoked {k.revoked_at:%Y-%m-%d}"
        table.add_row(str(k.id), k.label, k.prefix + "…", k.created_at.isoformat(), used, state)
    Console().print(table)


@key.command("revoke")
@click.argument("key_id", type=int)
@click.pass_obj
def revoke(obj: CliContext, key_id: int) -> None:
    """Revoke a key."""
    obj.services.accounts.revoke_key(key_id)
    click.echo(f"revoked key {key_id}", err=True)
