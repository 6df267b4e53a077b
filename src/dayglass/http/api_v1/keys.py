"""API keys through the native API: list, create (shown once), revoke."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field

from dayglass.core.accounts import ApiKey
from dayglass.http.api_v1.ids import RowId
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, tags=["keys"])


class NewKey(BaseModel):
    """A label for a new key."""

    label: Annotated[str, Field(max_length=200)] = ""


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def key_json(key: ApiKey) -> dict[str, object]:
    """A key as listed: never the secret."""
    return {
        "id": key.id,
        "label": key.label,
        "prefix": key.prefix,
        "created_at": _stamp(key.created_at),
        "last_used_at": _stamp(key.last_used_at),
        "revoked_at": _stamp(key.revoked_at),
        "active": key.active,
    }


@router.get("/keys")
def list_keys(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """The user's keys, newest first."""
    return [key_json(k) for k in services.accounts.keys(key.user_id)]


@router.post("/keys", status_code=201)
def create_key(services: ServicesDep, key: Key, new: NewKey) -> dict[str, object]:
    """Make a key; the answer is the only time the key itself is shown."""
    record, secret = services.accounts.create_key(key.user_id, new.label)
    return {**key_json(record), "key": secret}


@router.delete("/keys/{key_id}")
def revoke_key(services: ServicesDep, key: Key, key_id: RowId) -> dict[str, object]:
    """Revoke one of the user's keys."""
    return key_json(services.accounts.revoke_key(key_id, key.user_id))
