"""Connected apps: the services a user has let read their data, and disconnecting them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError
from dayglass.http.api_v1.ids import RowId
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)


def _render(
    request: Request, services: Services, user: User, status: int = 200, error: str | None = None
) -> Response:
    oauth = services.oauth
    grants = oauth.grants(user.id)
    return page(
        request,
        "connected_apps.html",
        status,
        error=error,
        grants=[(g, oauth.describe(g.scopes)) for g in grants],
    )


@router.get("/connected-apps")
def connected_apps(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The user's OAuth grants with what each may read."""
    return _render(request, services, user)


@router.post("/connected-apps/{grant_id}/revoke")
def disconnect(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, grant_id: RowId
) -> Response:
    """Revoke a grant; its token is refused from now on."""
    try:
        posted.checked()
        services.oauth.revoke(user.id, grant_id)
    except DayglassError as error:
        return _render(request, services, user, 400, error.message)
    return RedirectResponse("/connected-apps", status_code=303)
