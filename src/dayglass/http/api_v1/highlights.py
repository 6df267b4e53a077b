"""Highlights through the native API."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Response
from pydantic import BaseModel

from dayglass.core.highlights import Highlight
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["highlights"])


class HighlightIn(BaseModel):
    """A highlight: its local day (`YYYY-MM-DD` or a unix timestamp), text and optional source."""

    date: str | int
    description: str
    source: str | None = None


def highlight_out(highlight: Highlight) -> dict[str, object]:
    """A highlight as the native API shows it."""
    return {
        "id": highlight.id,
        "date": highlight.day.isoformat(),
        "description": highlight.description,
        "source": highlight.source,
        "created_at": highlight.created_at.isoformat(),
    }


@router.get("/highlights")
def list_highlights(
    services: ServicesDep, key: Key, begin: date | None = None, end: date | None = None
) -> list[dict[str, object]]:
    """Recent highlights for local days begin..end, newest entered first."""
    return [highlight_out(h) for h in services.highlights.highlights(key.user_id, begin, end)]


@router.post("/highlights", status_code=201)
def add_highlight(services: ServicesDep, key: Key, new: HighlightIn) -> dict[str, object]:
    """Add a highlight."""
    made = services.highlights.add(key.user_id, new.date, new.description, new.source)
    return highlight_out(made)


@router.put("/highlights/{highlight_id}")
def change_highlight(
    services: ServicesDep, key: Key, highlight_id: RowId, new: HighlightIn
) -> dict[str, object]:
    """Rewrite a highlight."""
    changed = services.highlights.change(
        key.user_id, highlight_id, new.date, new.description, new.source
    )
    return highlight_out(changed)


@router.delete("/highlights/{highlight_id}", status_code=204)
def remove_highlight(services: ServicesDep, key: Key, highlight_id: RowId) -> Response:
    """Delete a highlight."""
    services.highlights.remove(key.user_id, highlight_id)
    return Response(status_code=204)
