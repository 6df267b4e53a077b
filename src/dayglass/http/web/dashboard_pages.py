"""The dashboard: a day, a week or a month at a glance, with drill-down."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.clock import Clock, local_date
from dayglass.http.web.dashboard_view import Drill, build_dashboard
from dayglass.http.web.periods import Span, period_of
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()


def user_today(user: User, clock: Clock) -> date:
    """Today in the user's time zone."""
    return local_date(clock, user.timezone)


def parse_day(text: str | None, fallback: date) -> date:
    """A `YYYY-MM-DD` day, or fallback when missing or malformed."""
    try:
        return date.fromisoformat(text) if text else fallback
    except ValueError:
        return fallback


@router.get("/")
async def dashboard(
    request: Request,
    user: Annotated[User, Depends(current_user)],
    span: str = "day",
    day: str | None = None,
    overview: str | None = None,
    category: str | None = None,
    activity: str | None = None,
) -> Response:
    """The dashboard page."""
    chosen = Span(span) if span in Span._value2member_map_ else Span.DAY
    period = period_of(chosen, parse_day(day, user_today(user, request.app.state.services.clock)))
    drill = Drill(overview or None, category or None, activity or None)
    view = await run_in_threadpool(
        build_dashboard, request.app.state.services.reports, user.id, period, drill
    )
    return page(request, "dashboard.html", view=view, spans=list(Span))
