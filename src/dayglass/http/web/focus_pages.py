"""FocusTime: see the running session and recent ones, start a session, end it early."""

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


async def _render(
    request: Request, user: User, status: int = 200, error: str | None = None, minutes: str = "25"
) -> Response:
    focus = request.app.state.services.focus
    running = await run_in_threadpool(focus.current, user.id)
    sessions = await run_in_threadpool(focus.sessions, user.id)
    return page(
        request,
        "focus.html",
        status,
        running=running,
        sessions=sessions,
        now=request.app.state.services.clock.now(),
        error=error,
        minutes=minutes,
    )


@router.get("/focus")
async def focus_page(request: Request, user: CurrentUser) -> Response:
    """The running session, if any, and recent sessions."""
    return await _render(request, user)


@router.post("/focus/start")
async def start_focus(request: Request, user: CurrentUser) -> Response:
    """Start a session (a running one ends first); a bad length shows the API's message."""
    fields: dict[str, str] = {}
    try:
        fields = await posted_form(request)
        focus = request.app.state.services.focus
        await run_in_threadpool(focus.start, user.id, fields.get("minutes", "").strip())
    except DayglassError as error:
        return await _render(request, user, 400, error.message, fields.get("minutes", ""))
    return RedirectResponse("/focus", status_code=303)


@router.post("/focus/end")
async def end_focus(request: Request, user: CurrentUser) -> Response:
    """End the running session."""
    try:
        await posted_form(request)
        await run_in_threadpool(request.app.state.services.focus.end, user.id)
    except DayglassError as error:
        return await _render(request, user, 400, error.message)
    return RedirectResponse("/focus", status_code=303)
