"""The app, in process, whose background work and feeds run on a test clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.services.registry import Services
from serving import LiveServer


@dataclass
class FeedServer:
    """The app on the test clock, with one user's key."""

    server: LiveServer
    clock: ManualClock
    key: str = ""
    user_id: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def services(self) -> Services:
        """The app's services."""
        return self.server.services

    def client(self, key: str | None = None) -> httpx.Client:
        """A client sending no credentials unless key is given (as a Bearer token)."""
        return self.server.client(key)

    def get(self, path: str, **params: str) -> httpx.Response:
        """GET path with the key in the query string."""
        with self.client() as client:
            return client.get(path, params={"key": self.key, **params})

    def post(self, path: str, **kwargs) -> httpx.Response:
        """POST path (the caller says where the key goes)."""
        with self.client() as client:
            return client.post(path, **kwargs)

    def add_user(self, email: str, zone: str) -> tuple[int, str]:
        """Another user in zone, and a key."""
        user = self.services.accounts.add_user(email, "correct horse", None, zone)
        _, key = self.services.accounts.create_key(user.id, "test")
        return user.id, key

    def ingest(self, key: str, *events: tuple[str, float, str], device: str = "laptop") -> None:
        """Post events (RFC 3339 start with offset, seconds, app) through the native API."""
        body = {
            "device": device,
            "events": [
                {"id": f"{start}/{app}", "start": start, "duration": seconds, "app": app}
                for start, seconds, app in events
            ],
        }
        with self.client(key) as client:
            answer = client.post("/api/v1/events", json=body)
        assert answer.status_code == 200 and not answer.json()["rejected"], answer.text


@pytest.fixture
def clock() -> ManualClock:
    """A test clock at Tuesday 2026-11-10 12:00 in Berlin."""
    return ManualClock.at_local("2026-11-10T12:00")


@pytest.fixture
def feed_server(in_process_server, clock, account) -> FeedServer:
    """The app on the test clock, in process (its background loops running), the Berlin account."""
    return FeedServer(in_process_server, clock, account.key, account.user_id)
