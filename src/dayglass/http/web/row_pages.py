"""Pages of rows added, changed and deleted through one form that keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError
from dayglass.http.api_v1.ids import RowId
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.editing import HasId, chosen_row
from dayglass.http.web.forms import Posted, PostedForm
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services

Typed = dict[str, str]
R = TypeVar("R", bound=HasId)


def _nothing(request: Request, user: User) -> None:
    return None


@dataclass(frozen=True)
class RowForm(Generic[R]):
    """A page of rows: its path and template, its form's fields, and the service calls."""

    path: str
    template: str
    fields: tuple[str, ...]
    rows: Callable[[Services, User], Sequence[R]]
    blank: Callable[[Services, User], Typed]
    typed: Callable[[R, User], Typed]
    add: Callable[[Services, User, Typed], object]
    change: Callable[[Services, User, int, Typed], object]
    remove: Callable[[Services, User, int], object]
    saved: Callable[[Request, User], None] = _nothing


def row_router(form: RowForm[R]) -> APIRouter:
    """The list page, and the add, change and delete forms of form's rows.

    The routes are plain functions: FastAPI runs each in one worker thread, form already read.
    """
    router = APIRouter(route_class=OneHopRoute)

    def render(
        request: Request,
        services: Services,
        user: User,
        status: int = 200,
        error: str | None = None,
        typed: Typed | None = None,
        editing: int | None = None,
    ) -> Response:
        rows = form.rows(services, user)
        if typed is None:
            chosen = chosen_row(rows, request.query_params.get("edit"))
            typed = form.blank(services, user) if chosen is None else form.typed(chosen, user)
            editing = None if chosen is None else chosen.id
        return page(
            request, form.template, status, rows=rows, error=error, typed=typed, editing=editing
        )

    def save(
        request: Request, services: Services, user: User, posted: PostedForm, row_id: int | None
    ) -> Response:
        fields: dict[str, str] = {}
        try:
            fields = posted.checked()
            typed = {name: fields.get(name, "") for name in form.fields}
            if row_id is None:
                form.add(services, user, typed)
            else:
                form.change(services, user, row_id, typed)
        except DayglassError as error:
            kept = {name: fields.get(name, "") for name in form.fields}
            return render(request, services, user, 400, error.message, kept, row_id)
        form.saved(request, user)
        return RedirectResponse(form.path, status_code=303)

    @router.get(form.path)
    def list_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
        """The rows, and the form to add one (or change the one chosen with `edit`)."""
        return render(request, services, user)

    @router.post(form.path)
    def add_row(
        request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
    ) -> Response:
        """Add a row; on a mistake, show the API's message and keep what was typed."""
        return save(request, services, user, posted, None)

    @router.post(form.path + "/{row_id}")
    def change_row(
        request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, row_id: RowId
    ) -> Response:
        """Change a row; on a mistake, show the API's message and keep what was typed."""
        return save(request, services, user, posted, row_id)

    @router.post(form.path + "/{row_id}/delete")
    def delete_row(
        request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, row_id: RowId
    ) -> Response:
        """Delete a row."""
        try:
            posted.checked()
            form.remove(services, user, row_id)
        except DayglassError as error:
            return render(request, services, user, 400, error.message)
        return RedirectResponse(form.path, status_code=303)

    return router
