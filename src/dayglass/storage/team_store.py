"""Organizations, their members, groups, invitations and organization keys in SQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dayglass.core.errors import Conflict
from dayglass.core.teams import Group, Invitation, Member, Organization, OrgKey, Role, Share
from dayglass.storage.engine import writer
from dayglass.storage.inserted import inserted_id
from dayglass.storage.tables import (
    api_keys,
    group_managers,
    group_members,
    org_groups,
    org_invitations,
    org_members,
    organizations,
    users,
)

if TYPE_CHECKING:
    from dayglass.services.team_ports import GroupLink, TeamStore

_ORG = (organizations.c.id, organizations.c.name, organizations.c.created_at)
_MEMBER = (
    org_members.c.org_id,
    org_members.c.user_id,
    users.c.display_name,
    users.c.email,
    org_members.c.role,
    org_members.c.share,
    org_members.c.by_name,
    org_members.c.joined_at,
)
_INVITATION = (
    org_invitations.c.id,
    org_invitations.c.org_id,
    org_invitations.c.role,
    org_invitations.c.prefix,
    org_invitations.c.created_at,
    org_invitations.c.expires_at,
    org_invitations.c.revoked_at,
)
_LINKS = {"members": group_members, "managers": group_managers}


def _member(row: Any) -> Member:
    org_id, user_id, name, email, role, share, by_name, joined_at = row
    return Member(org_id, user_id, name, email, Role(role), Share(share), bool(by_name), joined_at)


def _invitation(row: Any) -> Invitation:
    return Invitation(row[0], row[1], Role(row[2]), *row[3:])


class SqlTeamStore:
    """Organizations and everything inside them."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def add_org(self, name: str, now: datetime) -> Organization:
        """Insert an organization."""
        with self._writer.begin() as conn:
            org_id = inserted_id(
                conn.execute(insert(organizations).values(name=name, created_at=now))
            )
        return Organization(org_id, name, now)

    def org(self, org_id: int) -> Organization | None:
        """An organization by id."""
        with self._engine.connect() as conn:
            row = conn.execute(select(*_ORG).where(organizations.c.id == org_id)).first()
        return Organization(*row) if row else None

    def orgs(self) -> list[Organization]:
        """Every organization by id."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(*_ORG).order_by(organizations.c.id)).all()
        return [Organization(*r) for r in rows]

    def orgs_of(self, user_id: int) -> list[tuple[Organization, Role]]:
        """The organizations a user belongs to, with their role in each."""
        query = (
            select(*_ORG, org_members.c.role)
            .join(org_members, org_members.c.org_id == organizations.c.id)
            .where(org_members.c.user_id == user_id)
            .order_by(organizations.c.id)
        )
        with self._engine.connect() as conn:
            return [(Organization(*r[:3]), Role(r[3])) for r in conn.execute(query)]

    def _members(self, *conditions: Any) -> list[Member]:
        query = (
            select(*_MEMBER)
            .join(users, users.c.id == org_members.c.user_id)
            .where(*conditions)
            .order_by(org_members.c.joined_at, org_members.c.user_id)
        )
        with self._engine.connect() as conn:
            return [_member(r) for r in conn.execute(query)]

    def member(self, org_id: int, user_id: int) -> Member | None:
        """One member of an organization."""
        found = self._members(org_members.c.org_id == org_id, org_members.c.user_id == user_id)
        return found[0] if found else None

    def members(self, org_id: int) -> list[Member]:
        """An organization's members in the order they joined."""
        return self._members(org_members.c.org_id == org_id)

    def add_member(
        self, org_id: int, user_id: int, role: Role, share: Share, by_name: bool, now: datetime
    ) -> bool:
        """Insert a member; False when they already are one."""
        values = {
            "org_id": org_id,
            "user_id": user_id,
            "role": role.value,
            "share": int(share),
            "by_name": by_name,
            "joined_at": now,
        }
        try:
            with self._writer.begin() as conn:
                conn.execute(insert(org_members).values(values))
        except IntegrityError:
            return False
        return True

    def _update_member(self, org_id: int, user_id: int, **values: object) -> None:
        c = org_members.c
        with self._writer.begin() as conn:
            conn.execute(
                update(org_members).where(c.org_id == org_id, c.user_id == user_id).values(values)
            )

    def set_role(self, org_id: int, user_id: int, role: Role) -> None:
        """Change a member's role."""
        self._update_member(org_id, user_id, role=role.value)

    def set_consent(self, org_id: int, user_id: int, share: Share, by_name: bool) -> None:
        """Change what a member shares."""
        self._update_member(org_id, user_id, share=int(share), by_name=by_name)

    def remove_member(self, org_id: int, user_id: int) -> bool:
        """Remove a member from the organization and its groups; whether they were one."""
        in_org = select(org_groups.c.id).where(org_groups.c.org_id == org_id)
        with self._writer.begin() as conn:
            for table in _LINKS.values():
                conn.execute(
                    delete(table).where(table.c.user_id == user_id, table.c.group_id.in_(in_org))
                )
            c = org_members.c
            removed = conn.execute(
                delete(org_members).where(c.org_id == org_id, c.user_id == user_id)
            ).rowcount
        return bool(removed)

    def groups(self, org_id: int) -> list[Group]:
        """An organization's groups by name, with their members and managers."""
        in_org = select(org_groups.c.id).where(org_groups.c.org_id == org_id)
        linked: dict[str, dict[int, set[int]]] = {}
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(org_groups.c.id, org_groups.c.name)
                .where(org_groups.c.org_id == org_id)
                .order_by(org_groups.c.name, org_groups.c.id)
            ).all()
            for kind, table in _LINKS.items():
                linked[kind] = defaultdict(set)
                query = select(table.c.group_id, table.c.user_id).where(
                    table.c.group_id.in_(in_org)
                )
                for group_id, user_id in conn.execute(query):
                    linked[kind][group_id].add(user_id)
        return [
            Group(
                group_id,
                org_id,
                name,
                frozenset(linked["members"][group_id]),
                frozenset(linked["managers"][group_id]),
            )
            for group_id, name in rows
        ]

    def add_group(self, org_id: int, name: str, now: datetime) -> int:
        """Insert a group; Conflict when the organization has one of that name."""
        try:
            with self._writer.begin() as conn:
                values = {"org_id": org_id, "name": name, "created_at": now}
                return inserted_id(conn.execute(insert(org_groups).values(values)))
        except IntegrityError:
            raise Conflict(f"a group named {name!r} exists in this organization") from None

    def remove_group(self, org_id: int, group_id: int) -> bool:
        """Delete a group with its links; whether it was there."""
        c = org_groups.c
        with self._writer.begin() as conn:
            for table in _LINKS.values():
                conn.execute(delete(table).where(table.c.group_id == group_id))
            removed = conn.execute(
                delete(org_groups).where(c.org_id == org_id, c.id == group_id)
            ).rowcount
        return bool(removed)

    def link(self, group_id: int, user_id: int, kind: GroupLink, present: bool) -> None:
        """Put a user in (or take them out of) a group's members or managers."""
        table = _LINKS[kind]
        where = (table.c.group_id == group_id, table.c.user_id == user_id)
        with self._writer.begin() as conn:
            there = conn.execute(select(table.c.user_id).where(*where)).first() is not None
            if present and not there:
                conn.execute(insert(table).values(group_id=group_id, user_id=user_id))
            elif not present and there:
                conn.execute(delete(table).where(*where))

    def add_invitation(
        self,
        org_id: int,
        role: Role,
        prefix: str,
        code_hash: str,
        created_by: int | None,
        now: datetime,
        expires_at: datetime,
    ) -> Invitation:
        """Insert an invitation by the hash of its code."""
        values = {
            "org_id": org_id,
            "code_hash": code_hash,
            "prefix": prefix,
            "role": role.value,
            "created_by": created_by,
            "created_at": now,
            "expires_at": expires_at,
        }
        with self._writer.begin() as conn:
            invitation_id = inserted_id(conn.execute(insert(org_invitations).values(values)))
        return Invitation(invitation_id, org_id, role, prefix, now, expires_at, None)

    def invitation_by_hash(self, code_hash: str) -> Invitation | None:
        """The invitation whose code has this hash."""
        query = select(*_INVITATION).where(org_invitations.c.code_hash == code_hash)
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        return _invitation(row) if row else None

    def invitations(self, org_id: int) -> list[Invitation]:
        """An organization's invitations, newest first."""
        c = org_invitations.c
        query = select(*_INVITATION).where(c.org_id == org_id).order_by(c.id.desc())
        with self._engine.connect() as conn:
            return [_invitation(r) for r in conn.execute(query)]

    def revoke_invitation(self, org_id: int, invitation_id: int, now: datetime) -> bool:
        """Mark an invitation revoked (once); whether it was open."""
        c = org_invitations.c
        with self._writer.begin() as conn:
            done = conn.execute(
                update(org_invitations)
                .where(c.org_id == org_id, c.id == invitation_id, c.revoked_at.is_(None))
                .values(revoked_at=now)
            ).rowcount
        return bool(done)

    def add_org_key(self, key_hash: str, org_id: int) -> None:
        """Record that an API key was made for an organization (by the hash keys live by)."""
        c = api_keys.c
        with self._writer.begin() as conn:
            conn.execute(update(api_keys).where(c.key_hash == key_hash).values(org_id=org_id))

    def org_key(self, key_hash: str) -> OrgKey | None:
        """The organization an API key was made for (None: a personal key)."""
        c = api_keys.c
        query = select(c.id, c.user_id, c.org_id).where(c.key_hash == key_hash)
        with self._engine.connect() as conn:
            row = conn.execute(query.where(c.org_id.is_not(None))).first()
        return OrgKey(*row) if row else None


if TYPE_CHECKING:

    def _implements_team_store(store: SqlTeamStore) -> TeamStore:
        return store
