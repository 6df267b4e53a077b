"""Connected apps: the services a user has let read their data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from dayglass.core.accounts import User
from dayglass.http.web.rendering import page
from dayglass.http.web.session import current_user

router = APIRouter()


@router.get("/connected-apps")
async def connected_apps(
    request: Request, user: Annotated[User, Depends(current_user)]
) -> Response:
    """The user's OAuth grants (none can exist until OAuth connections are offered)."""
    return page(request, "connected_apps.html", grants=[])
