"""Categorize: every activity, its sub-category and productivity, changed in one click."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError, InvalidInput
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.http.web.forms import Posted
from dayglass.http.web.rendering import page
from dayglass.http.web.session import CurrentUser
from dayglass.services.registry import Services

router = APIRouter(route_class=OneHopRoute)


def _render(
    request: Request,
    services: Services,
    user: User,
    q: str,
    status: int = 200,
    error: str | None = None,
) -> Response:
    categories = services.categories
    views = categories.activities(user.id)
    needle = q.strip().casefold()
    if needle:
        views = [
            v for v in views if needle in v.activity.casefold() or needle in v.category.casefold()
        ]
    subs = categories.catalog.sub_categories()
    return page(
        request, "categorize.html", status, activities=views, q=q, error=error, sub_categories=subs
    )


@router.get("/categorize")
def categorize_page(
    request: Request, services: ServicesDep, user: CurrentUser, q: str = ""
) -> Response:
    """The list of activities, uncategorized first, searchable."""
    return _render(request, services, user, q)


def _level(text: str) -> int | None:
    if text in ("", "default"):
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidInput("Productivity: choose a level from -2 to 2.") from None


@router.post("/categorize")
def categorize(
    request: Request, services: ServicesDep, user: CurrentUser, posted: Posted
) -> Response:
    """Set an activity's sub-category and/or productivity, or reset it."""
    categories = services.categories
    fields: dict[str, str] = {}
    try:
        fields = posted.checked()
        activity = fields.get("activity", "")
        if fields.get("reset"):
            categories.reset_activity(user.id, activity)
        else:
            category = fields.get("category") or None
            level = _level(fields.get("productivity", ""))
            categories.set_activity(user.id, activity, category, level)
    except DayglassError as error:
        return _render(request, services, user, fields.get("q", ""), 400, error.message)
    return RedirectResponse(f"/categorize?q={fields.get('q', '')}", status_code=303)
