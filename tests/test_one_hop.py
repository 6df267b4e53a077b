"""A route's blocking work takes one hop to a worker thread, its answer none; a short read
takes none on SQLite, where it runs on the event loop."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import pytest
from sqlalchemy import Engine, event
from tests.serving import Account, LiveServer, signed_in

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


def test_a_short_read_takes_no_hop_and_writes_nothing_on_sqlite(
    in_process_server: LiveServer, account: Account, engine: Engine, hops: list[str]
) -> None:
    """The dashboard (its session read in its dependency) and the focus check run on the event
    loop on SQLite: they must not write, which would wait there for a turn to write."""
    in_process_server.services.ingest.ingest(account.user_id, BATCH)
    sql: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if not threading.current_thread().name.startswith("asyncio_"):  # not background work
            sql.append(statement.split(None, 1)[0].upper())

    page = signed_in(in_process_server, account.email)
    with contextlib.closing(page), in_process_server.client(account.key) as api:
        page.get("/").raise_for_status()  # the first uses of the session and the key are noted
        api.get("/api/v1/focus").raise_for_status()
        hops.clear()
        event.listen(engine, "before_cursor_execute", record)
        try:
            dashboard = page.get("/")
            focus = api.get("/api/v1/focus")
        finally:
            event.remove(engine, "before_cursor_execute", record)
    assert dashboard.status_code == 200 and "<main" in dashboard.text
    assert focus.json() == {"active": False, "started_at": None, "ends_at": None}
    assert "SELECT" in sql
    assert [s for s in sql if s in {"INSERT", "UPDATE", "DELETE"}] == []
    # On PostgreSQL: the session's check and the page's, the key's check and the focus's.
    assert len(hops) == (0 if engine.dialect.name == "sqlite" else 4), hops
