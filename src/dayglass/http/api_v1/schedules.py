"""Schedules through the native API: named weekly windows of local time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.schedules import WEEKDAYS, Schedule, format_clock, grouped, windows_of
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import api_key

router = APIRouter(tags=["schedules"])
Key = Annotated[ApiKey, Depends(api_key)]


class WindowIn(BaseModel):
    """Days (`["mon", "tue"]` or `"mon-fri"`) and local times `HH:MM` on 5-minute steps."""

    days: str | list[str]
    start: str
    end: str


class NewSchedule(BaseModel):
    """A schedule: a name and its weekly windows."""

    name: Annotated[str, Field(max_length=200)]
    windows: Annotated[list[WindowIn], Field(min_length=1, max_length=200)]


def schedule_json(schedule: Schedule) -> dict:
    """A schedule as the API shows it: windows with the same times share one entry."""
    return {
        "id": schedule.id,
        "name": schedule.name,
        "windows": [
            {
                "days": [WEEKDAYS[d] for d in days],
                "start": format_clock(start),
                "end": format_clock(end),
            }
            for days, start, end in grouped(schedule.windows)
        ],
    }


@router.get("/schedules")
async def list_schedules(request: Request, key: Key) -> list[dict]:
    """The user's schedules, oldest first."""
    found = await run_in_threadpool(request.app.state.services.schedules.schedules, key.user_id)
    return [schedule_json(s) for s in found]


@router.post("/schedules", status_code=201)
async def add_schedule(request: Request, key: Key, new: NewSchedule) -> dict:
    """Make a schedule; its id is what `restrict_schedule_id` takes."""
    windows = [w for spec in new.windows for w in windows_of(spec.days, spec.start, spec.end)]
    services = request.app.state.services
    made = await run_in_threadpool(services.schedules.add, key.user_id, new.name, windows)
    return schedule_json(made)


@router.get("/schedules/{schedule_id}")
async def get_schedule(request: Request, key: Key, schedule_id: RowId) -> dict:
    """One schedule."""
    services = request.app.state.services
    return schedule_json(
        await run_in_threadpool(services.schedules.schedule, key.user_id, schedule_id)
    )


@router.delete("/schedules/{schedule_id}", status_code=204)
async def remove_schedule(request: Request, key: Key, schedule_id: RowId) -> Response:
    """Delete a schedule."""
    services = request.app.state.services
    await run_in_threadpool(services.schedules.remove, key.user_id, schedule_id)
    return Response(status_code=204)
