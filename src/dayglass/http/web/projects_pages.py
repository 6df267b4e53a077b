"""Projects: create, rename, order and delete projects, edit their rules with a live preview of
the time a rule would claim, and assign time of a day by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError, InvalidInput, NotFound
from dayglass.core.projects import RuleKind
from dayglass.core.schedules import format_clock
from dayglass.http.api_v1.ids import RowId
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.dashboard_pages import user_today
from dayglass.http.web.form_actions import Fields, Ids, path_ids, route_posts
from dayglass.http.web.forms import PostedForm
from dayglass.http.web.rendering import duration, page
from dayglass.http.web.session import CurrentUser
from dayglass.services.projects import RulePreview
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)
RULE_KINDS = {
    RuleKind.KEYWORD: "Document or title contains (a keyword)",
    RuleKind.REGEX: "Document or title matches (a regular expression)",
    RuleKind.ACTIVITY: "Activity is (its exact name)",
    RuleKind.ACTIVITY_PATTERN: "Activity matches (a pattern such as *office*)",
    RuleKind.HOST: "Site is (a host, subdomains included)",
    RuleKind.PATH: "Page path is or is under (such as /invoices)",
    RuleKind.DEVICE: "Device is (its name, as its agent reports it)",
}


def rule_kinds() -> dict[str, str]:
    """Every rule kind the engine knows, with how the page names it (the kind if unnamed)."""
    return {kind.value: RULE_KINDS.get(kind, kind.value) for kind in RuleKind}


def _render(
    request: Request,
    services: Services,
    user: User,
    status: int = 200,
    error: str | None = None,
    form: str = "",
    kept: dict[str, str] | None = None,
) -> Response:
    book = services.projects.book(user.id)
    assignments = {
        p.id: sorted(
            (a for a in book.assignments if a.project_id == p.id),
            key=lambda a: (a.day, a.start_minute, a.id),
        )
        for p in book.projects
    }
    return page(
        request,
        "projects.html",
        status,
        projects=book.projects,
        assignments=assignments,
        clock_text=format_clock,
        kinds=rule_kinds(),
        devices=services.projects.device_names(user.id),
        today=user_today(user, services.clock),
        error=error,
        form=form,
        kept=kept or {},
    )


@dataclass(frozen=True)
class FormAction:
    """One form of the page: where it posts, the form it is on the page, what it does.

    path and form may name `{project_id}` and the like; the page's error and kept input go
    back to the form so named, and a success returns to the anchor.
    """

    path: str
    form: str
    run: Callable[[Services, User, Ids, Fields], object]
    anchor: str = ""


def _act(
    action: FormAction, request: Request, services: Services, user: User, posted: PostedForm
) -> Response:
    """Run a form's action; on a mistake show the page with its message and what was typed."""
    fields: Fields = {}
    ids: Ids = {}
    try:
        ids = path_ids(request)
        fields = posted.checked()
        action.run(services, user, ids, fields)
    except DayglassError as error:
        status = 404 if isinstance(error, NotFound) else 400
        form = action.form.format(**ids) if ids or "{" not in action.form else ""
        return _render(request, services, user, status, error.message, form, fields)
    return RedirectResponse(f"/projects{action.anchor.format(**ids)}", status_code=303)


def _move(services: Services, user: User, project_id: int, direction: str) -> None:
    """Move a project one place up or down in the order."""
    ids = [p.id for p in services.projects.book(user.id).projects]
    if project_id not in ids:
        raise NotFound(f"project {project_id} not found")
    steps = {"up": -1, "down": 1}
    if direction not in steps:
        raise InvalidInput("direction: up or down")
    services.projects.move(user.id, project_id, ids.index(project_id) + 1 + steps[direction])


