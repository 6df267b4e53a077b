"""`dayglass agent status` and `pause` on a ManualClock: what a running agent's queue tells."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from dayglass.agent.config import config_path, queue_path
from dayglass.agent.pause import pause
from dayglass.agent.privacy import PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.agent.status import STALE_MS, status_lines
from dayglass.agent.uploader import LAST_SYNC
from dayglass.cli.agent_commands import AgentContext, agent

from .agent_process import configure
from .scripted_screen import ScriptedScreen, ms


@pytest.fixture
def berlin(monkeypatch):
    """The machine's local time zone is Berlin's, as status prints local times."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def recorder_on(manual_clock):
    """A recorder on a scripted screen, at work, writing to a queue; closed at the end."""
    opened = []

    def make(queue_file):
        queue = Queue(queue_file)
        opened.append(queue)
        screen = ScriptedScreen(manual_clock)
        screen.focus("Writer", "Status report")
        rules = PrivacyRules()
        recorder = Recorder(screen, queue, rules, 300_000, pulse_ms=5_000, clock=manual_clock)
        return recorder, screen

    yield make
    for queue in opened:
        queue.close()


def test_status_lines_follow_the_agents_polls_pauses_and_syncs(
    tmp_path, manual_clock, berlin, recorder_on
):
    queue = Queue(tmp_path / "queue.sqlite3")
    recorder, _ = recorder_on(tmp_path / "queue.sqlite3")

    def now() -> int:
        return ms(manual_clock.now())

    assert status_lines(queue, now()) == [
        "agent: not running",
        "queue: 0 events waiting for the server, 0 spans open",
        "last sync: never",
    ]
    recorder.poll()
    manual_clock.advance(seconds=1)
    recorder.poll()
    assert status_lines(queue, now())[:2] == [
        "agent: recording",
        "queue: 0 events waiting for the server, 1 spans open",
    ]
    manual_clock.advance(milliseconds=STALE_MS)
    assert status_lines(queue, now())[0] == "agent: recording"  # a poll is due any moment
    manual_clock.advance(milliseconds=1)
    assert status_lines(queue, now())[0] == "agent: not running"  # no poll for too long
    recorder.poll()
    pause(queue, now(), 90 * 60_000)
    until = "until 2026-11-10T10:30:11+01:00"  # 09:00:11 plus 1h30m, on Berlin's clock
    assert status_lines(queue, now())[0] == f"agent: paused {until}"
    recorder.finish()
    assert status_lines(queue, now())[:2] == [
        f"agent: not running (paused {until})",
        "queue: 1 events waiting for the server, 0 spans open",
    ]
    manual_clock.advance(minutes=90)
    assert status_lines(queue, now())[0] == "agent: not running"  # the pause ran out
    queue.put(LAST_SYNC, str(now()))
    assert status_lines(queue, now())[2] == "last sync: 2026-11-10T10:30:11+01:00"
    queue.close()


def test_the_commands_read_the_clock_they_are_given(agent_home, manual_clock, berlin, recorder_on):
    configure(agent_home, "http://127.0.0.1:9", "dg_x")
    assert config_path().parent == agent_home / "config" / "dayglass"
    runner = CliRunner()

    def command(*args: str) -> str:
        done = runner.invoke(agent, list(args), obj=AgentContext(manual_clock))
        assert done.exit_code == 0, (done.output, done.exception)
        return done.output

    assert "agent: not running" in command("status")
    recorder, screen = recorder_on(queue_path())
    recorder.poll()
    assert "agent: recording" in command("status")
    manual_clock.advance(seconds=1)
    assert command("pause", "1h30m") == "paused for 1h30m\n"
    assert recorder.poll() == "paused"
    status = command("status")
    assert "agent: paused until 2026-11-10T10:30:01+01:00" in status, status
    manual_clock.advance(minutes=90)
    screen.touch()
    assert recorder.poll() == "recording"  # the pause ran out on the agent's clock
    assert command("pause") == "paused until `dayglass agent resume`\n"
    assert "agent: paused until resumed" in command("status")
    assert command("resume") == "recording again\n"
    assert recorder.poll() == "recording"
    assert "agent: recording" in command("status")
