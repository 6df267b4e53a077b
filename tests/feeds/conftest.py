"""A live server whose background work and feeds run on a test clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.http.app import create_app
from dayglass.services.registry import Services
from dayglass.settings import Settings


@dataclass
class FeedServer:
    """A live server on the test clock, with one user's key."""

    url: str
    services: Services
    clock: ManualClock
    key: str = ""
    user_id: int = 0
    extra: dict = field(default_factory=dict)

    def client(self, key: str | None = None) -> httpx.Client:
        """A client sending no credentials unless key is given (as a Bearer token)."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

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
def feed_server(engine, tmp_path, clock, account, app_server) -> Iterator[FeedServer]:
    """The app on the test clock, served over real HTTP, with the Berlin account."""
    settings = Settings(
        data_dir=tmp_path, database_url=engine.url.render_as_string(hide_password=False)
    )
    app = create_app(settings, engine, clock)
    with app_server(app) as url:
        yield FeedServer(url, app.state.services, clock, account.key, account.user_id)
