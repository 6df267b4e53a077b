"""FocusTime through the native API: what an agent polls, and starting and ending sessions."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from dayglass.core.focus import FocusSession
from dayglass.http.auth import Key
from dayglass.http.dependencies import ServicesDep, SnapshotDep
from dayglass.http.one_hop import OneHopRoute, short_read

router = APIRouter(route_class=OneHopRoute, tags=["focus"])


class FocusIn(BaseModel):
    """A session's length: minutes, a multiple of 5, or -1 for the rest of the local day."""

    minutes: int


def focus_state(session: FocusSession | None) -> dict[str, object]:
    """`{"active", "started_at", "ends_at"}`: what an agent acts on."""
    if session is None:
        return {"active": False, "started_at": None, "ends_at": None}
    return {
        "active": True,
        "started_at": session.started_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
    }


def session_out(session: FocusSession) -> dict[str, object]:
    """A session in the list."""
    return {
        "id": session.id,
        "started_at": session.started_at.isoformat(),
        "minutes": session.minutes,
        "ends_at": session.ends_at.isoformat(),
        "ended_at": None if session.ended_at is None else session.ended_at.isoformat(),
    }


@router.get("/focus")
@short_read
def focus_now(services: ServicesDep, snapshot: SnapshotDep, key: Key) -> dict[str, object]:
    """Whether a FocusTime session is running, since when and until when."""
    with snapshot(lone_statement=True):  # the user's latest session: one statement
        return focus_state(services.focus.current(key.user_id))


@router.post("/focus")
def start_focus(services: ServicesDep, key: Key, new: FocusIn) -> dict[str, object]:
    """Start a session (a running one ends first)."""
    return focus_state(services.focus.start(key.user_id, new.minutes))


@router.delete("/focus")
def end_focus(services: ServicesDep, key: Key) -> dict[str, object]:
    """End the running session."""
    services.focus.end(key.user_id)
    return focus_state(None)


@router.get("/focus/sessions")
def list_sessions(services: ServicesDep, key: Key) -> list[dict[str, object]]:
    """Recent sessions, newest first."""
    return [session_out(s) for s in services.focus.sessions(key.user_id)]
