"""What `dayglass agent status` tells: recording or not, the queue, the last sync."""

from __future__ import annotations

from datetime import datetime

from dayglass.agent.pause import FOREVER, PAUSED_UNTIL, paused
from dayglass.agent.queue import Queue
from dayglass.agent.uploader import LAST_SYNC

STALE_MS = 10_000  # no poll for this long: the agent is not running


def _when(ms: str) -> str:
    return datetime.fromtimestamp(int(ms) / 1000).astimezone().isoformat(timespec="seconds")


def recording_line(queue: Queue, now_ms: int) -> str:
    """Whether the agent runs, and if so whether it records, is away or is paused."""
    pause_value = queue.get(PAUSED_UNTIL)
    if paused(pause_value, now_ms):
        until = "until resumed" if pause_value == FOREVER else f"until {_when(pause_value or '0')}"
        pause_note = f"paused {until}"
    else:
        pause_note = ""
    last_poll, state = queue.get("last_poll_ms"), queue.get("state")
    if last_poll is None or now_ms - int(last_poll) > STALE_MS or state == "stopped":
        return "agent: not running" + (f" ({pause_note})" if pause_note else "")
    return f"agent: {pause_note or state}"


def status_lines(queue: Queue, now_ms: int) -> list[str]:
    """The lines of the status report."""
    waiting, still_open = queue.length()
    last_sync = queue.get(LAST_SYNC)
    return [
        recording_line(queue, now_ms),
        f"queue: {waiting} events waiting for the server, {still_open} spans open",
        f"last sync: {_when(last_sync) if last_sync else 'never'}",
    ]
