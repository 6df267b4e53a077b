"""Teams: organizations, roles, groups, invitations, consent and organization keys.

Every method that changes or reads an organization takes the acting user (`actor`) and checks
their role; `actor=None` is the server's administrator (the command line), who may do anything
but choose a member's consent for them after they joined.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from dayglass.core.accounts import ApiKey
from dayglass.core.clock import Clock
from dayglass.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from dayglass.core.teams import Group, Invitation, Member, Organization, OrgKey, Role, Share
from dayglass.services.accounts import AccountService, hash_key
from dayglass.services.team_ports import GroupLink, TeamStore

INVITATION_PREFIX = "dgi_"
DEFAULT_INVITATION_DAYS = 7
MAX_INVITATION_DAYS = 90


@dataclass(frozen=True, slots=True)
class Audience:
    """What a viewer may read of an organization: these members, inside these groups."""

    org: Organization
    viewer: Member
    members: list[Member]  # in the order they joined
    groups: list[Group]  # by name


def _name(raw: str, what: str) -> str:
    name = raw.strip()
    if not name or len(name) > 200:
        raise InvalidInput(f"{what}: 1 to 200 characters")
    return name


class TeamService:
    """Organizations and what their members may do and see."""

    def __init__(self, store: TeamStore, accounts: AccountService, clock: Clock) -> None:
        self._store = store
        self._accounts = accounts
        self._clock = clock

    # ---- organizations and roles ----

    def create(self, name: str, owner_id: int) -> Organization:
        """A new organization owned by owner_id, who shares only totals until they choose."""
        self._accounts.user(owner_id)
        org = self._store.add_org(_name(name, "name"), self._clock.now())
        self._store.add_member(org.id, owner_id, Role.OWNER, Share.TOTALS, True, org.created_at)
        return org

    def orgs(self, user_id: int | None = None) -> list[tuple[Organization, Role | None]]:
        """The user's organizations with their role, or every organization (user_id None)."""
        if user_id is None:
            return [(org, None) for org in self._store.orgs()]
        return list(self._store.orgs_of(user_id))

    def org(self, org_id: int) -> Organization:
        """One organization."""
        org = self._store.org(org_id)
        if org is None:
            raise NotFound(f"no organization {org_id}")
        return org

    def find(self, name_or_id: str) -> Organization:
        """An organization by id, or by name when exactly one has it (for the command line)."""
        text = name_or_id.strip()
        if text.isdigit():
            return self.org(int(text))
        named = [org for org in self._store.orgs() if org.name == text]
        if len(named) != 1:
            raise NotFound(f"no single organization named {text!r}: give its id")
        return named[0]

    def member(self, org_id: int, user_id: int) -> Member:
        """A member of an organization; NotFound for anyone else (the organization stays hidden)."""
        found = self._store.member(org_id, user_id)
        if found is None:
            raise NotFound(f"no organization {org_id}")
        return found

    def _admin(self, actor: int | None, org_id: int) -> Member | None:
        """The acting admin (None: the server's administrator); Forbidden for other roles."""
        self.org(org_id)
        if actor is None:
            return None
        me = self.member(org_id, actor)
        if not me.role.administers:
            raise Forbidden("only the organization's owners and admins may do this")
        return me

    def members(self, actor: int | None, org_id: int) -> list[Member]:
        """The members the actor may list: all for admins, their groups' for managers."""
        if actor is None:
            self.org(org_id)
            return self._store.members(org_id)
        return self.audience(actor, org_id).members

    def set_role(self, actor: int | None, org_id: int, user_id: int, role: Role) -> Member:
        """Give a member a role; only an owner names owners or changes an owner's role."""
        me = self._admin(actor, org_id)
        target = self.member(org_id, user_id)
        if me is not None and me.role is not Role.OWNER and Role.OWNER in (role, target.role):
            raise Forbidden("only an owner may make an owner or change an owner's role")
        if target.role is Role.OWNER and role is not Role.OWNER:
            self._keep_an_owner(org_id, user_id)
        self._store.set_role(org_id, user_id, role)
        return self.member(org_id, user_id)

    def _keep_an_owner(self, org_id: int, leaving: int) -> None:
        owners = [m for m in self._store.members(org_id) if m.role is Role.OWNER]
        if [m.user_id for m in owners] == [leaving]:
            raise Conflict("an organization keeps at least one owner: name another first")

    def remove(self, actor: int | None, org_id: int, user_id: int) -> None:
        """Take a member out (a member may always leave); from now on none of their time shows."""
        if actor != user_id:
            me = self._admin(actor, org_id)
            target = self.member(org_id, user_id)
            if me is not None and me.role is not Role.OWNER and target.role is Role.OWNER:
                raise Forbidden("only an owner may remove an owner")
        else:
            self.member(org_id, user_id)
        self._keep_an_owner(org_id, user_id)
        self._store.remove_member(org_id, user_id)

    def set_consent(
        self, actor: int | None, org_id: int, user_id: int, share: Share, by_name: bool
    ) -> Member:
        """Change what a member shares; only the member (or the server's administrator)."""
        if actor is not None and actor != user_id:
            raise Forbidden("only the member chooses what they share")
        self.member(org_id, user_id)
        self._store.set_consent(org_id, user_id, share, by_name)
        return self.member(org_id, user_id)

    # ---- invitations ----

    def invite(
        self,
        actor: int | None,
        org_id: int,
        role: Role = Role.MEMBER,
        days: int = DEFAULT_INVITATION_DAYS,
    ) -> tuple[Invitation, str]:
        """A new invitation and its code (shown only now); anyone may join with it until then."""
        me = self._admin(actor, org_id)
        if me is not None and me.role is not Role.OWNER and role is Role.OWNER:
            raise Forbidden("only an owner may invite owners")
        if not 1 <= days <= MAX_INVITATION_DAYS:
            raise InvalidInput(f"days: 1 to {MAX_INVITATION_DAYS}")
        code = INVITATION_PREFIX + secrets.token_urlsafe(18)
        now = self._clock.now()
        invitation = self._store.add_invitation(
            org_id, role, code[:10], hash_key(code), actor, now, now + timedelta(days=days)
        )
        return invitation, code

    def invitations(self, actor: int | None, org_id: int) -> list[Invitation]:
        """An organization's invitations, newest first."""
        self._admin(actor, org_id)
        return self._store.invitations(org_id)

    def revoke_invitation(self, actor: int | None, org_id: int, invitation_id: int) -> None:
        """Revoke an invitation: its code is refused from now on."""
        self._admin(actor, org_id)
        if not self._store.revoke_invitation(org_id, invitation_id, self._clock.now()):
            raise NotFound(f"no open invitation {invitation_id}")

    def invitation(self, code: str) -> tuple[Invitation, Organization]:
        """An open invitation by its code and the organization it is to; NotFound otherwise."""
        found = self._store.invitation_by_hash(hash_key(code.strip()))
        if found is None:
            raise NotFound("no invitation with this code")
        if found.revoked_at is not None:
            raise NotFound("this invitation was revoked")
        if not found.open_at(self._clock.now()):
            raise NotFound("this invitation has expired")
        return found, self.org(found.org_id)

    def join(
        self, user_id: int, code: str, share: Share = Share.TOTALS, by_name: bool = True
    ) -> Member:
        """Join with an invitation's code, sharing what the person chooses."""
        found, _ = self.invitation(code)
        self._accounts.user(user_id)
        if not self._store.add_member(
            found.org_id, user_id, found.role, share, by_name, self._clock.now()
        ):
            raise Conflict("you are already a member of this organization")
        return self.member(found.org_id, user_id)

    # ---- groups ----

    def groups(self, actor: int | None, org_id: int) -> list[Group]:
        """The groups the actor may see: all (admins), managed (managers), their own (members)."""
        self.org(org_id)
        every = self._store.groups(org_id)
        if actor is None:
            return every
        me = self.member(org_id, actor)
        if me.role.administers:
            return every
        return [g for g in every if actor in g.managers or actor in g.members]

    def group(self, actor: int | None, org_id: int, name_or_id: str | int) -> Group:
        """One group the actor may see, by id or name."""
        for group in self.groups(actor, org_id):
            if group.id == name_or_id or group.name == name_or_id:
                return group
        raise NotFound(f"no group {name_or_id!r} in this organization")

    def add_group(self, actor: int | None, org_id: int, name: str) -> Group:
        """A new group; its name is unique in the organization."""
        self._admin(actor, org_id)
        group_id = self._store.add_group(org_id, _name(name, "name"), self._clock.now())
        return self.group(None, org_id, group_id)

    def remove_group(self, actor: int | None, org_id: int, group_id: int) -> None:
        """Delete a group (its members stay in the organization)."""
        self._admin(actor, org_id)
        if not self._store.remove_group(org_id, group_id):
            raise NotFound(f"no group {group_id} in this organization")

    def link(
        self,
        actor: int | None,
        org_id: int,
        group_id: int,
        user_id: int,
        kind: GroupLink,
        present: bool,
    ) -> Group:
        """Put a member in or out of a group, or make them (or not) one of its managers."""
        self._admin(actor, org_id)
        group = self.group(None, org_id, group_id)
        person = self.member(org_id, user_id)
        if kind == "managers" and present and not person.role.reads_reports:
            raise InvalidInput("a group's manager needs the manager role (or admin, owner)")
        self._store.link(group.id, user_id, kind, present)
        return self.group(None, org_id, group_id)

    # ---- reading the team ----

    def audience(self, viewer: int, org_id: int) -> Audience:
        """Whom the viewer may read reports of: every member for admins, managed groups' for
        managers; Forbidden for members, NotFound for anyone outside the organization."""
        org = self.org(org_id)
        me = self.member(org_id, viewer)
        if not me.role.reads_reports:
            raise Forbidden("only managers, admins and owners read the organization's reports")
        every = self._store.groups(org_id)
        members = self._store.members(org_id)
        if me.role.administers:
            return Audience(org, me, members, every)
        managed = [g for g in every if viewer in g.managers]
        seen = set().union(*(g.members for g in managed))
        return Audience(org, me, [m for m in members if m.user_id in seen], managed)

    def create_key(self, user_id: int, org_id: int, label: str = "") -> tuple[ApiKey, str]:
        """An API key that reads the organization as user_id may (manager, admin or owner)."""
        self.audience(user_id, org_id)
        record, secret = self._accounts.create_key(user_id, label or "organization key")
        self._store.add_org_key(hash_key(secret), org_id)
        return record, secret

    def key_scope(self, key: str) -> OrgKey | None:
        """The organization a presented API key was made for (None: a personal key)."""
        return self._store.org_key(hash_key(key.strip()))
