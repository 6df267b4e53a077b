"""The agent as a real process: Xvfb, real windows, a real `dayglass serve`."""

from __future__ import annotations

import sqlite3
import time

from dayglass.agent.uploader import LAST_SYNC

from .agent_process import AgentProcess, configure, wait_for


def test_switching_windows_is_reported_with_the_right_durations(desktop, serve, tmp_path):
    """The issue's "Done when": two windows, focus switched for measured times, synced."""
    editor = desktop.open_window("main.py - dayglass", "Code")
    notes = desktop.open_window("Meeting notes", "Gedit")
    desktop.activate(editor)
    configure(tmp_path, serve.url, serve.key, sync_seconds=2.0)
    agent = AgentProcess(tmp_path, desktop)
    spent = {"code": 0.0, "notes": 0.0}
    began, current = agent.recording_since, "code"
    for hold, window, name in [(3, notes, "notes"), (3, editor, "code"), (2, notes, "notes")]:
        time.sleep(hold)
        switched = desktop.activate(window)
        spent[current] += switched - began
        began, current = switched, name
    time.sleep(2)
    assert agent.stop() == 0, "".join(agent.log)
    spent[current] += time.time() - began
    activities = serve.seconds("activity", agent.recording_since)
    documents = serve.seconds("document", agent.recording_since)
    assert set(activities) == {"Visual Studio Code", "gedit"}, activities
    assert abs(activities["Visual Studio Code"] - spent["code"]) <= 2, (activities, spent)
    assert abs(activities["gedit"] - spent["notes"]) <= 2, (activities, spent)
    assert abs(documents["main.py - dayglass"] - spent["code"]) <= 2, (documents, spent)
    assert abs(documents["Meeting notes"] - spent["notes"]) <= 2, (documents, spent)
    print("spent", spent, "reported", activities, documents)


def at_work(desktop, predicate):
    """predicate, checked after some input: the user keeps working, so spans become final."""

    def check():
        desktop.touch()
        return predicate()

    return check


def test_a_server_outage_loses_nothing(desktop, serve, tmp_path):
    desktop.activate(desktop.open_window("Outage diary", "Diary"))
    configure(tmp_path, serve.url, serve.key, sync_seconds=1.0)
    agent = AgentProcess(tmp_path, desktop)
    # The first upload goes through, then the server goes away while recording goes on.
    wait_for(at_work(desktop, lambda: agent.queue_state(LAST_SYNC) is not None))
    serve.stop()
    wait_for(at_work(desktop, lambda: agent.logged("cannot reach the server")))
    failed_ms = time.time() * 1000
    serve.start()
    # The agent gets through again by itself (after its backoff), not only at its last flush.
    wait_for(at_work(desktop, lambda: int(agent.queue_state(LAST_SYNC) or 0) > failed_ms))
    assert agent.stop() == 0, "".join(agent.log)
    recorded = time.time() - agent.recording_since
    total = serve.seconds("activity", agent.recording_since)["Diary"]
    assert abs(total - recorded) <= 2, (total, recorded)


def test_sigkill_loses_at_most_the_last_poll(desktop, serve, tmp_path):
    desktop.activate(desktop.open_window("Crash course", "Course"))
    configure(tmp_path, serve.url, serve.key, sync_seconds=600.0)  # nothing leaves before the kill
    agent = AgentProcess(tmp_path, desktop)
    time.sleep(4)
    agent.kill()
    recorded = time.time() - agent.recording_since
    queue_file = tmp_path / "data" / "dayglass" / "agent.sqlite3"
    with sqlite3.connect(queue_file) as db:
        kept = db.execute("SELECT SUM(end_ms - start_ms) FROM events").fetchone()[0] / 1000
    assert recorded - 1.5 <= kept <= recorded, (kept, recorded)  # one poll is 1 s
    # The next start takes the spans over and delivers them.
    configure(tmp_path, serve.url, serve.key, sync_seconds=1.0)
    again = AgentProcess(tmp_path, desktop)
    assert "recovered" in "".join(again.log)
    time.sleep(1)
    assert again.stop() == 0
    second_run = time.time() - again.recording_since
    total = serve.seconds("activity", agent.recording_since)["Course"]
    assert abs(total - (kept + second_run)) <= 2, (total, kept, second_run)
