"""Signing in and out, and the account settings page."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.errors import DayglassError, NotAuthenticated
from dayglass.http.dependencies import ServicesDep, SignInThrottleDep
from dayglass.http.web.forms import Posted, posted_form
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser, sign_in, sign_out

router = APIRouter()


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
    """Check email and password; slow down after repeated failures."""
    try:
        fields = posted.checked()
    except DayglassError as error:
        return page(request, "login.html", 400, next="/", email="", error=error.message)
    email, password = fields.get("email", ""), fields.get("password", "")
    target = _safe_next(fields.get("next"))
    # Awaited on the event loop: a slowed sign-in holds no worker thread while it waits.
    await asyncio.sleep(throttle.delay(email))
    try:
        user = await run_in_threadpool(services.accounts.sign_in, email, password)
    except NotAuthenticated:
        throttle.failed(email)
        message = "Wrong email or password."
        return page(request, "login.html", 401, next=target, email=email, error=message)
    throttle.succeeded(email)
    sign_in(request, user)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Sign out (the form token is checked so other sites cannot sign people out)."""
    try:
        await posted_form(request)
    except DayglassError:
        return RedirectResponse("/", status_code=303)
    sign_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/account")
async def account_page(request: Request, user: CurrentUser) -> Response:
    """Display name, time zone and password."""
    return page(
        request,
        "account.html",
        values={"display_name": user.display_name, "timezone": user.timezone},
        error=None,
        saved=request.query_params.get("saved"),
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
        return page(request, "account.html", 400, values=values, error=error.message, saved=None)
    return RedirectResponse("/account?saved=1", status_code=303)
