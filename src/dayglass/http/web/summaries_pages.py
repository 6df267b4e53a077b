"""Daily summaries: each closed day of the last two weeks, as frozen when the day ended."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dayglass.http.compat.rescuetime.daily_summary import summary_object
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser

router = APIRouter(route_class=OneHopRoute)


@router.get("/summaries")
def summaries_page(request: Request, services: ServicesDep, user: CurrentUser) -> Response:
    """The last two weeks' daily summaries, newest first (the same objects as the feed)."""
    found = services.summaries.recent_days(user.id)
    return page(request, "summaries.html", summaries=[summary_object(s) for s in found])
