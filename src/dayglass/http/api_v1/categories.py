"""Categorization through the native API: list activities, override, reset."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.http.auth import api_key

router = APIRouter(tags=["categories"])
Key = Annotated[ApiKey, Depends(api_key)]


class ActivityChange(BaseModel):
    """A new sub-category and/or productivity for an activity."""

    category: str | None = None
    productivity: Annotated[int | None, Field(strict=True)] = None


class CategoryChange(BaseModel):
    """A new productivity for a sub-category; null restores the default."""

    productivity: Annotated[int | None, Field(strict=True)]


@router.get("/activities")
async def list_activities(request: Request, key: Key) -> list[dict]:
    """Every activity with its effective categorization, uncategorized first."""
    views = await run_in_threadpool(request.app.state.services.categories.activities, key.user_id)
    return [
        {
            "activity": v.activity,
            "overview": v.overview,
            "category": v.category,
            "productivity": v.productivity,
            "seconds": v.seconds,
            "overridden": v.overridden,
        }
        for v in views
    ]


@router.put("/activities/{activity:path}", status_code=204)
async def set_activity(
    request: Request, key: Key, activity: str, change: ActivityChange
) -> Response:
    """Override an activity's sub-category and/or productivity for all past and future time."""
    await run_in_threadpool(
        request.app.state.services.categories.set_activity,
        key.user_id,
        activity,
        change.category,
        change.productivity,
    )
    return Response(status_code=204)


@router.delete("/activities/{activity:path}", status_code=204)
async def reset_activity(request: Request, key: Key, activity: str) -> Response:
    """Drop an activity's override."""
    services = request.app.state.services
    await run_in_threadpool(services.categories.reset_activity, key.user_id, activity)
    return Response(status_code=204)


@router.get("/categories")
async def list_categories(request: Request, key: Key) -> list[dict]:
    """Every sub-category with its overview and the user's effective productivity."""
    services = request.app.state.services
    pairs = await run_in_threadpool(services.categories.sub_categories, key.user_id)
    return [
        {
            "category": s.name,
            "overview": s.overview,
            "productivity": level,
            "default": s.productivity,
        }
        for s, level in pairs
    ]


@router.put("/categories/{category}", status_code=204)
async def set_category(
    request: Request, key: Key, category: str, change: CategoryChange
) -> Response:
    """Set a sub-category's productivity for this user."""
    services = request.app.state.services
    await run_in_threadpool(
        services.categories.set_category_productivity, key.user_id, category, change.productivity
    )
    return Response(status_code=204)