def _day(text: str) -> date:
    """A `YYYY-MM-DD` day from a form, or InvalidInput."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("day: expected YYYY-MM-DD") from None


def _assign(services: Services, user: User, project_id: int, fields: Fields) -> object:
    """Give local time of a day to a project by hand (it wins over every rule)."""
    day = _day(fields.get("day", ""))
    start, end = fields.get("start", ""), fields.get("end", "")
    return services.projects.assign(user.id, project_id, day, start, end)


_PROJECT = "/projects/{project_id:int}"
_ANCHOR = "#project-{project_id}"
ACTIONS = (
    FormAction("/projects", "new", lambda s, u, i, f: s.projects.add(u.id, f.get("name", ""))),
    FormAction(
        _PROJECT + "/rename",
        "rename-{project_id}",
        lambda s, u, i, f: s.projects.rename(u.id, i["project_id"], f.get("name", "")),
        _ANCHOR,
    ),
    FormAction(
        _PROJECT + "/move",
        "move-{project_id}",
        lambda s, u, i, f: _move(s, u, i["project_id"], f.get("direction", "")),
        _ANCHOR,
    ),
    FormAction(
        _PROJECT + "/delete",
        "delete-{project_id}",
        lambda s, u, i, f: s.projects.remove(u.id, i["project_id"]),
    ),
    FormAction(
        _PROJECT + "/rules",
        "rule-{project_id}",
        lambda s, u, i, f: s.projects.add_rule(
            u.id, i["project_id"], f.get("kind", ""), f.get("value", "")
        ),
        _ANCHOR,
    ),
    FormAction(
        _PROJECT + "/rules/{rule_id:int}/delete",
        "rules-{project_id}",
        lambda s, u, i, f: s.projects.remove_rule(u.id, i["project_id"], i["rule_id"]),
        _ANCHOR,
    ),
    FormAction(
        _PROJECT + "/assignments",
        "assign-{project_id}",
        lambda s, u, i, f: _assign(s, u, i["project_id"], f),
        _ANCHOR,
    ),
    FormAction(
        "/projects/assignments/{assignment_id:int}/delete",
        "assignments",
        lambda s, u, i, f: s.projects.unassign(u.id, i["assignment_id"]),
    ),
)


route_posts(router, ACTIONS, _act, "Run one form of the Projects page, its token checked.")


@router.get("/projects")
def projects_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The user's projects in their order, each with its rules and hand assignments."""
    return _render(request, services, user)


@router.get("/projects/{project_id}/delete")
def confirm_delete(
    request: Request, services: ServicesDep, user: CurrentUser, project_id: RowId
) -> Response:
    """Ask before deleting a project."""
    try:
        project = services.projects.project(user.id, project_id)
    except NotFound as error:
        return _render(request, services, user, 404, error.message)
    book = services.projects.book(user.id)
    assigned = sum(1 for a in book.assignments if a.project_id == project_id)
    return page(request, "projects_delete.html", project=project, assigned=assigned)


def preview_json(preview: RulePreview) -> dict[str, object]:
    """A rule's preview as the page's script reads it."""
    return {
        "begin": preview.begin.isoformat(),
        "end": preview.end.isoformat(),
        "seconds": (preview.ms + 500) // 1000,
        "total": duration(preview.ms / 1000),
        "activities": [
            {"name": row.activity, "time": duration(row.seconds)} for row in preview.activities
        ],
        "documents": [
            {"activity": row.activity, "name": row.document or "", "time": duration(row.seconds)}
            for row in preview.documents
        ],
    }


@router.get("/projects/preview")
def preview_rule(
    services: ServicesDep, user: CurrentUser, kind: str = "", value: str = ""
) -> Response:
    """The time a rule not yet saved would claim in the signed-in user's last 30 days."""
    today = user_today(user, services.clock)
    # Private figures: never kept by a cache between this user and the page.
    headers = {"Cache-Control": "no-store"}
    try:
        preview = services.projects.preview_rule(user.id, kind, value, today)
    except DayglassError as error:
        return JSONResponse({"error": error.message}, status_code=400, headers=headers)
    return JSONResponse(preview_json(preview), headers=headers)
