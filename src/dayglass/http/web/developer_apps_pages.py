"""Your applications: register the services that ask people for access (OAuth clients)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError
from dayglass.http.web.forms import posted_form
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()
CurrentUser = Annotated[User, Depends(current_user)]


async def _render(request: Request, user: User, status: int = 200, **shown: object) -> Response:
    clients = await run_in_threadpool(request.app.state.services.oauth.clients, user.id)
    values = {"error": None, "made": None, "secret": None, "app_name": "", "uris": "", **shown}
    return page(request, "developer_apps.html", status, clients=clients, **values)


@router.get("/developer-apps")
async def developer_apps(request: Request, user: CurrentUser) -> Response:
    """The applications this user registered."""
    return await _render(request, user)


@router.post("/developer-apps")
async def register_app(request: Request, user: CurrentUser) -> Response:
    """Register an application; its secret is shown once."""
    fields: dict[str, str] = {}
    try:
        fields = await posted_form(request)
        uris = fields.get("redirect_uris", "").split()
        oauth = request.app.state.services.oauth
        made, secret = await run_in_threadpool(
            oauth.add_client, fields.get("name", ""), uris, user.id
        )
    except DayglassError as error:
        return await _render(
            request,
            user,
            400,
            error=error.message,
            app_name=fields.get("name", ""),
            uris=fields.get("redirect_uris", ""),
        )
    return await _render(request, user, 201, made=made, secret=secret)


@router.post("/developer-apps/{client_id}/remove")
async def remove_app(request: Request, user: CurrentUser, client_id: str) -> Response:
    """Unregister one of the user's applications."""
    try:
        await posted_form(request)
        oauth = request.app.state.services.oauth
        await run_in_threadpool(oauth.remove_client, client_id, user.id)
    except DayglassError as error:
        return await _render(request, user, 400, error=error.message)
    return RedirectResponse("/developer-apps", status_code=303)
