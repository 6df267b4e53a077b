"""Typed FastAPI dependencies: what the composition root put on the app, as routes receive it.

The only reader of `app.state` besides the composition root (`http/app.py`): every route asks
for `ServicesDep`, `ClockDep` and the rest here, so the app's parts have one typed seam.

The dependencies are coroutines: FastAPI runs a plain function dependency in a worker thread,
and a trip to the thread pool (twice, for a route that also asks for the clock) would cost
more than reading an attribute.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from typing import Annotated, Protocol, TypeVar, cast

from fastapi import Depends, Request

from dayglass.core.clock import Clock
from dayglass.http.background import Background
from dayglass.http.oauth.server import DayglassAuthorizationServer
from dayglass.http.web.throttle import SignInThrottle
from dayglass.services.registry import Services
from dayglass.settings import Settings


def app_services(request: Request) -> Services:
    """The services the composition root built for this app."""
    return cast(Services, request.app.state.services)


def app_clock(request: Request) -> Clock:
    """The clock every route of this app reads."""
    return app_services(request).clock


def app_settings(request: Request) -> Settings:
    """The settings the app was made with."""
    return cast(Settings, request.app.state.settings)


def app_background(request: Request) -> Background:
    """The app's background work (closing days, alerts, webhooks)."""
    return cast(Background, request.app.state.background)


def app_oauth_server(request: Request) -> DayglassAuthorizationServer:
    """The app's OAuth2 authorization server."""
    return cast(DayglassAuthorizationServer, request.app.state.oauth_server)


def app_signin_throttle(request: Request) -> SignInThrottle:
    """The app's memory of failed sign-ins."""
    return cast(SignInThrottle, request.app.state.signin_throttle)


class Snapshot(Protocol):
    """Opens one read transaction that every store read inside it shares (a request's view);
    see `dayglass.storage.snapshot` for lone_statement."""

    def __call__(self, *, lone_statement: bool = False) -> AbstractContextManager[None]: ...


def app_loop_reads(request: Request) -> bool:
    """Whether this app's short reads run on the event loop (see `dayglass.http.loop_reads`)."""
    return cast(bool, request.app.state.loop_reads)


def app_snapshot(request: Request) -> Snapshot:
    """Opens one read transaction that every store read inside it shares (a request's view)."""
    return cast(Snapshot, request.app.state.snapshot)


T = TypeVar("T")


def _on_loop(read: Callable[[Request], T]) -> Callable[[Request], Awaitable[T]]:
    """read as a coroutine dependency, so FastAPI calls it on the event loop."""

    async def dependency(request: Request) -> T:
        return read(request)

    return dependency


ServicesDep = Annotated[Services, Depends(_on_loop(app_services))]
ClockDep = Annotated[Clock, Depends(_on_loop(app_clock))]
SettingsDep = Annotated[Settings, Depends(_on_loop(app_settings))]
BackgroundDep = Annotated[Background, Depends(_on_loop(app_background))]
LoopReadsDep = Annotated[bool, Depends(_on_loop(app_loop_reads))]
OAuthServerDep = Annotated[DayglassAuthorizationServer, Depends(_on_loop(app_oauth_server))]
SignInThrottleDep = Annotated[SignInThrottle, Depends(_on_loop(app_signin_throttle))]
SnapshotDep = Annotated[Snapshot, Depends(_on_loop(app_snapshot))]
