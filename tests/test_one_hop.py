"""A route's blocking work takes one hop to a worker thread, its answer none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
import pytest
from sqlalchemy import Engine
from tests.serving import Account, LiveServer

BATCH = {
    "device": "laptop",
    "events": [{"id": "e1", "start": "2026-03-11T09:00:00+00:00", "duration": 60, "app": "code"}],
}


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The functions the app's requests hand to worker threads, in order."""
    seen: list[str] = []
    run_sync: Callable[..., Any] = anyio.to_thread.run_sync

    async def noting_run_sync(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        seen.append(repr(function))
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", noting_run_sync)
    return seen


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/events", BATCH),
        ("GET", "/api/v1/focus", None),
        ("GET", "/api/v1/activities", None),
    ],
)
def test_a_json_route_answers_without_a_second_hop(
    in_process_server: LiveServer,
    account: Account,
    engine: Engine,
    hops: list[str],
    method: str,
    path: str,
    body: object,
) -> None:
    with in_process_server.client(account.key) as client:
        client.get("/api/v1/focus").raise_for_status()  # the key's first use is noted
        hops.clear()
        client.request(method, path, json=body).raise_for_status()
    key_read = 0 if engine.dialect.name == "sqlite" else 1  # on PostgreSQL: a hop of its own
    assert len(hops) == key_read + 1, hops  # and the endpoint's, validated on the loop
