"""The GNOME Shell watcher: the focused window from Dayglass's Shell extension, idle from Mutter."""

from __future__ import annotations

from dayglass.agent.observation import Observation, UnsupportedSession
from dayglass.agent.session_lock import DbusLockProbe, LockProbe
from dayglass.agent.wayland_bus import BusCallFailed, bus_call, open_session_bus
from dayglass.core.clock import Clock, unix_ms
from dayglass.core.heartbeats import Sample

# What the extension (desktop_helpers/gnome-shell) exports on the session bus.
EXTENSION = ("org.dayglass.Shell", "/org/dayglass/Shell", "org.dayglass.Shell1")
EXTENSION_UUID = "dayglass@dayglass.org"
IDLE_MONITOR = (
    "org.gnome.Mutter.IdleMonitor",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "org.gnome.Mutter.IdleMonitor",
)


class GnomeWatcher:
    """Asks the Shell extension for the focused window and Mutter for the idle time each poll."""

    def __init__(self, clock: Clock, lock_probe: LockProbe | None = None) -> None:
        self._clock = clock
        self._bus = open_session_bus()
        self._lock_probe = lock_probe if lock_probe is not None else DbusLockProbe()
        self.sources = "windows through the Dayglass Shell extension, idle through Mutter"
        try:
            self._ask()
        except BusCallFailed as failure:
            self._bus.close()
            raise UnsupportedSession(
                f"GNOME Shell does not answer through the Dayglass extension ({failure}); "
                "install it with `dayglass agent desktop-helpers`, then log out and in"
            ) from failure

    def observe(self) -> Observation:
        """The focused window's application and title, and Mutter's idle time."""
        try:
            sample, idle_ms = self._ask()
        except BusCallFailed:
            # The extension was turned off, or the Shell restarts: nothing is seen meanwhile.
            return Observation(None, 0)
        return Observation(sample, idle_ms, self._lock_probe.locked(unix_ms(self._clock), idle_ms))

    def _ask(self) -> tuple[Sample | None, int]:
        wm_class, app_id, title = bus_call(self._bus, EXTENSION, "FocusedWindow")
        (idle_ms,) = bus_call(self._bus, IDLE_MONITOR, "GetIdletime")
        app = str(wm_class or app_id.removesuffix(".desktop"))
        return (Sample(app, str(title)) if app else None), int(idle_ms)

    def close(self) -> None:
        """Close the bus connection."""
        self._bus.close()
