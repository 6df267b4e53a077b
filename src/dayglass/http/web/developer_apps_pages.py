"""Your applications: register the services that ask people for access (OAuth clients)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)


def _render(
    request: Request, services: Services, user: User, status: int = 200, **shown: object
) -> Response:
    clients = services.oauth.clients(user.id)
    values = {"error": None, "made": None, "secret": None, "app_name": "", "uris": "", **shown}
    return page(request, "developer_apps.html", status, clients=clients, **values)


@router.get("/developer-apps")
def developer_apps(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The applications this user registered."""
    return _render(request, services, user)


@router.post("/developer-apps")
def register_app(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Register an application; its secret is shown once."""
    fields: dict[str, str] = {}
    try:
        fields = posted.checked()
        uris = fields.get("redirect_uris", "").split()
        made, secret = services.oauth.add_client(fields.get("name", ""), uris, user.id)
    except DayglassError as error:
        return _render(
            request,
            services,
            user,
            400,
            error=error.message,
            app_name=fields.get("name", ""),
            uris=fields.get("redirect_uris", ""),
        )
    return _render(request, services, user, 201, made=made, secret=secret)


@router.post("/developer-apps/{client_id}/remove")
def remove_app(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted, client_id: str
) -> Response:
    """Unregister one of the user's applications."""
    try:
        posted.checked()
        services.oauth.remove_client(client_id, user.id)
    except DayglassError as error:
        return _render(request, services, user, 400, error=error.message)
    return RedirectResponse("/developer-apps", status_code=303)
