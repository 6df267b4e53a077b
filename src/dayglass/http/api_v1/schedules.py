"""Schedules through the native API: named weekly windows of local time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from dayglass.core.schedules import WEEKDAYS, Schedule, format_clock, grouped, windows_of
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["schedules"])


class WindowIn(BaseModel):
    """Days (`["mon", "tue"]` or `"mon-fri"`) and local times `HH:MM` on 5-minute steps."""

    days: str | list[str]
    start: str
    end: str


class NewSchedule(BaseModel):
    """A schedule: a name and its weekly windows."""

    name: Annotated[str, Field(max_length=200)]
    windows: Annotated[list[WindowIn], Field(min_length=1, max_length=200)]


def schedule_json(schedule: Schedule) -> dict[str, object]:
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
def list_schedules(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """The user's schedules, oldest first."""
    return [schedule_json(s) for s in services.schedules.schedules(key.user_id)]


@router.post("/schedules", status_code=201)
def add_schedule(services: ServicesDep, key: Key, new: NewSchedule) -> dict[str, object]:
    """Make a schedule; its id is what `restrict_schedule_id` takes."""
    windows = [w for spec in new.windows for w in windows_of(spec.days, spec.start, spec.end)]
    return schedule_json(services.schedules.add(key.user_id, new.name, windows))


@router.get("/schedules/{schedule_id}")
def get_schedule(services: ServicesDep, key: Key, schedule_id: RowId) -> dict[str, object]:
    """One schedule."""
    return schedule_json(services.schedules.schedule(key.user_id, schedule_id))


@router.delete("/schedules/{schedule_id}", status_code=204)
def remove_schedule(services: ServicesDep, key: Key, schedule_id: RowId) -> Response:
    """Delete a schedule."""
    services.schedules.remove(key.user_id, schedule_id)
    return Response(status_code=204)
