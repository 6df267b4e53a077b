"""Organization settings: organizations, members and roles, groups, invitations, one's own
consent, leaving, and joining through an invitation's link (`/join/CODE`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError, InvalidInput, NotFound
from dayglass.core.teams import SHARE_NAMES, Member, Role, Share
from dayglass.http.api_v1.ids import MAX_ID
from dayglass.http.dependencies import ServicesDep
from dayglass.http.errors import status_of
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.form_actions import Fields, Ids, path_ids, route_posts
from dayglass.http.web.forms import Posted, PostedForm
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services
from dayglass.services.team_ports import GroupLink
from dayglass.services.teams import DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS

router = APIRouter(route_class=OneHopRoute)
SHARE_TEXT = {
    "totals": "Totals by productivity and overview only",
    "categories": "Also sub-categories",
    "activities": "Also activities (applications and sites)",
    "documents": "Also documents (window and page titles)",
}
ROLE_NAMES = tuple(r.value for r in Role)


def _share(fields: Fields) -> tuple[Share, bool]:
    """The consent a form chose: a level and whether by name (`by_name` is `yes` or `no`)."""
    by_name = fields.get("by_name", "yes")
    if by_name not in ("yes", "no"):
        raise InvalidInput("by_name: yes or no")
    try:
        return Share.named(fields.get("share", "")), by_name == "yes"
    except ValueError as error:
        raise InvalidInput(str(error)) from None


def _role(fields: Fields) -> Role:
    try:
        return Role(fields.get("role", "").strip())
    except ValueError:
        raise InvalidInput(f"role: one of {', '.join(ROLE_NAMES)}") from None


def _int(fields: Fields, name: str, low: int = 1, high: int = MAX_ID) -> int:
    text = fields.get(name, "").strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidInput(f"{name}: a whole number from {low} to {high}")
    return int(text)


def _orgs_page(
    request: Request, services: Services, user: User, status: int = 200, error: str | None = None
) -> Response:
    mine = services.teams.orgs(user.id)
    return page(request, "orgs.html", status, orgs=mine, error=error)


def _org_page(
    request: Request,
    services: Services,
    user: User,
    org_id: int,
    status: int = 200,
    error: str | None = None,
    form: str = "",
    new_link: str | None = None,
) -> Response:
    teams = services.teams
    try:
        me = teams.member(org_id, user.id)
    except NotFound as missing:
        return _orgs_page(request, services, user, 404, missing.message)
    org = teams.org(org_id)
    members: list[Member] = teams.members(user.id, org_id) if me.role.reads_reports else []
    return page(
        request,
        "org.html",
        status,
        org=org,
        me=me,
        members=members,
        names={m.user_id: m.display_name for m in members},
        groups=teams.groups(user.id, org_id),
        invitations=teams.invitations(user.id, org_id) if me.role.administers else [],
        now=services.clock.now(),
        roles=ROLE_NAMES,
        shares=SHARE_NAMES,
        share_text=SHARE_TEXT,
        days=(DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS),
        error=error,
        form=form,
        new_link=new_link,
    )


@router.get("/orgs")
def orgs_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The signed-in user's organizations and their role in each, and a form to create one."""
    return _orgs_page(request, services, user)


