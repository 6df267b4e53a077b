"""Signed-in users: the session cookie, the form token, the page guard."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.errors import NotFound

_USER = "user_id"
_CSRF = "csrf"


class SignInRequired(Exception):
    """The page needs a signed-in user; the app redirects to the sign-in page."""


def csrf_token(request: Request) -> str:
    """The session's form token, made on first use."""
    token = request.session.get(_CSRF)
    if not token:
        token = request.session[_CSRF] = secrets.token_urlsafe(32)
    return token


def csrf_valid(request: Request, presented: object) -> bool:
    """Whether a form carried the session's token."""
    expected = request.session.get(_CSRF)
    return (
        bool(expected) and isinstance(presented, str) and hmac.compare_digest(expected, presented)
    )


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for user (a new form token too)."""
    request.session.clear()
    request.session[_USER] = user.id
    csrf_token(request)


def sign_out(request: Request) -> None:
    """End the session."""
    request.session.clear()


async def current_user(request: Request) -> User:
    """FastAPI dependency: the signed-in user, or SignInRequired."""
    user_id = request.session.get(_USER)
    if not isinstance(user_id, int):
        raise SignInRequired
    try:
        user = await run_in_threadpool(request.app.state.services.accounts.user, user_id)
    except NotFound:
        request.session.clear()
        raise SignInRequired from None
    request.state.user = user
    return user
