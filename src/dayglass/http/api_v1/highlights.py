"""Highlights through the native API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.highlights import Highlight
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import api_key

router = APIRouter(tags=["highlights"])
Key = Annotated[ApiKey, Depends(api_key)]


class HighlightIn(BaseModel):
    """A highlight: its local day (`YYYY-MM-DD` or a unix timestamp), text and optional source."""

    date: str | int
    description: str
    source: str | None = None


def highlight_out(highlight: Highlight) -> dict:
    """A highlight as the native API shows it."""
    return {
        "id": highlight.id,
        "date": highlight.day.isoformat(),
        "description": highlight.description,
        "source": highlight.source,
        "created_at": highlight.created_at.isoformat(),
    }


@router.get("/highlights")
async def list_highlights(
    request: Request, key: Key, begin: date | None = None, end: date | None = None
) -> list[dict]:
    """Recent highlights for local days begin..end, newest entered first."""
    service = request.app.state.services.highlights
    found = await run_in_threadpool(service.highlights, key.user_id, begin, end)
    return [highlight_out(h) for h in found]


@router.post("/highlights", status_code=201)
async def add_highlight(request: Request, key: Key, new: HighlightIn) -> dict:
    """Add a highlight."""
    service = request.app.state.services.highlights
    made = await run_in_threadpool(service.add, key.user_id, new.date, new.description, new.source)
    return highlight_out(made)


@router.put("/highlights/{highlight_id}")
async def change_highlight(
    request: Request, key: Key, highlight_id: RowId, new: HighlightIn
) -> dict:
    """Rewrite a highlight."""
    service = request.app.state.services.highlights
    changed = await run_in_threadpool(
        service.change, key.user_id, highlight_id, new.date, new.description, new.source
    )
    return highlight_out(changed)


@router.delete("/highlights/{highlight_id}", status_code=204)
async def remove_highlight(request: Request, key: Key, highlight_id: RowId) -> Response:
    """Delete a highlight."""
    service = request.app.state.services.highlights
    await run_in_threadpool(service.remove, key.user_id, highlight_id)
    return Response(status_code=204)
