"""`dayglass org` and `dayglass group`: organizations, members, invitations, groups.

The command line acts as the server's administrator: it may do anything an owner may. An
organization is named by its id or its name (when no other organization has that name).
"""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from dayglass.cli.context import CliContext
from dayglass.core.teams import SHARE_NAMES, Role, Share
from dayglass.services.team_ports import GroupLink
from dayglass.services.teams import DEFAULT_INVITATION_DAYS

_ROLES = click.Choice([r.value for r in Role])
_SHARES = click.Choice(SHARE_NAMES)


def _org_id(obj: CliContext, org: str) -> int:
    return obj.services.teams.find(org).id


def _user_id(obj: CliContext, email: str) -> int:
    return obj.services.accounts.user_by_email(email).id


@click.group()
def org() -> None:
    """Manage organizations (teams): members, roles, invitations, keys."""


@org.command("create")
@click.argument("name")
@click.option("--owner", "email", required=True, help="Email of the organization's owner.")
@click.pass_obj
def create(obj: CliContext, name: str, email: str) -> None:
    """Make an organization and print its id on stdout."""
    made = obj.services.teams.create(name, _user_id(obj, email))
    click.echo(f"created organization {made.id} ({made.name})", err=True)
    click.echo(made.id)


@org.command("list")
@click.option("--user", "email", help="Only this user's organizations, with their role.")
@click.pass_obj
def list_orgs(obj: CliContext, email: str | None) -> None:
    """List organizations."""
    user_id = None if email is None else _user_id(obj, email)
    table = Table("id", "name", "created", "role")
    for found, role in obj.services.teams.orgs(user_id):
        role_name = "" if role is None else role.value
        table.add_row(str(found.id), found.name, found.created_at.isoformat(), role_name)
    Console().print(table)


@org.command("invite")
@click.argument("org_name")
@click.option("--role", type=_ROLES, default=Role.MEMBER.value, show_default=True)
@click.option("--days", type=int, default=DEFAULT_INVITATION_DAYS, show_default=True)
@click.pass_obj
def invite(obj: CliContext, org_name: str, role: str, days: int) -> None:
    """Make an invitation and print its code alone on stdout (shown only once)."""
    made, code = obj.services.teams.invite(None, _org_id(obj, org_name), Role(role), days)
    click.echo(f"invitation {made.id} as {made.role.value} until {made.expires_at}", err=True)
    click.echo(code)


@org.command("revoke-invitation")
@click.argument("org_name")
@click.argument("invitation_id", type=int)
@click.pass_obj
def revoke_invitation(obj: CliContext, org_name: str, invitation_id: int) -> None:
    """Revoke an invitation."""
    obj.services.teams.revoke_invitation(None, _org_id(obj, org_name), invitation_id)
    click.echo(f"revoked invitation {invitation_id}", err=True)


@org.command("join")
@click.argument("code")
@click.option("--user", "email", required=True, help="Email of the person joining.")
@click.option("--share", type=_SHARES, default="totals", show_default=True)
@click.option("--aggregate-only", is_flag=True, help="Appear only inside group totals.")
@click.pass_obj
def join(obj: CliContext, code: str, email: str, share: str, aggregate_only: bool) -> None:
    """Join an organization with an invitation's code, choosing what to share."""
    member = obj.services.teams.join(
        _user_id(obj, email), code, Share.named(share), not aggregate_only
    )
    click.echo(f"joined organization {member.org_id} as {member.role.value}", err=True)


@org.command("key")
@click.argument("org_name")
@click.option("--user", "email", required=True, help="A manager, admin or owner.")
@click.option("--label", default="", help="What the key is for.")
@click.pass_obj
def org_key(obj: CliContext, org_name: str, email: str, label: str) -> None:
    """Make an organization key and print it alone on stdout (shown only once)."""
    record, secret = obj.services.teams.create_key(
        _user_id(obj, email), _org_id(obj, org_name), label
    )
    click.echo(f"created organization key {record.id} ({record.label})", err=True)
    click.echo(secret)


