"""Projects through the native API: named, ordered projects, their rules and hand assignments."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from dayglass.core.projects import Assignment, Project, ProjectBook, ProjectRule, RuleKind
from dayglass.core.schedules import format_clock
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["projects"])


class NewProject(BaseModel):
    """A project's name; a new project comes after the others in the order."""

    name: Annotated[str, Field(max_length=200)]


class ProjectChange(BaseModel):
    """A new name and/or a new 1-based position in the order."""

    name: Annotated[str | None, Field(max_length=200)] = None
    position: Annotated[int | None, Field(ge=1)] = None


class NewRule(BaseModel):
    """A rule: what it looks at and the value it looks for."""

    kind: RuleKind
    value: Annotated[str, Field(max_length=500)]


class NewAssignment(BaseModel):
    """Local time [start, end) of a day (`HH:MM` on 5-minute steps, end up to 24:00)."""

    day: date
    start: str
    end: str


def rule_json(rule: ProjectRule) -> dict[str, object]:
    """A rule as the API shows it."""
    return {"id": rule.id, "kind": rule.kind.value, "value": rule.value}


def assignment_json(assignment: Assignment) -> dict[str, object]:
    """A hand assignment as the API shows it."""
    return {
        "id": assignment.id,
        "project_id": assignment.project_id,
        "day": assignment.day.isoformat(),
        "start": format_clock(assignment.start_minute),
        "end": format_clock(assignment.end_minute),
    }


def project_json(project: Project, book: ProjectBook) -> dict[str, object]:
    """A project with its place in the order, rules and assignments."""
    place = [p.id for p in book.projects].index(project.id) + 1
    return {
        "id": project.id,
        "name": project.name,
        "position": place,
        "rules": [rule_json(r) for r in project.rules],
        "assignments": [assignment_json(a) for a in book.assignments if a.project_id == project.id],
    }


def _one(services: ServicesDep, user_id: int, project_id: int) -> dict[str, object]:
    book = services.projects.book(user_id)
    return project_json(services.projects.project(user_id, project_id), book)


@router.get("/projects")
def list_projects(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """The user's projects in their order (the first matching project claims a moment)."""
    book = services.projects.book(key.user_id)
    return [project_json(p, book) for p in book.projects]


@router.post("/projects", status_code=201)
def add_project(services: ServicesDep, key: Key, new: NewProject) -> dict[str, object]:
    """Make a project, last in the order."""
    project = services.projects.add(key.user_id, new.name)
    return _one(services, key.user_id, project.id)


@router.get("/projects/{project_id}")
def get_project(services: ServicesDep, key: Key, project_id: RowId) -> dict[str, object]:
    """One project."""
    return _one(services, key.user_id, project_id)


@router.patch("/projects/{project_id}")
def change_project(
    services: ServicesDep, key: Key, project_id: RowId, change: ProjectChange
) -> dict[str, object]:
    """Rename a project and/or move it in the order."""
    services.projects.project(key.user_id, project_id)
    if change.name is not None:
        services.projects.rename(key.user_id, project_id, change.name)
    if change.position is not None:
        services.projects.move(key.user_id, project_id, change.position)
    return _one(services, key.user_id, project_id)


@router.delete("/projects/{project_id}", status_code=204)
def remove_project(services: ServicesDep, key: Key, project_id: RowId) -> Response:
    """Delete a project with its rules and assignments."""
    services.projects.remove(key.user_id, project_id)
    return Response(status_code=204)


@router.post("/projects/{project_id}/rules", status_code=201)
def add_rule(services: ServicesDep, key: Key, project_id: RowId, new: NewRule) -> dict[str, object]:
    """Add a rule to a project; all of history is re-sorted at once."""
    return rule_json(services.projects.add_rule(key.user_id, project_id, new.kind, new.value))


@router.delete("/projects/{project_id}/rules/{rule_id}", status_code=204)
def remove_rule(services: ServicesDep, key: Key, project_id: RowId, rule_id: RowId) -> Response:
    """Delete a rule of a project."""
    services.projects.remove_rule(key.user_id, project_id, rule_id)
    return Response(status_code=204)


@router.post("/projects/{project_id}/assignments", status_code=201)
def assign(
    services: ServicesDep, key: Key, project_id: RowId, new: NewAssignment
) -> dict[str, object]:
    """Give local time of a day to a project by hand; it wins over every rule."""
    made = services.projects.assign(key.user_id, project_id, new.day, new.start, new.end)
    return assignment_json(made)


@router.delete("/projects/assignments/{assignment_id}", status_code=204)
def unassign(services: ServicesDep, key: Key, assignment_id: RowId) -> Response:
    """Delete a hand assignment; rules decide that time again."""
    services.projects.unassign(key.user_id, assignment_id)
    return Response(status_code=204)
