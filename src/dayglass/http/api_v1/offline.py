"""Offline time through the native API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.offline import OfflineEntry
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import api_key
from dayglass.http.background import alerts_due

router = APIRouter(tags=["offline"])
Key = Annotated[ApiKey, Depends(api_key)]


class OfflineIn(BaseModel):
    """Local `start_time` (`YYYY-MM-DD HH:MM:SS` or unix time), `duration` in minutes or
    `end_time`, `activity_name` and optional `activity_details`; at most 4 hours, not future."""

    start_time: str | int | float
    duration: float | None = None
    end_time: str | int | float | None = None
    activity_name: str
    activity_details: str | None = None


def entry_out(entry: OfflineEntry) -> dict:
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
async def list_offline(request: Request, key: Key) -> list[dict]:
    """The user's offline entries, latest first."""
    found = await run_in_threadpool(request.app.state.services.offline.entries, key.user_id)
    return [entry_out(e) for e in found]


@router.post("/offline", status_code=201)
async def add_offline(request: Request, key: Key, new: OfflineIn) -> dict:
    """Add offline time; it counts in reports as source type `offline`."""
    offline = request.app.state.services.offline
    made = await run_in_threadpool(offline.add, key.user_id, new.model_dump())
    alerts_due(request.app, key.user_id)
    return entry_out(made)


@router.put("/offline/{entry_id}")
async def change_offline(request: Request, key: Key, entry_id: RowId, new: OfflineIn) -> dict:
    """Replace an entry's time and names."""
    offline = request.app.state.services.offline
    changed = await run_in_threadpool(offline.change, key.user_id, entry_id, new.model_dump())
    alerts_due(request.app, key.user_id)
    return entry_out(changed)


@router.delete("/offline/{entry_id}", status_code=204)
async def remove_offline(request: Request, key: Key, entry_id: RowId) -> Response:
    """Delete an entry and its time."""
    await run_in_threadpool(request.app.state.services.offline.remove, key.user_id, entry_id)
    return Response(status_code=204)