@org.group("member")
def member() -> None:
    """An organization's members."""


@member.command("list")
@click.argument("org_name")
@click.pass_obj
def list_members(obj: CliContext, org_name: str) -> None:
    """List members with their role and consent."""
    table = Table("user", "name", "email", "role", "shares", "by name", "joined")
    for m in obj.services.teams.members(None, _org_id(obj, org_name)):
        by_name = "yes" if m.by_name else "groups only"
        table.add_row(
            str(m.user_id),
            m.display_name,
            m.email,
            m.role.value,
            m.share.label,
            by_name,
            m.joined_at.isoformat(),
        )
    Console().print(table)


@member.command("role")
@click.argument("org_name")
@click.argument("email")
@click.argument("role", type=_ROLES)
@click.pass_obj
def set_role(obj: CliContext, org_name: str, email: str, role: str) -> None:
    """Give a member a role."""
    obj.services.teams.set_role(None, _org_id(obj, org_name), _user_id(obj, email), Role(role))
    click.echo(f"{email} is now {role}", err=True)


@member.command("remove")
@click.argument("org_name")
@click.argument("email")
@click.pass_obj
def remove_member(obj: CliContext, org_name: str, email: str) -> None:
    """Take a member out of the organization."""
    obj.services.teams.remove(None, _org_id(obj, org_name), _user_id(obj, email))
    click.echo(f"removed {email}", err=True)


@click.group()
def group() -> None:
    """Manage the groups of an organization."""


@group.command("add")
@click.argument("org_name")
@click.argument("name")
@click.pass_obj
def add_group(obj: CliContext, org_name: str, name: str) -> None:
    """Make a group and print its id on stdout."""
    made = obj.services.teams.add_group(None, _org_id(obj, org_name), name)
    click.echo(f"created group {made.id} ({made.name})", err=True)
    click.echo(made.id)


@group.command("list")
@click.argument("org_name")
@click.pass_obj
def list_groups(obj: CliContext, org_name: str) -> None:
    """List groups with their members and managers."""
    org_id = _org_id(obj, org_name)
    names = {m.user_id: m.email for m in obj.services.teams.members(None, org_id)}
    table = Table("id", "name", "members", "managers")
    for g in obj.services.teams.groups(None, org_id):
        members = ", ".join(sorted(names[u] for u in g.members))
        managers = ", ".join(sorted(names[u] for u in g.managers))
        table.add_row(str(g.id), g.name, members, managers)
    Console().print(table)


def _link(obj: CliContext, org_name: str, name: str, email: str, kind: str, on: bool) -> None:
    teams = obj.services.teams
    org_id = _org_id(obj, org_name)
    found = teams.group(None, org_id, name)
    link: GroupLink = "members" if kind == "members" else "managers"
    teams.link(None, org_id, found.id, _user_id(obj, email), link, on)
    click.echo(f"{email} {'added to' if on else 'removed from'} {name}'s {kind}", err=True)


def _link_commands(kind: str) -> click.Group:
    """`add` and `remove` of a group's members or managers."""
    commands = click.Group(kind.rstrip("s"), help=f"A group's {kind}.")

    @commands.command("add")
    @click.argument("org_name")
    @click.argument("group_name")
    @click.argument("email")
    @click.pass_obj
    def add(obj: CliContext, org_name: str, group_name: str, email: str) -> None:
        """Add a person (already a member of the organization)."""
        _link(obj, org_name, group_name, email, kind, True)

    @commands.command("remove")
    @click.argument("org_name")
    @click.argument("group_name")
    @click.argument("email")
    @click.pass_obj
    def remove(obj: CliContext, org_name: str, group_name: str, email: str) -> None:
        """Remove a person."""
        _link(obj, org_name, group_name, email, kind, False)

    return commands


group.add_command(_link_commands("members"))
group.add_command(_link_commands("managers"))
