"""The dashboard: a day, a week or a month at a glance, with drill-down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from dayglass.core.accounts import User
from dayglass.core.clock import Clock, local_date
from dayglass.http.dependencies import ServicesDep, SnapshotDep
from dayglass.http.one_hop import OneHopRoute, short_read
from dayglass.http.web.dashboard_view import Drill, build_dashboard
from dayglass.http.web.latest_day import latest_day_with_time
from dayglass.http.web.periods import Span, period_of
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user
from dayglass.http.web.timeline_day import day_timeline, picked_gap
from dayglass.http.web.timeline_view import Reclaim
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)


def user_today(user: User, clock: Clock) -> date:
    """Today in the user's time zone."""
    return local_date(clock, user.timezone)


def parse_day(text: str | None, fallback: date) -> date:
    """A `YYYY-MM-DD` day, or fallback when missing or malformed."""
    try:
        return date.fromisoformat(text) if text else fallback
    except ValueError:
        return fallback


@dataclass(frozen=True)
class DashboardQuery:
    """What a dashboard address asks for, as typed."""

    span: str = "day"
    day: str | None = None
    overview: str | None = None
    category: str | None = None
    activity: str | None = None
    project: str | None = None
    hour: str | None = None
    logged: str | None = None
    away: str | None = None


@router.get("/")
@short_read
def dashboard(
    request: Request,
    services: ServicesDep,
    snapshot: SnapshotDep,
    user: Annotated[User, Depends(current_user)],
    span: str = "day",
    day: str | None = None,
    overview: str | None = None,
    category: str | None = None,
    activity: str | None = None,
    project: str | None = None,
    hour: str | None = None,
    logged: str | None = None,
    away: str | None = None,
) -> Response:
    """The dashboard page; with no day asked and no time yet, the latest period that has time."""
    query = DashboardQuery(span, day, overview, category, activity, project, hour, logged, away)
    with snapshot():  # the page's reads: one view of the user's data, one transaction
        return render_dashboard(request, services, user, query)


def render_dashboard(
    request: Request,
    services: Services,
    user: User,
    query: DashboardQuery,
    reclaim: Reclaim | None = None,
) -> Response:
    """The dashboard page for query; a day's page has its timeline and the form to log time
    away (refused with reclaim's error, status 400)."""
    chosen = Span(query.span) if query.span in Span._value2member_map_ else Span.DAY
    today = user_today(user, services.clock)
    period = period_of(chosen, parse_day(query.day, today))
    projects = services.projects.book(user.id).projects
    # Only one of the user's own projects narrows the page; any other id is ignored.
    picked = next((p for p in projects if str(p.id) == (query.project or "").strip()), None)
    drill = Drill(
        query.overview or None,
        query.category or None,
        query.activity or None,
        picked.id if picked else None,
    )
    view = build_dashboard(services.reports, user.id, period, drill)
    empty_today = not query.day and not drill.any and not view.total_seconds
    latest = latest_day_with_time(services.reports, user.id, today) if empty_today else None
    if latest is not None:
        period = period_of(chosen, latest)
        view = build_dashboard(services.reports, user.id, period, drill)
    timeline = None
    if period.span is Span.DAY:
        timeline = day_timeline(
            services, user, period.begin, query.hour, reclaim or picked_gap(query.away)
        )
    return page(
        request,
        "dashboard.html",
        status=400 if reclaim and reclaim.error else 200,
        view=view,
        spans=list(Span),
        today=today,
        moved=latest,
        projects=projects,
        project=picked,
        timeline=timeline,
        logged=query.logged,
    )
