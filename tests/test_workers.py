"""`dayglass serve --workers 2`: two server processes on one database, each running the
background loops, deliver every due webhook exactly once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from dayglass.adapters.name_resolver import system_resolver
from dayglass.composition import build_services
from dayglass.core.alerts import AlertRule, Comparison, Target
from dayglass.core.clock import Clock
from dayglass.services.webhook_targets import WebhookTargets
from dayglass.storage.alert_store import SqlAlertStore
from free_port import free_port

DAYS = 12  # due deliveries, one a day
FIRED_AT = datetime(2026, 1, 1, 12, tzinfo=UTC)  # long past: every delivery is due at once


class SlowReceiver:
    """A local HTTP server recording the triggering ids posted to it. Each answer waits until
    two posts were in flight at once: a process delivers one at a time, so that is both
    processes delivering together (and a delivery either of them took twice would show)."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.both = threading.Event()
        self._in_flight = 0
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.arrived(json.loads(body)["id"])
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def arrived(self, triggering_id: int) -> None:
        """Note a delivery; hold it until the other process delivers too, or for 8 s (less than
        the sender's timeout: a delivery timed out would be retried, and rightly so)."""
        with self._lock:
            self.ids.append(triggering_id)
            self._in_flight += 1
            if self._in_flight == 2:
                self.both.set()
        self.both.wait(8)
        with self._lock:
            self._in_flight -= 1

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[SlowReceiver]:
    found = SlowReceiver()
    yield found
    found.close()


def _due_triggerings(engine: Engine, clock: Clock, url: str) -> set[int]:
    """A user with an alert that fired on DAYS days, each delivery due."""
    services = build_services(engine, clock, WebhookTargets(system_resolver, allow_internal=True))
    user = services.accounts.add_user("two@example.com", "correct horse", "Two", "UTC")
    alert = services.alerts.add(user.id, AlertRule(Comparison.MORE, 1, Target.ALL_PRODUCTIVE), url)
    store = SqlAlertStore(engine)
    made = set()
    for n in range(DAYS):
        fired = store.trigger(alert, date(2025, 12, 1) + timedelta(days=n), "More", FIRED_AT)
        assert fired is not None
        made.add(fired.id)
    return made


def _serve(database_url: str, data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {
        **os.environ,
        "DAYGLASS_DATABASE_URL": database_url,
        "DAYGLASS_DATA_DIR": str(data_dir),
        "DAYGLASS_ALLOW_INTERNAL_WEBHOOKS": "true",
        "DAYGLASS_LOG_LEVEL": "info",
    }
    command = [sys.executable, "-m", "dayglass", "serve", "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return process, f"http://127.0.0.1:{port}"


def _wait(check: object, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.05)


def test_two_server_processes_deliver_each_webhook_once(
    engine: Engine, clock: Clock, database_url: str, tmp_path: Path, receiver: SlowReceiver
) -> None:
    made = _due_triggerings(engine, clock, receiver.url)
    process, url = _serve(database_url, tmp_path)
    try:
        _wait(lambda: _answers(url))
        assert _answers(url), "the server did not start"
        # One process starts delivering at once (it closed the days); the other within its
        # webhook round (15 s), while the first is held on its delivery.
        _wait(lambda: set(receiver.ids) == made)
        store = SqlAlertStore(engine)
        _wait(lambda: store.due_webhooks(datetime(2100, 1, 1, tzinfo=UTC), 100) == [])
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
    assert output.count("Started server process") == 2, output
    assert receiver.both.is_set(), "the two processes never delivered at the same time"
    assert set(receiver.ids) == made
    assert Counter(receiver.ids).most_common(1)[0][1] == 1, "a webhook was delivered twice"


def _answers(url: str) -> bool:
    try:
        return httpx.get(url + "/login", timeout=2).status_code == 200
    except httpx.TransportError:
        return False
