"""API keys through the native API: list, create (shown once), revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import api_key

router = APIRouter(tags=["keys"])
Key = Annotated[ApiKey, Depends(api_key)]


class NewKey(BaseModel):
    """A label for a new key."""

    label: Annotated[str, Field(max_length=200)] = ""


def key_json(key: ApiKey) -> dict:
    """A key as listed: never the secret."""
    stamp = lambda t: None if t is None else t.isoformat()  # noqa: E731
    return {
        "id": key.id,
        "label": key.label,
        "prefix": key.prefix,
        "created_at": stamp(key.created_at),
        "last_used_at": stamp(key.last_used_at),
        "revoked_at": stamp(key.revoked_at),
        "active": key.active,
    }


@router.get("/keys")
async def list_keys(request: Request, key: Key) -> list[dict]:
    """The user's keys, newest first."""
    keys = await run_in_threadpool(request.app.state.services.accounts.keys, key.user_id)
    return [key_json(k) for k in keys]


@router.post("/keys", status_code=201)
async def create_key(request: Request, key: Key, new: NewKey) -> dict:
    """Make a key; the answer is the only time the key itself is shown."""
    accounts = request.app.state.services.accounts
    record, secret = await run_in_threadpool(accounts.create_key, key.user_id, new.label)
    return {**key_json(record), "key": secret}


@router.delete("/keys/{key_id}")
async def revoke_key(request: Request, key: Key, key_id: RowId) -> dict:
    """Revoke one of the user's keys."""
    accounts = request.app.state.services.accounts
    return key_json(await run_in_threadpool(accounts.revoke_key, key_id, key.user_id))
