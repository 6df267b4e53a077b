"""Organizations through the native API: members and roles, groups, invitations, consent, keys.

The key's user acts; their role in the organization decides what they may do (403 otherwise),
and an organization they do not belong to answers 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from dayglass.core.teams import Group, Invitation, Member, Organization, Role, Share
from dayglass.http.api_v1.ids import RowId
from dayglass.http.api_v1.keys import key_json
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.teams import DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS

router = APIRouter(route_class=OneHopRoute, tags=["organizations"])
ShareName = Literal["totals", "categories", "activities", "documents"]
Link = Literal["members", "managers"]


class NewOrg(BaseModel):
    """An organization's name; its maker becomes its owner."""

    name: Annotated[str, Field(max_length=200)]


class Consent(BaseModel):
    """What a member lets the organization see, and whether by name."""

    share: ShareName = "totals"
    by_name: bool = True


class Joining(Consent):
    """An invitation's code and the joiner's consent."""

    code: Annotated[str, Field(max_length=100)]


class RoleChange(BaseModel):
    """A member's new role."""

    role: Role


class NewInvitation(BaseModel):
    """The role an invitation gives and for how many days it can be used."""

    role: Role = Role.MEMBER
    days: Annotated[int, Field(ge=1, le=MAX_INVITATION_DAYS)] = DEFAULT_INVITATION_DAYS


class NewGroup(BaseModel):
    """A group's name, unique in its organization."""

    name: Annotated[str, Field(max_length=200)]


class NewOrgKey(BaseModel):
    """A label for an organization key."""

    label: Annotated[str, Field(max_length=200)] = ""


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def org_json(org: Organization, role: Role | None) -> dict[str, object]:
    """An organization, with the caller's role in it."""
    return {
        "id": org.id,
        "name": org.name,
        "created_at": _stamp(org.created_at),
        "role": None if role is None else role.value,
    }


def member_json(member: Member) -> dict[str, object]:
    """A member with their role and consent."""
    return {
        "user_id": member.user_id,
        "display_name": member.display_name,
        "email": member.email,
        "role": member.role.value,
        "share": member.share.label,
        "by_name": member.by_name,
        "joined_at": _stamp(member.joined_at),
    }


def group_json(group: Group) -> dict[str, object]:
    """A group with its members' and managers' user ids."""
    return {
        "id": group.id,
        "name": group.name,
        "members": sorted(group.members),
        "managers": sorted(group.managers),
    }


def invitation_json(invitation: Invitation) -> dict[str, object]:
    """An invitation as listed: never its code, only its first characters."""
    return {
        "id": invitation.id,
        "role": invitation.role.value,
        "prefix": invitation.prefix,
        "created_at": _stamp(invitation.created_at),
        "expires_at": _stamp(invitation.expires_at),
        "revoked_at": _stamp(invitation.revoked_at),
    }


