"""The seeded server of the RescueTime compatibility tests (as Wakapi tests its vendor APIs).

Test modules import the `seeded` fixture from here (a conftest.py here would shadow the
top-level one for modules that import from `conftest`). It is seeded once per module and
engine: tests read it, and a test that writes does so where no other test looks (a key of its
own, a schedule of its own name, another account).

The account lives in Europe/Berlin; all seeded time is at +01:00 (October and November), so
local time is the clock time in the events below. The server's clock stands at SEEDED_NOW,
after every seeded day, whatever the real time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from dayglass.core.clock import ManualClock
from dayglass.services.registry import Services
from dayglass.storage.engine import create_db_engine
from serving import TLS, Account, LiveServer, add_account, live_server_on

SEEDED_NOW = "2026-11-18T15:30"  # a Wednesday afternoon in Berlin

# Friday 2026-11-06, Sunday 2026-11-08, Wednesday 2026-10-28 (after the switch to +01:00).
SEED = [
    # (device, source type, local start, seconds, app, title, url)
    ("laptop", "computers", "2026-11-06T10:00:00", 1800, "code", "main.py - dayglass", None),
    (
        "laptop",
        "computers",
        "2026-11-06T10:30:00",
        600,
        "firefox",
        "Pull requests",
        "https://www.github.com/dayglass/pulls",
    ),
    (
        "laptop",
        "computers",
        "2026-11-06T10:40:00",
        300,
        "firefox",
        'Cats, dogs and "quotes"',
        "https://www.youtube.com/watch?v=1",
    ),
    ("laptop", "computers", "2026-11-06T11:05:00", 120, "unknown-tool", "", None),
    ("laptop", "computers", "2026-11-06T14:00:00", 1200, "code", "test.py - dayglass…", None),
    (
        "phone",
        "mobile",
        "2026-11-06T12:00:00",
        180,
        "firefox",
        "Shorts",
        "https://www.youtube.com/shorts",
    ),
    ("laptop", "computers", "2026-11-08T09:00:00", 600, "slack", "general", None),
    ("laptop", "computers", "2026-10-28T20:00:00", 300, "code", "main.py - dayglass", None),
]


@dataclass
class Seeded:
    """A live server with the seed stored for one account."""

    url: str
    key: str
    user_id: int
    services: Services
    server: LiveServer

    def client(self) -> httpx.Client:
        """A client without credentials (each test says where its key goes)."""
        return httpx.Client(base_url=self.url, timeout=30, verify=TLS)

    def get(self, path: str = "/anapi/data", **params: str) -> httpx.Response:
        """GET path with the key in the query string."""
        with self.client() as client:
            return client.get(path, params={"key": self.key, **params})

    def rows(self, **params: str) -> list[list]:
        """The JSON rows of a Data API query."""
        answer = self.get(format="json", **params)
        assert answer.status_code == 200, answer.text
        return answer.json()["rows"]


def post_seed(
    client: httpx.Client, seed: list[tuple], offset: str = "+01:00", prefix: str = "s"
) -> None:
    """Store seed events through the native API, one batch per device."""
    by_device: dict[tuple[str, str], list[dict]] = {}
    for i, (device, source, start, seconds, app, title, url) in enumerate(seed):
        by_device.setdefault((device, source), []).append(
            {
                "id": f"{prefix}{i}",
                "start": start + offset,
                "duration": seconds,
                "app": app,
                "title": title,
                "url": url,
            }
        )
    for (device, source), events in by_device.items():
        answer = client.post(
            "/api/v1/events", json={"device": device, "source_type": source, "events": events}
        )
        assert answer.status_code == 200 and not answer.json()["rejected"], answer.text


def seed_account(server: LiveServer, email: str, seed: list[tuple] = SEED) -> Account:
    """Another Berlin account on server, with seed stored for it."""
    account = add_account(server.services, email)
    with server.client(account.key) as client:
        post_seed(client, seed)
    return account


@pytest.fixture(name="seeded", scope="module")
def seeded_server(module_database_url: str, tmp_path_factory) -> Iterator[Seeded]:
    """A live server on a pinned clock, the seed stored for the Berlin account (`seeded`)."""
    engine = create_db_engine(module_database_url)
    clock = ManualClock.at_local(SEEDED_NOW)
    with live_server_on(engine, tmp_path_factory.mktemp("seeded"), clock) as server:
        account = seed_account(server, "ada@example.org")
        yield Seeded(server.url, account.key, account.user_id, server.services, server)
    engine.dispose()
