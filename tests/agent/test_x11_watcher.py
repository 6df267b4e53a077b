"""The X11 watcher and the recorder on a real X server (Xvfb with openbox)."""

from __future__ import annotations

import time

from Xlib import Xatom, display

from dayglass.agent.privacy import PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.agent.x11 import X11Watcher
from dayglass.core.heartbeats import Sample


class NoSessionLock:
    """No D-Bus screen saver service: the X server alone tells whether the screen is locked."""

    def locked(self, now_ms: int, idle_ms: int) -> bool:
        """Never locked."""
        return False


def test_the_active_window_names_its_application_and_utf8_title(desktop):
    first = desktop.open_window("Café ☕ notes", "Notebook")
    second = desktop.open_window("Build log", "Terminalia")
    watcher = X11Watcher(desktop.display, NoSessionLock())
    try:
        desktop.activate(first)
        assert watcher.observe().sample == Sample("Notebook", "Café ☕ notes")
        desktop.activate(second)
        seen = watcher.observe()
        assert seen.sample == Sample("Terminalia", "Build log")
        assert not seen.locked
    finally:
        watcher.close()


def test_input_resets_the_idle_time(desktop):
    watcher = X11Watcher(desktop.display, NoSessionLock())
    try:
        time.sleep(1.2)
        assert watcher.observe().idle_ms >= 1_000
        desktop.touch()
        assert watcher.observe().idle_ms < 1_000
    finally:
        watcher.close()


def test_xscreensaver_lock_counts_as_locked(desktop):
    watcher = X11Watcher(desktop.display, NoSessionLock())
    conn = display.Display(desktop.display)
    status = conn.intern_atom("_SCREENSAVER_STATUS")
    try:
        assert not watcher.observe().locked
        # What xscreensaver's daemon writes on the root window when it locks the screen.
        lock = conn.intern_atom("LOCK")
        conn.screen().root.change_property(status, Xatom.INTEGER, 32, [lock, int(time.time()), 0])
        conn.sync()
        assert watcher.observe().locked
        conn.screen().root.delete_property(status)
        conn.sync()
        assert not watcher.observe().locked
    finally:
        conn.close()
        watcher.close()


def test_idle_beyond_the_threshold_is_away_from_the_last_input_and_input_ends_it(desktop, tmp_path):
    window = desktop.open_window("Report draft", "Writer")
    desktop.activate(window)
    watcher = X11Watcher(desktop.display, NoSessionLock())
    queue = Queue(tmp_path / "queue.sqlite3")
    recorder = Recorder(watcher, queue, PrivacyRules(), away_after_ms=2_000, pulse_ms=5_000)
    try:
        states = []
        for _ in range(4):  # a second of work
            desktop.touch()
            last_input = time.time()
            states.append(recorder.poll())
            time.sleep(0.25)
        deadline = time.monotonic() + 4  # no input: away after 2 s, counted from last_input
        while time.monotonic() < deadline:
            states.append(recorder.poll())
            time.sleep(0.25)
        assert states[0] == "recording" and states[-1] == "away"
        desktop.touch()
        back = time.time()
        for _ in range(6):
            states.append(recorder.poll())
            time.sleep(0.25)
        assert states[-1] == "recording"
        recorder.finish()
        spans = [e.attention for e in queue.pending(100)]
        assert len(spans) == 2
        assert abs(spans[0].end_ms / 1000 - last_input) < 0.5  # away began at the last input
        assert abs(spans[1].start_ms / 1000 - back) < 0.6  # and ended with the next input
        assert {s.sample for s in spans} == {Sample("Writer", "Report draft")}
    finally:
        queue.close()
        watcher.close()
