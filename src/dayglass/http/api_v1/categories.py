"""Categorization through the native API: list activities, override, reset."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["categories"])


class ActivityChange(BaseModel):
    """A new sub-category and/or productivity for an activity."""

    category: str | None = None
    productivity: Annotated[int | None, Field(strict=True)] = None


class CategoryChange(BaseModel):
    """A new productivity for a sub-category; null restores the default."""

    productivity: Annotated[int | None, Field(strict=True)]


@router.get("/activities")
def list_activities(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """Every activity with its effective categorization, uncategorized first."""
    return [
        {
            "activity": v.activity,
            "overview": v.overview,
            "category": v.category,
            "productivity": v.productivity,
            "seconds": v.seconds,
            "overridden": v.overridden,
        }
        for v in services.categories.activities(key.user_id)
    ]


@router.put("/activities/{activity:path}", status_code=204)
def set_activity(
    services: ServicesDep, key: Key, activity: str, change: ActivityChange
) -> Response:
    """Override an activity's sub-category and/or productivity for all past and future time."""
    services.categories.set_activity(key.user_id, activity, change.category, change.productivity)
    return Response(status_code=204)


@router.delete("/activities/{activity:path}", status_code=204)
def reset_activity(services: ServicesDep, key: Key, activity: str) -> Response:
    """Drop an activity's override."""
    services.categories.reset_activity(key.user_id, activity)
    return Response(status_code=204)


@router.get("/categories")
def list_categories(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """Every sub-category with its overview and the user's effective productivity."""
    return [
        {
            "category": s.name,
            "overview": s.overview,
            "productivity": level,
            "default": s.productivity,
        }
        for s, level in services.categories.sub_categories(key.user_id)
    ]


@router.put("/categories/{category}", status_code=204)
def set_category(
    services: ServicesDep, key: Key, category: str, change: CategoryChange
) -> Response:
    """Set a sub-category's productivity for this user."""
    services.categories.set_category_productivity(key.user_id, category, change.productivity)
    return Response(status_code=204)
