"""Categorize: every activity, its sub-category and productivity, changed in one click."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.core.errors import DayglassError, InvalidInput
from dayglass.http.web.forms import posted_form
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()
CurrentUser = Annotated[User, Depends(current_user)]


async def _render(
    request: Request, user: User, q: str, status: int = 200, error: str | None = None
) -> Response:
    categories = request.app.state.services.categories
    views = await run_in_threadpool(categories.activities, user.id)
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
async def categorize_page(request: Request, user: CurrentUser, q: str = "") -> Response:
    """The list of activities, uncategorized first, searchable."""
    return await _render(request, user, q)


def _level(text: str) -> int | None:
    if text in ("", "default"):
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidInput("Productivity: choose a level from -2 to 2.") from None


@router.post("/categorize")
async def categorize(request: Request, user: CurrentUser) -> Response:
    """Set an activity's sub-category and/or productivity, or reset it."""
    categories = request.app.state.services.categories
    fields: dict[str, str] = {}
    try:
        fields = await posted_form(request)
        activity = fields.get("activity", "")
        if fields.get("reset"):
            await run_in_threadpool(categories.reset_activity, user.id, activity)
        else:
            category = fields.get("category") or None
            await run_in_threadpool(
                categories.set_activity,
                user.id,
                activity,
                category,
                _level(fields.get("productivity", "")),
            )
    except DayglassError as error:
        return await _render(request, user, fields.get("q", ""), 400, error.message)
    return RedirectResponse(f"/categorize?q={fields.get('q', '')}", status_code=303)
