"""The timeline's own routes: the day's spans as JSON, and logging time away as offline time."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import InvalidInput
from dayglass.http.dependencies import ServicesDep, app_background
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.dashboard_pages import (
    DashboardQuery,
    parse_day,
    render_dashboard,
    user_today,
)
from dayglass.http.web.forms import Posted
from dayglass.http.web.session import current_user
from dayglass.http.web.timeline_view import Reclaim, clock_text

router = APIRouter(route_class=OneHopRoute)
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")


@router.get("/timeline.json")
def timeline_json(
    services: ServicesDep, user: Annotated[User, Depends(current_user)], day: str | None = None
) -> Response:
    """A local day's rows and spans (milliseconds since local midnight) and its away gaps."""
    timeline = services.timeline.day(user.id, parse_day(day, user_today(user, services.clock)))
    return JSONResponse(
        {
            "day": timeline.day.isoformat(),
            "ms": timeline.ms,
            "rows": [
                {
                    "name": row.name,
                    "offline": row.offline,
                    "ms": row.ms,
                    "spans": [
                        {
                            "start_ms": s.start_ms,
                            "end_ms": s.end_ms,
                            "start": clock_text(s.start_ms),
                            "end": clock_text(s.end_ms),
                            "activity": s.activity,
                            "document": s.document,
                            "category": s.category,
                            "overview": s.overview,
                            "productivity": s.productivity,
                        }
                        for s in row.spans
                    ],
                }
                for row in timeline.rows
            ],
            "gaps": [{"start_ms": g.start_ms, "end_ms": g.end_ms} for g in timeline.gaps],
        }
    )


def _offline_fields(day: str, fields: dict[str, str]) -> dict[str, str]:
    """The offline time API's fields for a part of a day's time away."""
    start, end = fields.get("start", "").strip(), fields.get("end", "").strip()
    if not (_TIME.fullmatch(start) and _TIME.fullmatch(end)):
        raise InvalidInput("From and To: expected times of the day such as 12:30")
    name = (fields.get("activity_name") or fields.get("other") or "").strip()
    if not name:
        raise InvalidInput("Name what you were doing, or pick one of the names")
    return {
        "start_time": f"{day} {start}",
        "end_time": f"{day} {end}",
        "activity_name": name,
        "activity_details": "",
    }


@router.post("/timeline/away")
def log_time_away(
    request: Request,
    services: ServicesDep,
    user: Annotated[User, Depends(current_user)],
    form: Posted,
) -> Response:
    """Log (part of) a time away as offline time, through the offline time API's rules."""
    fields = form.fields
    day = parse_day(fields.get("day"), user_today(user, services.clock)).isoformat()
    keep = {k: fields[k] for k in ("project", "hour") if fields.get(k)}
    try:
        services.offline.add(user.id, _offline_fields(day, form.checked()))
    except InvalidInput as refused:
        reclaim = Reclaim(
            fields.get("start", ""), fields.get("end", ""), fields.get("other", ""), refused.message
        )
        query = DashboardQuery(day=day, project=keep.get("project"), hour=keep.get("hour"))
        return render_dashboard(request, services, user, query, reclaim)
    app_background(request).alerts_due(user.id)
    target = urlencode({"span": "day", "day": day, **keep, "logged": "1"})
    return RedirectResponse(f"/?{target}#day-timeline", status_code=303)
