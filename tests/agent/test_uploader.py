"""The uploader against real HTTP: partial rejections, outages, server errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from dayglass.agent.connection import server_client
from dayglass.agent.queue import Queue
from dayglass.agent.uploader import LAST_SYNC, Outcome, Uploader
from dayglass.core.clock import ManualClock
from dayglass.core.heartbeats import Attention, Sample

from .servers import ScriptedServer

T0 = 1_795_000_000_000  # 2026-11-18T11:06:40Z


@pytest.fixture
def clock() -> ManualClock:
    """The agent's and the server's clock, an hour after the events: they are in the past."""
    return ManualClock(datetime.fromtimestamp(T0 / 1000 + 3600, tz=UTC))


def filled_queue(tmp_path, samples) -> Queue:
    """A queue with one finished 10-second span per sample."""
    queue = Queue(tmp_path / "queue.sqlite3")
    spans = [Attention(T0 + i * 10_000, T0 + (i + 1) * 10_000, s) for i, s in enumerate(samples)]
    queue.record(spans, [], {})
    return queue


def test_a_partly_rejected_batch_delivers_the_rest_and_drops_only_the_rejected(
    tmp_path, live_server, account, caplog, clock
):
    queue = filled_queue(
        tmp_path, [Sample("code", "a.py"), Sample("   ", "no app"), Sample("code", "b.py")]
    )
    with live_server.client(account.key) as client:
        assert Uploader(queue, client, "desk", clock).flush() is Outcome.SENT
        rows = client.get(
            "/api/v1/report",
            params={"begin": "2026-11-01", "end": "2026-12-31", "group_by": "document"},
        ).json()["rows"]
    assert {r["document"]: r["seconds"] for r in rows} == {"a.py": 10, "b.py": 10}
    assert queue.length() == (0, 0) and queue.get(LAST_SYNC) == str(T0 + 3_600_000)
    assert f"rejected event {T0 + 10_000}-" in caplog.text  # the one without an app


def test_an_unreachable_server_keeps_everything(tmp_path, clock):
    queue = filled_queue(tmp_path, [Sample("code", "a.py")])
    with server_client("http://127.0.0.1:9", "dg_x", timeout_s=2) as client:
        assert Uploader(queue, client, "desk", clock).flush() is Outcome.RETRY
    assert queue.length() == (1, 0) and queue.get(LAST_SYNC) is None


def test_server_errors_and_refused_keys_keep_everything(tmp_path, clock):
    answers = iter([(503, {"error": "busy"}), (401, {"error": "bad key"})])
    server = ScriptedServer(lambda method, path, body: next(answers))
    queue = filled_queue(tmp_path, [Sample("code", "a.py"), Sample("code", "b.py")])
    try:
        with server_client(server.url, "dg_x") as client:
            uploader = Uploader(queue, client, "desk", clock)
            assert uploader.flush() is Outcome.RETRY
            assert uploader.flush() is Outcome.RETRY
    finally:
        server.close()
    assert queue.length() == (2, 0)
    sent = json.loads(server.requests[0][2])
    assert sent["device"] == "desk" and [e["title"] for e in sent["events"]] == ["a.py", "b.py"]
    assert sent["events"][0]["duration"] == 10.0
