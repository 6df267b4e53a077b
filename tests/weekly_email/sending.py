"""Helpers of the weekly email tests: waiting for the background loop, posting events."""

from __future__ import annotations

import time
from collections.abc import Callable

from serving import LiveServer


def eventually(check: Callable[[], bool], seconds: float = 20.0) -> bool:
    """Whether check became true within seconds (a send of the background loop may be underway)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def ingest(server: LiveServer, key: str, *events: tuple[str, float, str, str]) -> None:
    """Post events (RFC 3339 start with offset, seconds, app, title) through the native API."""
    body = {
        "device": "laptop",
        "events": [
            {"id": f"{start}/{app}", "start": start, "duration": seconds, "app": app, "title": t}
            for start, seconds, app, t in events
        ],
    }
    with server.client(key) as client:
        answer = client.post("/api/v1/events", json=body)
    assert answer.status_code == 200 and not answer.json()["rejected"], answer.text
