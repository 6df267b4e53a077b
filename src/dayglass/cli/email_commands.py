"""`dayglass email test`: send a user's weekly report now, to check the SMTP settings."""

from __future__ import annotations

import click

from dayglass.cli.context import CliContext
from dayglass.services.weekly_email_ports import MailNotSent, MailOutcomeUnknown


@click.group()
def email() -> None:
    """The weekly report by email."""


@email.command("test")
@click.option("--user", "address", required=True, help="Email of the user to send it to.")
@click.pass_obj
def send_test(obj: CliContext, address: str) -> None:
    """Send the user's report of the last seven days now (their weekly email is not used up)."""
    user_id = obj.services.accounts.user_by_email(address).id
    try:
        period = obj.services.weekly_email.send_now(user_id)
    except (MailNotSent, MailOutcomeUnknown) as error:
        raise click.ClickException(f"the email was not sent: {error}") from None
    click.echo(f"sent the report of {period.first} to {period.last} to {address}", err=True)
