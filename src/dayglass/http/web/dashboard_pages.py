"""The dashboard: a day, a week or a month at a glance, with drill-down."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from dayglass.core.accounts import User
from dayglass.core.clock import Clock, local_date
from dayglass.http.dependencies import ServicesDep
from dayglass.http.web.dashboard_view import Drill, build_dashboard
from dayglass.http.web.latest_day import latest_day_with_time
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
def dashboard(
    request: Request,
    services: ServicesDep,
    user: Annotated[User, Depends(current_user)],
    span: str = "day",
    day: str | None = None,
    overview: str | None = None,
    category: str | None = None,
    activity: str | None = None,
    project: str | None = None,
) -> Response:
    """The dashboard page; with no day asked and no time yet, the latest period that has time."""
    chosen = Span(span) if span in Span._value2member_map_ else Span.DAY
    today = user_today(user, services.clock)
    period = period_of(chosen, parse_day(day, today))
    projects = services.projects.book(user.id).projects
    # Only one of the user's own projects narrows the page; any other id is ignored.
    picked = next((p for p in projects if str(p.id) == (project or "").strip()), None)
    drill = Drill(
        overview or None, category or None, activity or None, picked.id if picked else None
    )
    view = build_dashboard(services.reports, user.id, period, drill)
    empty_today = not day and not drill.any and not view.total_seconds
    latest = latest_day_with_time(services.reports, user.id, today) if empty_today else None
    if latest is not None:
        view = build_dashboard(services.reports, user.id, period_of(chosen, latest), drill)
    return page(
        request,
        "dashboard.html",
        view=view,
        spans=list(Span),
        today=today,
        moved=latest,
        projects=projects,
        project=picked,
    )
