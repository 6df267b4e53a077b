"""`dayglass project`: add, list and remove projects, their rules and hand assignments."""

from __future__ import annotations

from datetime import datetime

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext
from dayglass.core.errors import InvalidInput
from dayglass.core.projects import RuleKind
from dayglass.core.schedules import format_clock

_KINDS = click.Choice([k.value for k in RuleKind])


@click.group()
def project() -> None:
    """Manage projects: named, ordered rules over what is recorded (restrict_project)."""


@project.command("add")
@click.argument("name")
@click.option("--user", "email", required=True, help="Email of the project's owner.")
@click.pass_obj
def add(obj: CliContext, name: str, email: str) -> None:
    """Add a project after the others and print its id on stdout."""
    user_id = obj.services.accounts.user_by_email(email).id
    made = obj.services.projects.add(user_id, name)
    click.echo(f"created project {made.id} ({made.name})", err=True)
    click.echo(made.id)


@project.command("list")
@click.option("--user", "email", required=True, help="Email of the projects' owner.")
@click.pass_obj
def list_projects(obj: CliContext, email: str) -> None:
    """List a user's projects in their order, with rules and hand assignments."""
    user_id = obj.services.accounts.user_by_email(email).id
    book = obj.services.projects.book(user_id)
    table = Table("#", "id", "name", "rules", "assigned")
    for place, p in enumerate(book.projects, start=1):
        rules = "; ".join(f"[{r.id}] {r.kind.value} {r.value}" for r in p.rules)
        hands = "; ".join(
            f"[{a.id}] {a.day} {format_clock(a.start_minute)}-{format_clock(a.end_minute)}"
            for a in book.assignments
            if a.project_id == p.id
        )
        table.add_row(str(place), str(p.id), p.name, rules, hands)
    Console().print(table)


@project.command("remove")
@click.argument("name")
@click.option("--user", "email", required=True, help="Email of the project's owner.")
@click.pass_obj
def remove(obj: CliContext, name: str, email: str) -> None:
    """Remove a project with its rules and assignments."""
    user_id = obj.services.accounts.user_by_email(email).id
    obj.services.projects.remove(user_id, obj.services.projects.named(user_id, name).id)
    click.echo(f"removed project {name}", err=True)


@project.command("move")
@click.argument("name")
@click.argument("position", type=int)
@click.option("--user", "email", required=True, help="Email of the project's owner.")
@click.pass_obj
def move(obj: CliContext, name: str, position: int, email: str) -> None:
    """Move a project to a 1-based position in the order (the first match claims time)."""
    user_id = obj.services.accounts.user_by_email(email).id
    obj.services.projects.move(user_id, obj.services.projects.named(user_id, name).id, position)


@project.group("rule")
def rule() -> None:
    """A project's rules."""


@rule.command("add")
@click.argument("name")
@click.argument("kind", type=_KINDS)
@click.argument("value")
@click.option("--user", "email", required=True, help="Email of the project's owner.")
@click.pass_obj
def add_rule(obj: CliContext, name: str, kind: str, value: str, email: str) -> None:
    """Add a rule (KIND VALUE, e.g. keyword 'Client XYZ', device 'Work Laptop'); print its id."""
    user_id = obj.services.accounts.user_by_email(email).id
    found = obj.services.projects.named(user_id, name)
    made = obj.services.projects.add_rule(user_id, found.id, kind, value)
    click.echo(f"added rule {made.id} to {found.name}", err=True)
    click.echo(made.id)


@rule.command("remove")
@click.argument("name")
@click.argument("rule_id", type=int)
@click.option("--user", "email", required=True, help="Email of the project's owner.")
@click.pass_obj
def remove_rule(obj: CliContext, name: str, rule_id: int, email: str) -> None:
    """Remove a rule of a project (its id as `project list` shows it)."""
    user_id = obj.services.accounts.user_by_email(email).id
    found = obj.services.projects.named(user_id, name)
    obj.services.projects.remove_rule(user_id, found.id, rule_id)
    click.echo(f"removed rule {rule_id} of {found.name}", err=True)


@project.command("assign")
@click.argument("name")
@click.argument("day", type=click.DateTime(["%Y-%m-%d"]))
@click.argument("span")
@click.option("--user", "email", required=True, help="Email of the project's owner.")
@click.pass_obj
def assign(obj: CliContext, name: str, day: datetime, span: str, email: str) -> None:
    """Give local time of a day (SPAN: HH:MM-HH:MM) to a project; it wins over rules."""
    start, dash, end = span.partition("-")
    if not dash:
        raise InvalidInput(f"span {span!r}: expected HH:MM-HH:MM, e.g. 09:00-12:30")
    user_id = obj.services.accounts.user_by_email(email).id
    found = obj.services.projects.named(user_id, name)
    made = obj.services.projects.assign(user_id, found.id, day.date(), start, end)
    click.echo(f"assigned {made.day} {span} to {found.name}", err=True)
    click.echo(made.id)
