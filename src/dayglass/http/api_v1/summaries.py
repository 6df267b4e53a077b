"""Daily summaries through the native API (the same objects as RescueTime's feed)."""

from __future__ import annotations

from fastapi import APIRouter

from dayglass.http.auth import Key
from dayglass.http.compat.rescuetime.daily_summary import summary_object
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["daily summaries"])


@router.get("/daily-summaries")
def list_summaries(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """Snapshots of the last two weeks' days with time, newest first."""
    return [summary_object(s) for s in services.summaries.recent_days(key.user_id)]
