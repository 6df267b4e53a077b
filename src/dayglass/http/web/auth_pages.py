"""Signing in and out, and the account settings page."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.dependencies import ServicesDep, SignInThrottleDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser, session_token, sign_in, sign_out
from dayglass.services.web_sessions import is_token_of
from dayglass.services.weekly_email_schedule import SEND_AT, WEEKDAYS

router = APIRouter(route_class=OneHopRoute)
_SHOWN_EMAIL = 320  # an email typed back into the form is at most this long


def _safe_next(target: str | None) -> str:
    # Only local paths: never redirect a signed-in user to another site.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login")
async def login_page(request: Request, next: str | None = None) -> Response:
    """The sign-in form."""
    return page(request, "login.html", next=_safe_next(next), email="", error=None)


@router.post("/login")
async def login(
    request: Request, services: ServicesDep, throttle: SignInThrottleDep, posted: Posted
) -> Response:
    """Check email and password, within the sign-in limit (429 and Retry-After beyond it)."""
    try:
        fields = posted.checked()
    except DayglassError as error:
        return page(request, "login.html", 400, next="/", email="", error=error.message)
    email, password = fields.get("email", ""), fields.get("password", "")
    target = _safe_next(fields.get("next"))
    shown = email[:_SHOWN_EMAIL]
    wait = await run_in_threadpool(throttle.admit, request, email)
    if wait is not None:
        seconds = math.ceil(wait)
        message = f"Too many sign-in attempts. Try again in {seconds} seconds."
        refused = page(request, "login.html", 429, next=target, email=shown, error=message)
        refused.headers["Retry-After"] = str(seconds)
        return refused
    try:
        user = await run_in_threadpool(services.accounts.sign_in, email, password)
    except NotAuthenticated:
        message = "Wrong email or password."
        return page(request, "login.html", 401, next=target, email=shown, error=message)
    agent = request.headers.get("user-agent", "")
    token = await run_in_threadpool(services.sessions.start, user.id, agent)
    sign_in(request, user, token)
    answer = RedirectResponse(target, status_code=303)
    await run_in_threadpool(throttle.succeeded, request, email, answer)
    return answer


@router.post("/logout")
def logout(request: Request, services: ServicesDep, posted: Posted) -> Response:
    """Sign out: this session ends on the server (the form token keeps other sites out)."""
    if not posted.token_valid:
        return RedirectResponse("/", status_code=303)
    sign_out(request, services)
    return RedirectResponse("/login", status_code=303)


@router.post("/account/sessions/end-all")
def sign_out_everywhere(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """End every session of the account, this one too."""
    if not posted.token_valid:
        return RedirectResponse("/account", status_code=303)
    services.sessions.end_all(user.id)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _account_page(
    request: Request, services: ServicesDep, user: CurrentUser, status: int, **context: object
) -> Response:
    token = session_token(request) or ""
    sessions = [
        {"session": s, "current": is_token_of(s, token)}
        for s in services.sessions.sessions(user.id)
    ]
    weekly = services.weekly_email
    return page(
        request,
        "account.html",
        status,
        sessions=sessions,
        weekly=weekly.choice(user.id),
        weekly_available=weekly.available,
        weekdays=WEEKDAYS,
        send_at=SEND_AT.strftime("%H:%M"),
        **context,
    )


@router.get("/account")
def account_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """Display name, time zone, password, and the signed-in browsers."""
    return _account_page(
        request,
        services,
        user,
        200,
        values={"display_name": user.display_name, "timezone": user.timezone},
        error=None,
        saved=request.query_params.get("saved"),
        weekly_saved=request.query_params.get("weekly"),
    )


@router.post("/account")
def save_account(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Save the account settings; on a mistake, show it and keep what was typed."""
    fields: dict[str, str] = {}
    try:
        fields = posted.checked()
        services.accounts.update_profile(
            user.id,
            fields.get("display_name", ""),
            fields.get("timezone", ""),
            fields.get("current_password", ""),
            fields.get("new_password", ""),
        )
    except DayglassError as error:
        values = {
            "display_name": fields.get("display_name", user.display_name),
            "timezone": fields.get("timezone", user.timezone),
        }
        return _account_page(
            request,
            services,
            user,
            400,
            values=values,
            error=error.message,
            saved=None,
        )
    token = session_token(request)
    if fields.get("new_password") and token is not None:
        # A new password ends every other session: whoever held an old cookie is out.
        services.sessions.end_others(user.id, token)
    return RedirectResponse("/account?saved=1", status_code=303)


@router.post("/account/weekly-email")
def save_weekly_email(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Turn the weekly report by email on or off and choose its day."""
    try:
        fields = posted.checked()
        services.weekly_email.choose(
            user.id, fields.get("enabled") == "on", fields.get("weekday", "")
        )
    except DayglassError as error:
        values = {"display_name": user.display_name, "timezone": user.timezone}
        return _account_page(
            request, services, user, 400, values=values, weekly_error=error.message
        )
    return RedirectResponse("/account?weekly=saved#weekly-email", status_code=303)
