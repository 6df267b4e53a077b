"""The team dashboard: what managers, admins and owners may see of their groups' time."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dayglass.core.errors import DayglassError, NotFound
from dayglass.http.api_v1.ids import RowId
from dayglass.http.dependencies import ServicesDep
from dayglass.http.errors import status_of
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.dashboard_pages import parse_day, user_today
from dayglass.http.web.periods import Span, period_of
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.http.web.team_pages_view import build_team_view

router = APIRouter(route_class=OneHopRoute)


@router.get("/orgs/{org_id}/dashboard")
def team_dashboard(
    request: Request,
    services: ServicesDep,
    user: CurrentUser,
    org_id: RowId,
    group: str = "",
    span: str = "week",
    day: str | None = None,
) -> Response:
    """A group's (or all the visible team's) time in a period; 404 outside the organization,
    403 for members who read no reports, 404 for a group the viewer does not manage."""
    try:
        audience = services.teams.audience(user.id, org_id)
        chosen = None
        if group.strip():
            found = [g for g in audience.groups if str(g.id) == group.strip()]
            if not found:
                raise NotFound(f"no group {group!r} you may see in this organization")
            chosen = found[0]
    except DayglassError as error:
        return page(request, "team_denied.html", status_of(error), error=error.message)
    members = audience.members
    if chosen is not None:
        members = [m for m in members if m.user_id in chosen.members]
    today = user_today(user, services.clock)
    chosen_span = Span(span) if span in Span._value2member_map_ else Span.WEEK
    period = period_of(chosen_span, parse_day(day, today))
    view = build_team_view(services.team_reports, members, period)
    moved = not day and not view.total and period.previous is not None
    if moved and period.previous is not None:
        # Early in a period (a Sunday morning) the one before says more than an empty page.
        earlier = build_team_view(
            services.team_reports, members, period_of(chosen_span, period.previous)
        )
        view = earlier if earlier.total else view
        moved = bool(earlier.total)
    return page(
        request,
        "team_dashboard.html",
        org=audience.org,
        groups=audience.groups,
        group=chosen,
        view=view,
        spans=list(Span),
        members=len(members),
        moved=moved,
    )
