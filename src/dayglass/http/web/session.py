"""Signed-in users: the session cookie, the form token, the page guard."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request

from dayglass.core.accounts import User
from dayglass.core.errors import NotFound
from dayglass.http.dependencies import ServicesDep

_USER = "user_id"
_CSRF = "csrf"


class SignInRequired(Exception):
    """The page needs a signed-in user; the app redirects to the sign-in page."""


def csrf_token(request: Request) -> str:
    """The session's form token, made on first use."""
    token = request.session.get(_CSRF)
    if isinstance(token, str) and token:
        return token
    made = request.session[_CSRF] = secrets.token_urlsafe(32)
    return made


def csrf_valid(request: Request, presented: object) -> bool:
    """Whether a form carried the session's token."""
    expected = request.session.get(_CSRF)
    return (
        isinstance(expected, str)
        and bool(expected)
        and isinstance(presented, str)
        and hmac.compare_digest(expected, presented)
    )


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for user (a new form token too)."""
    request.session.clear()
    request.session[_USER] = user.id
    csrf_token(request)


def sign_out(request: Request) -> None:
    """End the session."""
    request.session.clear()


def session_user_id(request: Request) -> int | None:
    """The id the session was signed in as (not checked against the accounts)."""
    user_id = request.session.get(_USER)
    return user_id if isinstance(user_id, int) else None


def current_user(request: Request, services: ServicesDep) -> User:
    """FastAPI dependency: the signed-in user, or SignInRequired (blocks on the database)."""
    user_id = session_user_id(request)
    if user_id is None:
        raise SignInRequired
    try:
        user = services.accounts.user(user_id)
    except NotFound:
        request.session.clear()
        raise SignInRequired from None
    request.state.user = user
    return user


CurrentUser = Annotated[User, Depends(current_user)]
