"""POST /api/v1/events: batches of events from agents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from dayglass.core.errors import InvalidInput
from dayglass.http.auth import Key
from dayglass.http.body import Body, parsed_body
from dayglass.http.dependencies import BackgroundDep, ServicesDep
from dayglass.http.one_hop import OneHopRoute
from dayglass.services.event_schema import batch_json_schema

router = APIRouter(route_class=OneHopRoute, tags=["events"])


_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": batch_json_schema()}},
    }
}


@router.post("/events", openapi_extra=_BODY)
def post_events(
    services: ServicesDep,
    background: BackgroundDep,
    key: Key,
    body: Annotated[Body, Depends(parsed_body)],
) -> dict[str, object]:
    """Store a batch of events; resending a batch changes nothing.

    The answer counts the events stored and those already there, and names each rejected event
    (index and reason); one bad event never fails the others.
    """
    if not isinstance(body, dict):
        raise InvalidInput("body: expected a JSON object with device and events")
    result = services.ingest.ingest(key.user_id, body)
    if result.stored:
        background.alerts_due(key.user_id, result.days)
    return {
        "stored": result.stored,
        "duplicates": result.duplicates,
        "rejected": [{"index": r.index, "id": r.id, "reason": r.reason} for r in result.rejected],
    }
