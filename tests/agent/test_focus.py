"""Focus sessions: following the server's state, notifying on changes."""

from __future__ import annotations

import subprocess

from dayglass.agent.connection import server_client
from dayglass.agent.focus import RECHECK_MISSING_MS, FocusClient, FocusFollower, FocusState
from dayglass.agent.notify import DbusNotifier

from .servers import ScriptedServer


class Recorded:
    """A notifier that remembers what it was asked to show."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, summary: str, body: str) -> None:
        """Remember the notification."""
        self.shown.append((summary, body))


def test_the_agent_follows_focus_sessions_on_a_real_server(live_server, account):
    notifier = Recorded()
    follower = FocusFollower(notifier)
    with live_server.client(account.key) as client:
        focus = FocusClient(client)
        follower.update(focus.current(0))
        assert notifier.shown == []
        assert client.post("/api/v1/focus", json={"minutes": 25}).status_code == 200
        follower.update(focus.current(1_000))
        follower.update(focus.current(2_000))
        assert client.delete("/api/v1/focus").status_code == 200
        follower.update(focus.current(3_000))
    assert [s for s, _ in notifier.shown] == ["Focus session started", "Focus session ended"]
    assert "until" in notifier.shown[0][1]


def test_a_server_without_focus_sessions_is_tolerated():
    server = ScriptedServer(lambda method, path, body: (404, {"detail": "Not Found"}))
    try:
        with server_client(server.url, "dg_x") as client:
            focus = FocusClient(client)
            assert focus.current(0) is None  # an older server: no FocusTime
            assert focus.current(1_000) is None  # and it is not asked again for a while
            assert focus.current(RECHECK_MISSING_MS) is None
    finally:
        server.close()
    assert len(server.requests) == 2


def test_the_follower_notifies_when_a_session_starts_and_ends():
    states = iter(
        [
            (200, {"active": False, "started_at": None, "ends_at": None}),
            (
                200,
                {
                    "active": True,
                    "started_at": "2026-11-20T10:00:00+00:00",
                    "ends_at": "2026-11-20T10:25:00+00:00",
                },
            ),
            (
                200,
                {
                    "active": True,
                    "started_at": "2026-11-20T10:00:00+00:00",
                    "ends_at": "2026-11-20T10:25:00+00:00",
                },
            ),
            (503, {}),
            (200, {"active": False}),
        ]
    )
    server = ScriptedServer(lambda method, path, body: next(states))
    notifier = Recorded()
    follower = FocusFollower(notifier)
    try:
        with server_client(server.url, "dg_x") as client:
            focus = FocusClient(client)
            for now in range(5):
                follower.update(focus.current(now))
    finally:
        server.close()
    assert [s for s, _ in notifier.shown] == ["Focus session started", "Focus session ended"]
    assert "until" in notifier.shown[0][1]
    assert {path for _, path, _ in server.requests} == {"/api/v1/focus"}
    assert FocusState(True) != FocusState(False)


def test_the_notification_goes_to_the_freedesktop_service():
    calls = []
    DbusNotifier(runner=lambda argv: calls.append(list(argv)) or "(uint32 7,)").notify(
        "Focus session started", "Stay on task, it's 10:00."
    )
    (argv,) = calls
    assert argv[:8] == [
        "gdbus",
        "call",
        "--session",
        "--dest",
        "org.freedesktop.Notifications",
        "--object-path",
        "/org/freedesktop/Notifications",
        "--method",
    ]
    assert argv[8:] == [
        "org.freedesktop.Notifications.Notify",
        "'Dayglass'",
        "0",
        "''",
        "'Focus session started'",
        "'Stay on task, it\\'s 10:00.'",
        "[]",
        "{}",
        "8000",
    ]


def test_without_a_session_bus_a_notification_is_logged_not_fatal(monkeypatch, caplog):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert subprocess.run(["gdbus", "--help"], capture_output=True).returncode in (0, 1)
    DbusNotifier().notify("Focus session ended", "Well done")  # the real gdbus, no bus
    assert "cannot show a notification" in caplog.text
