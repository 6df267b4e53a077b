"""Typed FastAPI dependencies: the app's services and its clock, as routes receive them."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from dayglass.core.clock import Clock
from dayglass.services.registry import Services


def app_services(request: Request) -> Services:
    """The services the composition root built for this app."""
    return cast(Services, request.app.state.services)


def app_clock(request: Request) -> Clock:
    """The clock every route of this app reads."""
    return app_services(request).clock


ServicesDep = Annotated[Services, Depends(app_services)]
ClockDep = Annotated[Clock, Depends(app_clock)]
