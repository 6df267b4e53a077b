"""Daily summaries: each closed day of the last two weeks, as frozen when the day ended."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import User
from dayglass.http.compat.rescuetime.daily_summary import summary_object
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()
CurrentUser = Annotated[User, Depends(current_user)]


@router.get("/summaries")
async def summaries_page(request: Request, user: CurrentUser) -> Response:
    """The last two weeks' daily summaries, newest first (the same objects as the feed)."""
    found = await run_in_threadpool(request.app.state.services.summaries.recent_days, user.id)
    return page(request, "summaries.html", summaries=[summary_object(s) for s in found])
