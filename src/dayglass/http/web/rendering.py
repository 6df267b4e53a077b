"""Jinja2 templates and the values every page gets."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dayglass.core.durations import short_duration
from dayglass.core.localtime import label
from dayglass.http.web.session import csrf_token

_HERE = Path(__file__).parent
LEVEL_NAMES = {
    2: "Very productive",
    1: "Productive",
    0: "Neutral",
    -1: "Distracting",
    -2: "Very distracting",
}


def duration(seconds: float) -> str:
    """Seconds as people read a duration: `3h 12m`, `4m 10s`, `12s`."""
    return short_duration(round(seconds))


def local_time(moment: datetime, zone: str) -> str:
    """An aware moment as `YYYY-MM-DD HH:MM` in the time zone zone."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


@cache
def templates() -> Jinja2Templates:
    """The page templates, with Dayglass's filters."""
    found = Jinja2Templates(directory=_HERE / "templates")
    found.env.filters["duration"] = duration
    found.env.filters["local_label"] = label
    found.env.filters["local_time"] = local_time
    found.env.globals["LEVEL_NAMES"] = LEVEL_NAMES
    return found


def page(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    """Render a page with the signed-in user and the form token."""
    return templates().TemplateResponse(
        request,
        name,
        {"user": getattr(request.state, "user", None), "csrf": csrf_token(request), **context},
        status_code=status,
    )
