"""POST /api/v1/events: batches of events from agents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.errors import InvalidInput
from dayglass.http.auth import api_key
from dayglass.http.background import alerts_due
from dayglass.http.body import parsed_body
from dayglass.services.event_schema import batch_json_schema

router = APIRouter(tags=["events"])


_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": batch_json_schema()}},
    }
}


@router.post("/events", openapi_extra=_BODY)
async def post_events(request: Request, key: Annotated[ApiKey, Depends(api_key)]) -> dict:
    """Store a batch of events; resending a batch changes nothing.

    The answer counts the events stored and those already there, and names each rejected event
    (index and reason); one bad event never fails the others.
    """
    body = await parsed_body(request)
    if not isinstance(body, dict):
        raise InvalidInput("body: expected a JSON object with device and events")
    result = await run_in_threadpool(request.app.state.services.ingest.ingest, key.user_id, body)
    if result.stored:
        alerts_due(request.app, key.user_id)
    return {
        "stored": result.stored,
        "duplicates": result.duplicates,
        "rejected": [{"index": r.index, "id": r.id, "reason": r.reason} for r in result.rejected],
    }
