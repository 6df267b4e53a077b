"""Pages of rows added, changed and deleted through one form that keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError
from dayglass.http.api_v1.ids import RowId
from dayglass.http.web.editing import chosen_row
from dayglass.http.web.forms import posted_form
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user
from dayglass.services.registry import Services

CurrentUser = Annotated[User, Depends(current_user)]
Typed = dict[str, str]


def _nothing(request: Request, user: User) -> None:
    return None


@dataclass(frozen=True)
class RowForm:
    """A page of rows: its path and template, its form's fields, and the service calls."""

    path: str
    template: str
    fields: tuple[str, ...]
    rows: Callable[[Services, User], Sequence[Any]]
    blank: Callable[[Services, User], Typed]
    typed: Callable[[Any, User], Typed]
    add: Callable[[Services, User, Typed], object]
    change: Callable[[Services, User, int, Typed], object]
    remove: Callable[[Services, User, int], object]
    saved: Callable[[Request, User], None] = _nothing


def row_router(form: RowForm) -> APIRouter:
    """The list page, and the add, change and delete forms of form's rows."""
    router = APIRouter()

    async def render(
        request: Request,
        user: User,
        status: int = 200,
        error: str | None = None,
        typed: Typed | None = None,
        editing: int | None = None,
    ) -> Response:
        services = request.app.state.services
        rows = await run_in_threadpool(form.rows, services, user)
        if typed is None:
            chosen = chosen_row(rows, request.query_params.get("edit"))
            typed = form.blank(services, user) if chosen is None else form.typed(chosen, user)
            editing = None if chosen is None else chosen.id
        return page(
            request, form.template, status, rows=rows, error=error, typed=typed, editing=editing
        )

    async def save(request: Request, user: User, row_id: int | None) -> Response:
        posted: dict[str, str] = {}
        try:
            posted = await posted_form(request)
            typed = {name: posted.get(name, "") for name in form.fields}
            services = request.app.state.services
            if row_id is None:
                await run_in_threadpool(form.add, services, user, typed)
            else:
                await run_in_threadpool(form.change, services, user, row_id, typed)
        except DayglassError as error:
            kept = {name: posted.get(name, "") for name in form.fields}
            return await render(request, user, 400, error.message, kept, row_id)
        form.saved(request, user)
        return RedirectResponse(form.path, status_code=303)

    @router.get(form.path)
    async def list_page(request: Request, user: CurrentUser) -> Response:
        """The rows, and the form to add one (or change the one chosen with `edit`)."""
        return await render(request, user)

    @router.post(form.path)
    async def add_row(request: Request, user: CurrentUser) -> Response:
        """Add a row; on a mistake, show the API's message and keep what was typed."""
        return await save(request, user, None)

    @router.post(form.path + "/{row_id}")
    async def change_row(request: Request, user: CurrentUser, row_id: RowId) -> Response:
        """Change a row; on a mistake, show the API's message and keep what was typed."""
        return await save(request, user, row_id)

    @router.post(form.path + "/{row_id}/delete")
    async def delete_row(request: Request, user: CurrentUser, row_id: RowId) -> Response:
        """Delete a row."""
        try:
            await posted_form(request)
            await run_in_threadpool(form.remove, request.app.state.services, user, row_id)
        except DayglassError as error:
            return await render(request, user, 400, error.message)
        return RedirectResponse(form.path, status_code=303)

    return router
