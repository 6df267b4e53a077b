"""FocusTime through the native API: what an agent polls, and starting and ending sessions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from dayglass.core.accounts import ApiKey
from dayglass.core.focus import FocusSession
from dayglass.http.auth import api_key

router = APIRouter(tags=["focus"])
Key = Annotated[ApiKey, Depends(api_key)]


class FocusIn(BaseModel):
    """A session's length: minutes, a multiple of 5, or -1 for the rest of the local day."""

    minutes: int


def focus_state(session: FocusSession | None) -> dict:
    """`{"active", "started_at", "ends_at"}`: what an agent acts on."""
    if session is None:
        return {"active": False, "started_at": None, "ends_at": None}
    return {
        "active": True,
        "started_at": session.started_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
    }


def session_out(session: FocusSession) -> dict:
    """A session in the list."""
    return {
        "id": session.id,
        "started_at": session.started_at.isoformat(),
        "minutes": session.minutes,
        "ends_at": session.ends_at.isoformat(),
        "ended_at": None if session.ended_at is None else session.ended_at.isoformat(),
    }


@router.get("/focus")
async def focus_now(request: Request, key: Key) -> dict:
    """Whether a FocusTime session is running, since when and until when."""
    focus = request.app.state.services.focus
    return focus_state(await run_in_threadpool(focus.current, key.user_id))


@router.post("/focus")
async def start_focus(request: Request, key: Key, new: FocusIn) -> dict:
    """Start a session (a running one ends first)."""
    focus = request.app.state.services.focus
    return focus_state(await run_in_threadpool(focus.start, key.user_id, new.minutes))


@router.delete("/focus")
async def end_focus(request: Request, key: Key) -> dict:
    """End the running session."""
    focus = request.app.state.services.focus
    await run_in_threadpool(focus.end, key.user_id)
    return focus_state(None)


@router.get("/focus/sessions")
async def list_sessions(request: Request, key: Key) -> list[dict]:
    """Recent sessions, newest first."""
    focus = request.app.state.services.focus
    return [session_out(s) for s in await run_in_threadpool(focus.sessions, key.user_id)]
