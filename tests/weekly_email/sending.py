"""Posting events for the weekly email tests."""

from __future__ import annotations

from serving import LiveServer


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
