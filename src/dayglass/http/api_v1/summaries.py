"""Daily summaries through the native API (the same objects as RescueTime's feed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.http.auth import api_key
from dayglass.http.compat.rescuetime.daily_summary import summary_object

router = APIRouter(tags=["daily summaries"])


@router.get("/daily-summaries")
async def list_summaries(request: Request, key: Annotated[ApiKey, Depends(api_key)]) -> list[dict]:
    """Snapshots of the last two weeks' days with time, newest first."""
    summaries = request.app.state.services.summaries
    found = await run_in_threadpool(summaries.recent_days, key.user_id)
    return [summary_object(s) for s in found]