@router.post("/orgs")
def create_org(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Create an organization owned by the signed-in user."""
    try:
        org = services.teams.create(posted.checked().get("name", ""), user.id)
    except DayglassError as error:
        return _orgs_page(request, services, user, status_of(error), error.message)
    return RedirectResponse(f"/orgs/{org.id}", status_code=303)


@router.get("/orgs/{org_id:int}")
def org_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """One organization's settings as the user's role allows; 404 for anyone outside it."""
    try:
        ids = path_ids(request)
    except NotFound as error:
        return _orgs_page(request, services, user, 404, error.message)
    return _org_page(request, services, user, ids["org_id"])


def _invite(request: Request, services: Services, user: User, org_id: int, f: Fields) -> str:
    """A new invitation; its link, shown once (only the code's hash is kept)."""
    days = _int(f, "days", 1, MAX_INVITATION_DAYS)
    _, code = services.teams.invite(user.id, org_id, _role(f), days)
    return f"{str(request.base_url).rstrip('/')}/join/{code}"


def _link(services: Services, user: User, ids: Ids, f: Fields) -> object:
    kinds: dict[str, GroupLink] = {"members": "members", "managers": "managers"}
    kind = kinds.get(f.get("kind", ""))
    if kind is None:
        raise InvalidInput("kind: members or managers")
    present, who = f.get("present", "") == "yes", _int(f, "user_id")
    return services.teams.link(user.id, ids["org_id"], ids["group_id"], who, kind, present)


def _consent(services: Services, user: User, ids: Ids, f: Fields) -> object:
    share, by_name = _share(f)
    return services.teams.set_consent(user.id, ids["org_id"], user.id, share, by_name)


def _leave(services: Services, user: User, ids: Ids, f: Fields) -> str:
    services.teams.remove(user.id, ids["org_id"], user.id)
    return "/orgs"


@dataclass(frozen=True)
class OrgAction:
    """One form of an organization's page: the path it posts to, the form it is, what it does
    (a path it answers goes there next; anything else returns to the organization's page)."""

    path: str
    form: str
    run: Callable[[Services, User, Ids, Fields], object]


_ORG = "/orgs/{org_id:int}"
ACTIONS = (
    OrgAction(_ORG + "/consent", "consent", _consent),
    OrgAction(_ORG + "/leave", "leave", _leave),
    OrgAction(
        _ORG + "/members/{user_id:int}/role",
        "members",
        lambda s, u, i, f: s.teams.set_role(u.id, i["org_id"], i["user_id"], _role(f)),
    ),
    OrgAction(
        _ORG + "/members/{user_id:int}/remove",
        "members",
        lambda s, u, i, f: s.teams.remove(u.id, i["org_id"], i["user_id"]),
    ),
    OrgAction(
        _ORG + "/groups",
        "groups",
        lambda s, u, i, f: s.teams.add_group(u.id, i["org_id"], f.get("name", "")),
    ),
    OrgAction(
        _ORG + "/groups/{group_id:int}/delete",
        "groups",
        lambda s, u, i, f: s.teams.remove_group(u.id, i["org_id"], i["group_id"]),
    ),
    OrgAction(_ORG + "/groups/{group_id:int}/link", "groups", _link),
    OrgAction(
        _ORG + "/invitations/{invitation_id:int}/revoke",
        "invitations",
        lambda s, u, i, f: s.teams.revoke_invitation(u.id, i["org_id"], i["invitation_id"]),
    ),
)


def _act(
    action: OrgAction, request: Request, services: Services, user: User, posted: PostedForm
) -> Response:
    """Run a form's action; on a mistake show the page with its message."""
    try:
        ids = path_ids(request)
    except NotFound as error:
        return _orgs_page(request, services, user, 404, error.message)
    try:
        fields = posted.checked()
        services.teams.member(ids["org_id"], user.id)
        went = action.run(services, user, ids, fields)
    except DayglassError as error:
        return _org_page(
            request, services, user, ids["org_id"], status_of(error), error.message, action.form
        )
    target = went if isinstance(went, str) else f"/orgs/{ids['org_id']}#{action.form}"
    return RedirectResponse(target, status_code=303)


route_posts(router, ACTIONS, _act, "Run one form of an organization's page, its token checked.")


@router.post(_ORG + "/invitations")
def invite(request: Request, services: ServicesDep, user: CurrentUser, posted: Posted) -> Response:
    """Make an invitation and show its link once, to copy."""
    try:
        org_id = path_ids(request)["org_id"]
    except NotFound as error:
        return _orgs_page(request, services, user, 404, error.message)
    try:
        made = _invite(request, services, user, org_id, posted.checked())
    except DayglassError as error:
        return _org_page(
            request, services, user, org_id, status_of(error), error.message, "invitations"
        )
    return _org_page(request, services, user, org_id, new_link=made)


def _join_page(
    request: Request, services: Services, code: str, status: int = 200, error: str | None = None
) -> Response:
    try:
        _, org = services.teams.invitation(code)
    except NotFound as missing:
        return page(request, "org_join.html", 404, org=None, code=code, error=missing.message)
    return page(
        request,
        "org_join.html",
        status,
        org=org,
        code=code,
        shares=SHARE_NAMES,
        share_text=SHARE_TEXT,
        error=error,
    )


@router.get("/join/{code}")
def join_page(request: Request, services: ServicesDep, user: CurrentUser, code: str) -> Response:
    """An invitation: the organization's name and what to share (totals only unless chosen);
    signed out, the sign-in page comes first and comes back here."""
    return _join_page(request, services, code)


@router.post("/join/{code}")
def join(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, code: str
) -> Response:
    """Join the invitation's organization, sharing what was chosen."""
    try:
        share, by_name = _share(posted.checked())
        member = services.teams.join(user.id, code, share, by_name)
    except DayglassError as error:
        return _join_page(request, services, code, status_of(error), error.message)
    return RedirectResponse(f"/orgs/{member.org_id}", status_code=303)
