"""FocusTime: see the running session and recent ones, start a session, end it early."""

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
    request: Request,
    services: Services,
    user: User,
    status: int = 200,
    error: str | None = None,
    minutes: str = "25",
) -> Response:
    return page(
        request,
        "focus.html",
        status,
        running=services.focus.current(user.id),
        sessions=services.focus.sessions(user.id),
        now=services.clock.now(),
        error=error,
        minutes=minutes,
    )


@router.get("/focus")
def focus_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The running session, if any, and recent sessions."""
    return _render(request, services, user)


@router.post("/focus/start")
def start_focus(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Start a session (a running one ends first); a bad length shows the API's message."""
    fields: dict[str, str] = {}
    try:
        fields = posted.checked()
        services.focus.start(user.id, fields.get("minutes", "").strip())
    except DayglassError as error:
        return _render(request, services, user, 400, error.message, fields.get("minutes", ""))
    return RedirectResponse("/focus", status_code=303)


@router.post("/focus/end")
def end_focus(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """End the running session."""
    try:
        posted.checked()
        services.focus.end(user.id)
    except DayglassError as error:
        return _render(request, services, user, 400, error.message)
    return RedirectResponse("/focus", status_code=303)