@router.get("/orgs")
def list_orgs(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """The organizations the key's user belongs to, with their role."""
    return [org_json(org, role) for org, role in services.teams.orgs(key.user_id)]


@router.post("/orgs", status_code=201)
def create_org(services: ServicesDep, key: Key, new: NewOrg) -> dict[str, object]:
    """Make an organization owned by the key's user."""
    return org_json(services.teams.create(new.name, key.user_id), Role.OWNER)


@router.post("/orgs/join", status_code=201)
def join_org(services: ServicesDep, key: Key, joining: Joining) -> dict[str, object]:
    """Join an organization with an invitation's code, choosing what to share."""
    share = Share.named(joining.share)
    return member_json(services.teams.join(key.user_id, joining.code, share, joining.by_name))


@router.get("/orgs/{org_id}")
def get_org(services: ServicesDep, key: Key, org_id: RowId) -> dict[str, object]:
    """One organization the key's user belongs to."""
    me = services.teams.member(org_id, key.user_id)
    return org_json(services.teams.org(org_id), me.role)


@router.get("/orgs/{org_id}/members")
def list_members(services: ServicesDep, key: Key, org_id: RowId) -> list[dict[str, object]]:
    """Members the caller may see: all (admins), their groups' (managers)."""
    return [member_json(m) for m in services.teams.members(key.user_id, org_id)]


@router.patch("/orgs/{org_id}/members/{user_id}")
def change_role(
    services: ServicesDep, key: Key, org_id: RowId, user_id: RowId, change: RoleChange
) -> dict[str, object]:
    """Give a member a role (owners and admins)."""
    return member_json(services.teams.set_role(key.user_id, org_id, user_id, change.role))


@router.delete("/orgs/{org_id}/members/{user_id}", status_code=204)
def remove_member(services: ServicesDep, key: Key, org_id: RowId, user_id: RowId) -> Response:
    """Remove a member (owners and admins), or leave (your own user id)."""
    services.teams.remove(key.user_id, org_id, user_id)
    return Response(status_code=204)


@router.get("/orgs/{org_id}/consent")
def get_consent(services: ServicesDep, key: Key, org_id: RowId) -> dict[str, object]:
    """What the key's user shares with the organization."""
    return member_json(services.teams.member(org_id, key.user_id))


@router.put("/orgs/{org_id}/consent")
def set_consent(
    services: ServicesDep, key: Key, org_id: RowId, consent: Consent
) -> dict[str, object]:
    """Change what the key's user shares; it applies to every answer from now on."""
    share = Share.named(consent.share)
    changed = services.teams.set_consent(key.user_id, org_id, key.user_id, share, consent.by_name)
    return member_json(changed)


@router.get("/orgs/{org_id}/invitations")
def list_invitations(services: ServicesDep, key: Key, org_id: RowId) -> list[dict[str, object]]:
    """The organization's invitations, newest first (owners and admins)."""
    return [invitation_json(i) for i in services.teams.invitations(key.user_id, org_id)]


@router.post("/orgs/{org_id}/invitations", status_code=201)
def invite(services: ServicesDep, key: Key, org_id: RowId, new: NewInvitation) -> dict[str, object]:
    """Make an invitation; the answer is the only time its code is shown."""
    invitation, code = services.teams.invite(key.user_id, org_id, new.role, new.days)
    return {**invitation_json(invitation), "code": code, "link": f"/join/{code}"}


@router.delete("/orgs/{org_id}/invitations/{invitation_id}", status_code=204)
def revoke_invitation(
    services: ServicesDep, key: Key, org_id: RowId, invitation_id: RowId
) -> Response:
    """Revoke an invitation: its code is refused from now on."""
    services.teams.revoke_invitation(key.user_id, org_id, invitation_id)
    return Response(status_code=204)


@router.get("/orgs/{org_id}/groups")
def list_groups(services: ServicesDep, key: Key, org_id: RowId) -> list[dict[str, object]]:
    """The groups the caller may see."""
    return [group_json(g) for g in services.teams.groups(key.user_id, org_id)]


@router.post("/orgs/{org_id}/groups", status_code=201)
def add_group(services: ServicesDep, key: Key, org_id: RowId, new: NewGroup) -> dict[str, object]:
    """Make a group (owners and admins)."""
    return group_json(services.teams.add_group(key.user_id, org_id, new.name))


@router.delete("/orgs/{org_id}/groups/{group_id}", status_code=204)
def remove_group(services: ServicesDep, key: Key, org_id: RowId, group_id: RowId) -> Response:
    """Delete a group; its members stay in the organization."""
    services.teams.remove_group(key.user_id, org_id, group_id)
    return Response(status_code=204)


def _link(
    services: ServicesDep, key: Key, org_id: int, group_id: int, link: Link, user_id: int, on: bool
) -> dict[str, object]:
    group = services.teams.link(key.user_id, org_id, group_id, user_id, link, on)
    return group_json(group)


@router.put("/orgs/{org_id}/groups/{group_id}/{link}/{user_id}")
def add_to_group(
    services: ServicesDep, key: Key, org_id: RowId, group_id: RowId, link: Link, user_id: RowId
) -> dict[str, object]:
    """Put a member in a group (`members`) or make them one of its managers (`managers`)."""
    return _link(services, key, org_id, group_id, link, user_id, True)


@router.delete("/orgs/{org_id}/groups/{group_id}/{link}/{user_id}")
def remove_from_group(
    services: ServicesDep, key: Key, org_id: RowId, group_id: RowId, link: Link, user_id: RowId
) -> dict[str, object]:
    """Take a member out of a group's members or managers."""
    return _link(services, key, org_id, group_id, link, user_id, False)


@router.post("/orgs/{org_id}/keys", status_code=201)
def create_org_key(
    services: ServicesDep, key: Key, org_id: RowId, new: NewOrgKey
) -> dict[str, object]:
    """An organization key (managers, admins, owners): /anapi/data answers it for the team."""
    record, secret = services.teams.create_key(key.user_id, org_id, new.label)
    return {**key_json(record), "org_id": org_id, "key": secret}
