"""Focus sessions: follow the server's FocusTime state and tell the user when it changes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import httpx

log = logging.getLogger(__name__)
FOCUS_PATH = "/api/v1/focus"
RECHECK_MISSING_MS = 600_000  # a server without focus sessions is asked again every 10 minutes


@dataclass(frozen=True, slots=True)
class FocusState:
    """The server's answer: whether a focus session runs, since when and until when."""

    active: bool
    started_at: str | None = None
    ends_at: str | None = None


class Notifier(Protocol):
    """Shows a desktop notification."""

    def notify(self, summary: str, body: str) -> None:
        """Show summary and body to the user."""
        ...


class FocusClient:
    """Asks `GET /api/v1/focus`; tolerates servers that do not have it yet (404)."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._missing_since: int | None = None

    def current(self, now_ms: int) -> FocusState | None:
        """The focus state, or None when the server cannot tell now."""
        if self._missing_since is not None and now_ms - self._missing_since < RECHECK_MISSING_MS:
            return None
        try:
            response = self._client.get(FOCUS_PATH)
        except httpx.HTTPError:
            return None  # the uploader already says the server is unreachable
        if response.status_code == 404:
            self._missing_since = now_ms
            return None
        self._missing_since = None
        if response.status_code != 200:
            log.warning("focus state: the server answered %s", response.status_code)
            return None
        body = response.json()
        return FocusState(bool(body.get("active")), body.get("started_at"), body.get("ends_at"))


class FocusFollower:
    """Notifies when a focus session starts (or is running when the agent starts) and ends."""

    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier
        self._active = False

    def update(self, state: FocusState | None) -> None:
        """Take the latest state; None (unknown) changes nothing."""
        if state is None or state.active == self._active:
            return
        self._active = state.active
        if state.active:
            until = f" until {_clock_time(state.ends_at)}" if state.ends_at else ""
            self._notifier.notify("Focus session started", f"Stay on task{until}.")
        else:
            self._notifier.notify(
                "Focus session ended", "Well done. Distractions are allowed again."
            )


def _clock_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M")
    except ValueError:
        return stamp
