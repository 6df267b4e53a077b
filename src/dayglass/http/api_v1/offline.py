"""Offline time through the native API."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel

from dayglass.core.offline import OfflineEntry
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import Key
from dayglass.http.dependencies import BackgroundDep, ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["offline"])


class OfflineIn(BaseModel):
    """Local `start_time` (`YYYY-MM-DD HH:MM:SS` or unix time), `duration` in minutes or
    `end_time`, `activity_name` and optional `activity_details`; at most 4 hours, not future."""

    start_time: str | int | float
    duration: float | None = None
    end_time: str | int | float | None = None
    activity_name: str
    activity_details: str | None = None


def entry_out(entry: OfflineEntry) -> dict[str, object]:
    """An entry as the native API shows it."""
    span = entry.span
    return {
        "id": entry.id,
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "minutes": round(span.seconds / 60, 2),
        "activity_name": span.activity,
        "activity_details": span.details,
    }


@router.get("/offline")
def list_offline(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """The user's offline entries, latest first."""
    return [entry_out(e) for e in services.offline.entries(key.user_id)]


@router.post("/offline", status_code=201)
def add_offline(
    services: ServicesDep, background: BackgroundDep, key: Key, new: OfflineIn
) -> dict[str, object]:
    """Add offline time; it counts in reports as source type `offline`."""
    made = services.offline.add(key.user_id, new.model_dump())
    background.alerts_due(key.user_id)
    return entry_out(made)


@router.put("/offline/{entry_id}")
def change_offline(
    services: ServicesDep, background: BackgroundDep, key: Key, entry_id: RowId, new: OfflineIn
) -> dict[str, object]:
    """Replace an entry's time and names."""
    changed = services.offline.change(key.user_id, entry_id, new.model_dump())
    background.alerts_due(key.user_id)
    return entry_out(changed)


@router.delete("/offline/{entry_id}", status_code=204)
def remove_offline(services: ServicesDep, key: Key, entry_id: RowId) -> Response:
    """Delete an entry and its time."""
    services.offline.remove(key.user_id, entry_id)
    return Response(status_code=204)
