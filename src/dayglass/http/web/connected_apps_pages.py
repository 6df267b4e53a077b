"""Connected apps: the services a user has let read their data, and disconnecting them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError
from dayglass.http.api_v1.ids import RowId
from dayglass.http.web.forms import posted_form
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()
CurrentUser = Annotated[User, Depends(current_user)]


async def _render(
    request: Request, user: User, status: int = 200, error: str | None = None
) -> Response:
    oauth = request.app.state.services.oauth
    grants = await run_in_threadpool(oauth.grants, user.id)
    return page(
        request,
        "connected_apps.html",
        status,
        error=error,
        grants=[(g, oauth.describe(g.scopes)) for g in grants],
    )


@router.get("/connected-apps")
async def connected_apps(request: Request, user: CurrentUser) -> Response:
    """The user's OAuth grants with what each may read."""
    return await _render(request, user)


@router.post("/connected-apps/{grant_id}/revoke")
async def disconnect(request: Request, user: CurrentUser, grant_id: RowId) -> Response:
    """Revoke a grant; its token is refused from now on."""
    try:
        await posted_form(request)
        await run_in_threadpool(request.app.state.services.oauth.revoke, user.id, grant_id)
    except DayglassError as error:
        return await _render(request, user, 400, error.message)
    return RedirectResponse("/connected-apps", status_code=303)
