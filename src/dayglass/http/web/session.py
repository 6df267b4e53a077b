"""Signed-in users: the session cookie, the form token, the page guard.

The cookie (signed) carries the user's id, a session token and the form token; the server keeps
the token's hash (`SessionService`), so a session ends for good when its row goes.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.http.dependencies import LoopReadsDep, ServicesDep
from dayglass.services.registry import Services

_USER = "user_id"
_TOKEN = "sid"
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


def sign_in(request: Request, user: User, token: str) -> None:
    """Put a session the server started (token) in the cookie, with a new form token."""
    request.session.clear()
    request.session[_USER] = user.id
    request.session[_TOKEN] = token
    csrf_token(request)


def sign_out(request: Request, services: Services) -> None:
    """End the session on the server and forget it in the cookie (blocks on the database)."""
    user_id, token = session_user_id(request), session_token(request)
    if user_id is not None and token is not None:
        services.sessions.end(user_id, token)
    request.session.clear()


def session_user_id(request: Request) -> int | None:
    """The id the session was signed in as (not checked against the server's sessions)."""
    user_id = request.session.get(_USER)
    return user_id if isinstance(user_id, int) else None


def session_token(request: Request) -> str | None:
    """The cookie's session token, if it has one."""
    token = request.session.get(_TOKEN)
    return token if isinstance(token, str) and token else None


def signed_in_user(request: Request, services: Services) -> User:
    """The signed-in user, or SignInRequired (blocks on the database; may write)."""
    user_id, token = _cookie_session(request)
    return _checked(request, services.sessions.user(user_id, token))


async def current_user(request: Request, services: ServicesDep, loop_reads: LoopReadsDep) -> User:
    """FastAPI dependency: the signed-in user, or SignInRequired.

    On SQLite the session is read on the event loop (see `dayglass.http.loop_reads`), so that
    a page's own work is its one trip to a worker thread; noting the session's use (a write,
    once a minute) and anything on PostgreSQL go to a worker thread.
    """
    if not loop_reads:
        return await run_in_threadpool(signed_in_user, request, services)
    user_id, token = _cookie_session(request)
    sessions = services.sessions
    found = sessions.signed_in(user_id, token)
    if found is not None and sessions.take_touch(found[1]):
        await run_in_threadpool(sessions.touch, found[1])
    return _checked(request, None if found is None else found[0])


def _cookie_session(request: Request) -> tuple[int, str]:
    """The user id and session token of the cookie, or SignInRequired."""
    user_id, token = session_user_id(request), session_token(request)
    if user_id is None or token is None:
        request.session.pop(_USER, None)
        raise SignInRequired
    return user_id, token


def _checked(request: Request, user: User | None) -> User:
    """user, noted as the request's; SignInRequired when the session ended on the server
    (signed out, a new password, everywhere): the cookie is stale."""
    if user is None:
        request.session.clear()
        raise SignInRequired
    request.state.user = user
    return user


CurrentUser = Annotated[User, Depends(current_user)]
