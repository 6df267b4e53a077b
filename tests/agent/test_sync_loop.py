"""The sync schedule, driven by a ManualClock against a scripted HTTP server.

Upload timing, wake-ups, backoff after failures, focus notifications, faults and the last
upload at stop: every delay is exact because nothing here waits on the wall clock.
"""

from __future__ import annotations

import json

import pytest

from dayglass.agent.backoff import Backoff
from dayglass.agent.connection import server_client
from dayglass.agent.focus import RECHECK_MISSING_MS, FocusClient, FocusFollower
from dayglass.agent.queue import Queue
from dayglass.agent.sync_loop import SyncLoop
from dayglass.agent.uploader import LAST_SYNC, Uploader
from dayglass.core.heartbeats import Attention, Sample

from .scripted_screen import ms
from .servers import ScriptedServer
from .test_focus import Recorded

SYNC_S = 30.0


class Server:
    """A scripted server: events get the status a test sets; focus answers from a script."""

    def __init__(self) -> None:
        self.events_status = 200
        self.focus: list[tuple[int, object]] = []
        self.http = ScriptedServer(self._answer)

    def _answer(self, method: str, path: str, body: bytes) -> tuple[int, object]:
        if path == "/api/v1/events":
            return self.events_status, {"accepted": 0, "rejected": []}
        return self.focus.pop(0) if self.focus else (200, {"active": False})

    def posts(self) -> list[list[str]]:
        """The titles of each batch posted so far."""
        return [
            [e["title"] for e in json.loads(body)["events"]]
            for method, path, body in self.http.requests
            if method == "POST"
        ]

    def focus_asks(self) -> int:
        """How often the focus state was asked for."""
        return sum(1 for _, path, _ in self.http.requests if path == "/api/v1/focus")


class Sync:
    """A sync loop over a real queue and HTTP client, on the test's clock."""

    def __init__(self, clock, tmp_path, server: Server, notifier=None) -> None:
        self.clock = clock
        self.server = server
        self.queue = Queue(tmp_path / "queue.sqlite3")
        self.client = server_client(server.http.url, "dg_x")
        self.notifier = notifier or Recorded()
        # The top of the jitter range: delays are exactly first_s, 2 * first_s, ...
        backoff = Backoff(first_s=5.0, jitter=lambda low, high: high)
        self.loop = SyncLoop(
            Uploader(self.queue, self.client, "desk", clock),
            FocusClient(self.client),
            FocusFollower(self.notifier),
            clock,
            SYNC_S,
            backoff,
        )

    def add(self, title: str) -> None:
        """A finished ten-second span, ending now."""
        end = ms(self.clock.now())
        self.queue.record([Attention(end - 10_000, end, Sample("code", title))], [], {})

    def wait(self) -> bool:
        """Let the scheduled delay pass, as the thread's wait does when nothing wakes it."""
        self.clock.sleep(self.loop.delay())
        return self.loop.step(woken=False)

    def close(self) -> None:
        """Close the client, the queue and the server."""
        self.client.close()
        self.queue.close()
        self.server.http.close()


@pytest.fixture
def sync(manual_clock, tmp_path):
    """A sync loop and its scripted server."""
    made = Sync(manual_clock, tmp_path, Server())
    yield made
    made.close()


def test_uploads_every_sync_interval_and_at_once_when_woken(sync, manual_clock):
    sync.add("a.py")
    assert sync.loop.delay() == SYNC_S
    assert not sync.loop.step(woken=False)  # nothing is due yet
    manual_clock.advance(seconds=29)
    assert not sync.loop.step(woken=False)
    assert sync.server.posts() == []
    assert sync.wait()  # at 30 s
    assert sync.server.posts() == [["a.py"]]
    assert sync.queue.length() == (0, 0)
    assert sync.queue.get(LAST_SYNC) == str(ms(manual_clock.now()))
    assert sync.loop.delay() == SYNC_S
    manual_clock.advance(seconds=12)
    sync.add("b.py")
    assert sync.loop.step(woken=True)  # the poll loop cut a span: upload it now
    assert sync.server.posts() == [["a.py"], ["b.py"]]
    assert sync.queue.get(LAST_SYNC) == str(ms(manual_clock.now()))
    assert sync.loop.delay() == SYNC_S  # the schedule starts again from this upload
    assert sync.server.focus_asks() == 2


