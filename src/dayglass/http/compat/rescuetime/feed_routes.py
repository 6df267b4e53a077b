"""The rest of the RescueTime API by key: summaries, alerts, highlights, FocusTime, offline.

Every endpoint takes its key and parameters from the query string, a form or a JSON body, or
the key as a Bearer token; serves a `.json` suffix; answers 200 with JSON, or 400 with a reason.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response

from dayglass.core.errors import InvalidInput
from dayglass.core.highlights import day_field
from dayglass.http.compat.rescuetime import params as p
from dayglass.http.compat.rescuetime.daily_summary import summary_object
from dayglass.http.compat.rescuetime.feed_json import (
    alert_json,
    ended_json,
    highlight_json,
    offline_json,
    started_json,
)
from dayglass.http.compat.rescuetime.feed_request import Handler, answer
from dayglass.http.compat.rescuetime.offline_params import offline_fields
from dayglass.http.compat.rescuetime.triggerings import triggering_json
from dayglass.http.dependencies import BackgroundDep, ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute, include_in_schema=False)
GET_POST = ["GET", "POST"]


def _route(path: str, methods: list[str], handler: Handler, after_ingest: bool = False) -> None:
    """Serve handler at /anapi/path and /anapi/path.json."""

    async def endpoint(
        request: Request, services: ServicesDep, background: BackgroundDep
    ) -> Response:
        then = background.alerts_due if after_ingest else None
        return await answer(request, services, handler, then)

    endpoint.__name__ = path
    for suffix in ("", ".json"):
        router.add_api_route(f"/anapi/{path}{suffix}", endpoint, methods=methods)


def _zone(services: Services, user_id: int) -> str:
    return services.accounts.user(user_id).timezone


def daily_summary_feed(
    services: Services, user_id: int, params: p.RawParams
) -> list[dict[str, object]]:
    """Summaries of the last two weeks' days with time, newest first."""
    return [summary_object(s) for s in services.summaries.recent_days(user_id)]


def alerts_feed(services: Services, user_id: int, params: p.RawParams) -> list[dict[str, object]]:
    """op=status (default): triggerings, newest first; op=list: the alert definitions."""
    op = (p.value(params, ("op",)) or "status").lower()
    raw_id = p.value(params, ("alert_id",))
    if raw_id is not None and not (raw_id.isdigit() and len(raw_id) <= 18):
        raise InvalidInput("alert_id: expected an integer")
    alert_id = None if raw_id is None else int(raw_id)
    if op == "list":
        found = services.alerts.alerts(user_id)
        return [alert_json(a) for a in found if alert_id in (None, a.id)]
    if op != "status":
        raise InvalidInput("op: expected 'status' or 'list'")
    zone = _zone(services, user_id)
    return [triggering_json(t, zone) for t in services.alerts.triggerings(user_id, alert_id)]


def highlights_feed(
    services: Services, user_id: int, params: p.RawParams
) -> list[dict[str, object]]:
    """Recent highlights, newest first; restrict_begin/end or start_date/end_date filter days."""
    zone = _zone(services, user_id)
    begin = p.value(params, (*p.BEGIN, "start_date"))
    end = p.value(params, (*p.END, "end_date"))
    first = None if begin is None else day_field("restrict_begin", begin, ZoneInfo(zone))
    last = None if end is None else day_field("restrict_end", end, ZoneInfo(zone))
    return [highlight_json(h, zone) for h in services.highlights.highlights(user_id, first, last)]


def highlights_post(services: Services, user_id: int, params: p.RawParams) -> dict[str, object]:
    """Add a highlight."""
    made = services.highlights.add(
        user_id,
        p.value(params, ("highlight_date",)),
        p.value(params, ("description",)),
        p.value(params, ("source",)),
    )
    return highlight_json(made, _zone(services, user_id))


def start_focustime(services: Services, user_id: int, params: p.RawParams) -> dict[str, object]:
    """Start a FocusTime session."""
    duration = p.value(params, ("duration",))
    if duration is None:
        raise InvalidInput("duration: required (minutes, a multiple of 5, or -1)")
    session = services.focus.start(user_id, duration)
    return started_json(session, _zone(services, user_id))


def end_focustime(services: Services, user_id: int, params: p.RawParams) -> dict[str, object]:
    """End the running FocusTime session."""
    session = services.focus.end(user_id)
    return ended_json(session.ended_at or session.ends_at, _zone(services, user_id))


def focustime_started_feed(
    services: Services, user_id: int, params: p.RawParams
) -> list[dict[str, object]]:
    """Sessions started, newest first."""
    zone = _zone(services, user_id)
    return [started_json(s, zone) for s in services.focus.sessions(user_id)]


def focustime_ended_feed(
    services: Services, user_id: int, params: p.RawParams
) -> list[dict[str, object]]:
    """Sessions ended (early, or by running out), newest first."""
    zone = _zone(services, user_id)
    return [ended_json(end, zone) for end, _ in services.focus.ended(user_id)]


def offline_time_post(services: Services, user_id: int, params: p.RawParams) -> dict[str, object]:
    """Store offline time."""
    return offline_json(services.offline.add(user_id, offline_fields(params)))


_route("daily_summary_feed", GET_POST, daily_summary_feed)
_route("alerts_feed", GET_POST, alerts_feed)
_route("highlights_feed", GET_POST, highlights_feed)
_route("highlights_post", ["POST"], highlights_post)
_route("start_focustime", ["POST"], start_focustime)
_route("end_focustime", ["POST"], end_focustime)
_route("focustime_started_feed", GET_POST, focustime_started_feed)
_route("focustime_ended_feed", GET_POST, focustime_ended_feed)
_route("offline_time_post", ["POST"], offline_time_post, after_ingest=True)
