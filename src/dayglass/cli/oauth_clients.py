"""`dayglass oauth client`: register, list and remove the applications people may connect."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext


@click.group()
def oauth() -> None:
    """OAuth connections."""


@oauth.group()
def client() -> None:
    """Applications that may ask people for access."""


@client.command("add")
@click.option("--name", required=True, help="The application's name, shown on the consent page.")
@click.option(
    "--redirect-uri",
    "uris",
    multiple=True,
    required=True,
    help="Where people are sent back (matched exactly; repeat for several).",
)
@click.pass_obj
def add(obj: CliContext, name: str, uris: tuple[str, ...]) -> None:
    """Register an application; prints its client id and secret (shown only now)."""
    record, secret = obj.services.oauth.add_client(name, list(uris))
    click.echo(f"client_id:     {record.client_id}")
    click.echo(f"client_secret: {secret}")


@client.command("list")
@click.pass_obj
def list_clients(obj: CliContext) -> None:
    """List registered applications."""
    table = Table("client id", "name", "redirect URIs", "registered")
    for c in obj.services.oauth.clients():
        table.add_row(c.client_id, c.name, "\n".join(c.redirect_uris), c.created_at.isoformat())
    Console().print(table)


@client.command("remove")
@click.argument("client_id")
@click.pass_obj
def remove(obj: CliContext, client_id: str) -> None:
    """Unregister an application; its tokens stop working."""
    obj.services.oauth.remove_client(client_id)
    click.echo(f"removed {client_id}", err=True)
