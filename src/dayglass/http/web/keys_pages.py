"""API keys and embed keys: create (shown once), see when each was used and what an embed
publishes, revoke."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.embeds import PERIOD_NAMES
from dayglass.core.errors import DayglassError, InvalidInput
from dayglass.http.api_v1.ids import RowId
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)


def _render(
    request: Request,
    services: Services,
    user: User,
    status: int = 200,
    new_key: str | None = None,
    error: str | None = None,
    label: str = "",
) -> Response:
    keys = services.accounts.keys(user.id)
    embeds = services.embeds.keys(user.id)  # what each published embed shows, revocable here
    return page(
        request,
        "keys.html",
        status,
        keys=keys,
        embeds=embeds,
        periods=PERIOD_NAMES,
        project_names={p.id: p.name for p in services.projects.book(user.id).projects},
        new_key=new_key,
        error=error,
        label=label,
    )


@router.get("/keys")
def keys_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The user's keys."""
    return _render(request, services, user)


@router.post("/keys")
def create_key(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Make a key and show it this once."""
    fields: dict[str, str] = {}
    try:
        fields = posted.checked()
        label = fields.get("label", "").strip()
        if not label or len(label) > 200:
            raise InvalidInput("Label: say what the key is for (1 to 200 characters).")
        _, secret = services.accounts.create_key(user.id, label)
    except DayglassError as error:
        message, typed = error.message, fields.get("label", "")
        return _render(request, services, user, 400, error=message, label=typed)
    return _render(request, services, user, 201, new_key=secret)


@router.post("/keys/{key_id}/revoke")
def revoke_key(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, key_id: RowId
) -> Response:
    """Revoke one of the user's keys."""
    try:
        posted.checked()
        services.accounts.revoke_key(key_id, user.id)
    except DayglassError as error:
        return _render(request, services, user, 400, error=error.message)
    return RedirectResponse("/keys", status_code=303)


@router.post("/keys/embed/{key_id}/revoke")
def revoke_embed(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, key_id: RowId
) -> Response:
    """Revoke one of the user's embed keys."""
    try:
        posted.checked()
        services.embeds.revoke(user.id, key_id)
    except DayglassError as error:
        return _render(request, services, user, 400, error=error.message)
    return RedirectResponse("/keys", status_code=303)
