"""The X11 watcher on a real X server (Xvfb with openbox), and the session's lock probe."""

from __future__ import annotations

import time

from Xlib import Xatom, display

from dayglass.agent.gdbus import DbusCallFailed
from dayglass.agent.session_lock import ASK_AFTER_IDLE_MS, ASK_EVERY_MS, DbusLockProbe
from dayglass.agent.x11 import X11Watcher
from dayglass.core.heartbeats import Sample

from .scripted_screen import ms


class NoSessionLock:
    """No D-Bus screen saver service: the X server alone tells whether the screen is locked."""

    def locked(self, now_ms: int, idle_ms: int) -> bool:
        """Never locked."""
        return False


class AskedLock:
    """A lock probe that says the screen is locked and remembers when it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, int]] = []

    def locked(self, now_ms: int, idle_ms: int) -> bool:
        """Locked, always."""
        self.asked.append((now_ms, idle_ms))
        return True


def seen_once_active(desktop, watcher: X11Watcher, window: str, expected: Sample):
    """The watcher's observation once the window manager keeps window active. Openbox may
    still be handling a window just opened (focusing it, and between two windows for a moment
    none) after `windowactivate --sync` returned: activate again until the watcher sees the
    window asked for, for at most 5 s, and return what it saw last."""
    deadline = time.monotonic() + 5
    while True:
        desktop.activate(window)
        seen = watcher.observe()
        if seen.sample == expected or time.monotonic() > deadline:
            return seen
        time.sleep(0.05)


def test_the_active_window_names_its_application_and_utf8_title(desktop, manual_clock):
    first = desktop.open_window("Café ☕ notes", "Notebook")
    second = desktop.open_window("Build log", "Terminalia")
    watcher = X11Watcher(manual_clock, desktop.display, NoSessionLock())
    try:
        notes = Sample("Notebook", "Café ☕ notes")
        assert seen_once_active(desktop, watcher, first, notes).sample == notes
        log = Sample("Terminalia", "Build log")
        seen = seen_once_active(desktop, watcher, second, log)
        assert seen.sample == log
        assert not seen.locked
    finally:
        watcher.close()


def test_a_window_with_only_a_legacy_name_keeps_its_title(desktop, manual_clock):
    window = desktop.open_window("Starting", "Legacy")
    conn = display.Display(desktop.display)
    try:
        # As `xdotool set_window --name` leaves it: an empty EWMH name, the title in WM_NAME.
        x_window = conn.create_resource_object("window", int(window, 0))
        x_window.change_property(
            conn.intern_atom("_NET_WM_NAME"), conn.intern_atom("UTF8_STRING"), 8, b""
        )
        x_window.change_property(Xatom.WM_NAME, Xatom.STRING, 8, "Caf\xe9 report".encode("latin-1"))
        conn.sync()
    finally:
        conn.close()
    watcher = X11Watcher(manual_clock, desktop.display, NoSessionLock())
    try:
        report = Sample("Legacy", "Caf\xe9 report")
        assert seen_once_active(desktop, watcher, window, report).sample == report
    finally:
        watcher.close()


def test_input_resets_the_idle_time(desktop, manual_clock):
    watcher = X11Watcher(manual_clock, desktop.display, NoSessionLock())
    try:
        desktop.touch()
        # The X server counts idle time on its own clock: only real time makes it grow.
        time.sleep(1.2)
        assert watcher.observe().idle_ms >= 1_000
        desktop.touch()
        assert watcher.observe().idle_ms < 1_000
    finally:
        watcher.close()


def test_xscreensaver_lock_counts_as_locked(desktop, manual_clock):
    watcher = X11Watcher(manual_clock, desktop.display, NoSessionLock())
    conn = display.Display(desktop.display)
    status = conn.intern_atom("_SCREENSAVER_STATUS")
    try:
        assert not watcher.observe().locked
        # What xscreensaver's daemon writes on the root window when it locks the screen.
        lock = conn.intern_atom("LOCK")
        since = int(manual_clock.now().timestamp())
        conn.screen().root.change_property(status, Xatom.INTEGER, 32, [lock, since, 0])
        conn.sync()
        assert watcher.observe().locked
        conn.screen().root.delete_property(status)
        conn.sync()
        assert not watcher.observe().locked
    finally:
        conn.close()
        watcher.close()


def test_the_session_lock_probe_is_asked_on_the_agents_clock(desktop, manual_clock):
    probe = AskedLock()
    watcher = X11Watcher(manual_clock, desktop.display, probe)
    try:
        assert watcher.observe().locked
        manual_clock.advance(minutes=5)
        assert watcher.observe().locked
    finally:
        watcher.close()
    asked_at = [now for now, _ in probe.asked]
    assert asked_at == [ms(manual_clock.now()) - 300_000, ms(manual_clock.now())]
    assert all(idle >= 0 for _, idle in probe.asked)


def test_the_dbus_lock_probe_asks_only_when_idle_and_not_every_poll(manual_clock):
    calls: list[list[str]] = []

    def gdbus(argv):
        calls.append(list(argv))
        if "org.freedesktop.ScreenSaver" in argv:
            raise DbusCallFailed("The name org.freedesktop.ScreenSaver was not provided")
        return "(true,)"

    probe = DbusLockProbe(runner=gdbus)
    start = ms(manual_clock.now())
    assert not probe.locked(start, idle_ms=ASK_AFTER_IDLE_MS - 1)  # busy: nobody is asked
    assert calls == []
    assert probe.locked(start, idle_ms=ASK_AFTER_IDLE_MS)
    # The freedesktop service is missing here: asked once, then only GNOME's is asked.
    assert [c[4] for c in calls] == ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"]
    assert probe.locked(start + ASK_EVERY_MS - 1, idle_ms=ASK_AFTER_IDLE_MS * 2)
    assert len(calls) == 2  # the last answer holds until ASK_EVERY_MS has passed
    assert probe.locked(start + ASK_EVERY_MS, idle_ms=ASK_AFTER_IDLE_MS * 3)
    assert [c[4] for c in calls[2:]] == ["org.gnome.ScreenSaver"]
    assert not probe.locked(start + ASK_EVERY_MS + 1, idle_ms=0)  # input: not locked