def test_failures_back_off_doubling_and_a_success_resets_the_schedule(sync, manual_clock):
    sync.server.events_status = 503
    sync.add("a.py")
    assert sync.wait()  # at 30 s: refused
    delays = [sync.loop.delay()]
    manual_clock.advance(seconds=2)
    assert not sync.loop.step(woken=True)  # a wake-up does not cut a backoff short
    assert sync.loop.delay() == 3.0
    for _ in range(3):
        assert sync.wait()
        delays.append(sync.loop.delay())
    assert delays == [5.0, 10.0, 20.0, 40.0]
    assert len(sync.server.posts()) == 4 and sync.queue.length() == (1, 0)
    assert sync.queue.get(LAST_SYNC) is None
    sync.server.events_status = 200
    assert sync.wait()
    assert sync.queue.length() == (0, 0) and sync.loop.delay() == SYNC_S
    sync.server.events_status = 503
    sync.add("b.py")
    assert sync.loop.step(woken=True)  # no backoff pending: a wake-up uploads at once
    assert sync.loop.delay() == 5.0  # and a new failure starts from the first delay again


def test_focus_sessions_are_followed_at_each_sync_and_notified_on_change(sync, manual_clock):
    ends = "2026-11-10T08:25:00+00:00"
    sync.server.focus = [
        (200, {"active": False}),
        (200, {"active": True, "started_at": "2026-11-10T08:00:00+00:00", "ends_at": ends}),
        (200, {"active": True, "started_at": "2026-11-10T08:00:00+00:00", "ends_at": ends}),
        (200, {"active": False}),
    ]
    shown = []
    for _ in range(4):
        sync.wait()
        shown.append([summary for summary, _ in sync.notifier.shown])
    assert shown == [
        [],
        ["Focus session started"],
        ["Focus session started"],
        ["Focus session started", "Focus session ended"],
    ]


def test_a_server_without_focus_sessions_is_asked_again_after_ten_minutes(sync, manual_clock):
    sync.server.focus = [(404, {"detail": "Not Found"})]
    sync.wait()
    missing_at = ms(manual_clock.now())
    while ms(manual_clock.now()) - missing_at < RECHECK_MISSING_MS:
        assert sync.server.focus_asks() == 1
        sync.wait()
    assert ms(manual_clock.now()) - missing_at == RECHECK_MISSING_MS
    assert sync.server.focus_asks() == 2


class BrokenNotifier(Recorded):
    """A notification service that fails once (a desktop bus gone away, say)."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 1

    def notify(self, summary: str, body: str) -> None:
        """Fail the first time, then show."""
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the notification service went away")
        super().notify(summary, body)


def test_a_fault_in_one_sync_backs_off_and_syncing_goes_on(manual_clock, tmp_path, caplog):
    server = Server()
    sync = Sync(manual_clock, tmp_path, server, BrokenNotifier())
    try:
        server.focus = [(200, {"active": True})] * 3
        sync.add("a.py")
        assert sync.wait()
        assert "sync failed" in caplog.text and sync.loop.delay() == 5.0
        sync.add("b.py")
        assert sync.wait()  # 5 s later, not never
        assert server.posts() == [["a.py"], ["b.py"]]
        assert sync.loop.delay() == SYNC_S
    finally:
        sync.close()


def test_the_last_upload_at_stop_ignores_the_backoff_and_never_raises(sync, manual_clock):
    sync.server.events_status = 503
    sync.add("a.py")
    assert sync.wait()
    sync.server.events_status = 200
    sync.loop.finish()  # the agent stops while backing off: one last try anyway
    assert sync.queue.length() == (0, 0) and len(sync.server.posts()) == 2
    sync.add("b.py")
    sync.server.http.close()
    sync.loop.finish()  # the server is gone: logged, kept for the next start
    assert sync.queue.length() == (1, 0)
