"""`dayglass alert`: define, list, change and remove alerts; show when they fired."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext
from dayglass.core.alerts import Target, make_rule

TARGETS = click.Choice([t.value for t in Target])
COMPARISON = click.Choice(["more", "less"])
Command = TypeVar("Command", bound=Callable[..., Any])


def _rule_options(command: Command) -> Command:
    """The options that define an alert's rule."""
    options = [
        click.option("--user", "email", required=True, help="Email of the alert's owner."),
        click.option("--webhook", default=None, help="URL that receives each triggering as JSON."),
        click.option("--value", default=None, help="Overview, sub-category, activity or level."),
        click.option("--target", type=TARGETS, required=True, help="What time counts."),
        click.option("--hours", type=float, required=True, help="Threshold, hours a day."),
        click.argument("comparison", type=COMPARISON),
    ]
    for option in options:
        command = option(command)
    return command


@click.group()
def alert() -> None:
    """Manage alerts: more or less than N hours a day of some time."""


@alert.command("add")
@_rule_options
@click.pass_obj
def add(
    obj: CliContext,
    comparison: str,
    hours: float,
    target: str,
    value: str | None,
    webhook: str | None,
    email: str,
) -> None:
    """Define an alert and print its id on stdout."""
    user_id = obj.services.accounts.user_by_email(email).id
    made = obj.services.alerts.add(user_id, make_rule(comparison, hours, target, value), webhook)
    click.echo(f"created alert {made.id}: {made.rule.description()}", err=True)
    click.echo(made.id)


@alert.command("change")
@click.argument("alert_id", type=int)
@_rule_options
@click.pass_obj
def change(
    obj: CliContext,
    alert_id: int,
    comparison: str,
    hours: float,
    target: str,
    value: str | None,
    webhook: str | None,
    email: str,
) -> None:
    """Redefine an alert."""
    user_id = obj.services.accounts.user_by_email(email).id
    rule = make_rule(comparison, hours, target, value)
    changed = obj.services.alerts.change(user_id, alert_id, rule, webhook)
    click.echo(f"changed alert {changed.id}: {changed.rule.description()}", err=True)


@alert.command("list")
@click.option("--user", "email", required=True, help="Email of the alerts' owner.")
@click.pass_obj
def list_alerts(obj: CliContext, email: str) -> None:
    """List a user's alerts and their latest triggerings."""
    user_id = obj.services.accounts.user_by_email(email).id
    table = Table("id", "alert", "webhook")
    for a in obj.services.alerts.alerts(user_id):
        table.add_row(str(a.id), a.rule.description(), a.webhook_url or "")
    fired = Table("alert", "day", "message")
    for t in obj.services.alerts.triggerings(user_id)[:20]:
        fired.add_row(str(t.alert_id), t.day.isoformat(), t.message)
    Console().print(table, fired)


@alert.command("remove")
@click.argument("alert_id", type=int)
@click.option("--user", "email", required=True, help="Email of the alert's owner.")
@click.pass_obj
def remove(obj: CliContext, alert_id: int, email: str) -> None:
    """Remove an alert and its triggerings."""
    obj.services.alerts.remove(obj.services.accounts.user_by_email(email).id, alert_id)
    click.echo(f"removed alert {alert_id}", err=True)
