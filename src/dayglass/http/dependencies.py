"""Typed FastAPI dependencies: what the composition root put on the app, as routes receive it.

The only reader of `app.state` besides the composition root (`http/app.py`): every route asks
for `ServicesDep`, `ClockDep` and the rest here, so the app's parts have one typed seam.
"""

from __future__ import annotations

from typing import Annotated, cast

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


ServicesDep = Annotated[Services, Depends(app_services)]
ClockDep = Annotated[Clock, Depends(app_clock)]
SettingsDep = Annotated[Settings, Depends(app_settings)]
BackgroundDep = Annotated[Background, Depends(app_background)]
OAuthServerDep = Annotated[DayglassAuthorizationServer, Depends(app_oauth_server)]
SignInThrottleDep = Annotated[SignInThrottle, Depends(app_signin_throttle)]
