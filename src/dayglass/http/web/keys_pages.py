"""API keys: create (shown once), see when each was used, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError, InvalidInput
from dayglass.http.api_v1.ids import RowId
from dayglass.http.web.forms import posted_form
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()
CurrentUser = Annotated[User, Depends(current_user)]


async def _render(
    request: Request,
    user: User,
    status: int = 200,
    new_key: str | None = None,
    error: str | None = None,
    label: str = "",
) -> Response:
    keys = await run_in_threadpool(request.app.state.services.accounts.keys, user.id)
    return page(request, "keys.html", status, keys=keys, new_key=new_key, error=error, label=label)


@router.get("/keys")
async def keys_page(request: Request, user: CurrentUser) -> Response:
    """The user's keys."""
    return await _render(request, user)


@router.post("/keys")
async def create_key(request: Request, user: CurrentUser) -> Response:
    """Make a key and show it this once."""
    fields: dict[str, str] = {}
    try:
        fields = await posted_form(request)
        label = fields.get("label", "").strip()
        if not label or len(label) > 200:
            raise InvalidInput("Label: say what the key is for (1 to 200 characters).")
        accounts = request.app.state.services.accounts
        _, secret = await run_in_threadpool(accounts.create_key, user.id, label)
    except DayglassError as error:
        return await _render(request, user, 400, error=error.message, label=fields.get("label", ""))
    return await _render(request, user, 201, new_key=secret)


@router.post("/keys/{key_id}/revoke")
async def revoke_key(request: Request, user: CurrentUser, key_id: RowId) -> Response:
    """Revoke one of the user's keys."""
    try:
        await posted_form(request)
        await run_in_threadpool(request.app.state.services.accounts.revoke_key, key_id, user.id)
    except DayglassError as error:
        return await _render(request, user, 400, error=error.message)
    return RedirectResponse("/keys", status_code=303)


@router.post("/keys/embed/{key_id}/revoke")
async def revoke_embed(request: Request, user: CurrentUser, key_id: RowId) -> Response:
    """Revoke one of the user's embed keys."""
    try:
        await posted_form(request)
        await run_in_threadpool(request.app.state.services.embeds.revoke, user.id, key_id)
    except DayglassError as error:
        return await _render(request, user, 400, error=error.message)
    return RedirectResponse("/keys", status_code=303)
