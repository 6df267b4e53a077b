"""The KDE Plasma watcher: the active window from Dayglass's KWin script, idle from KWin."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from importlib.resources import as_file, files

from jeepney.io.blocking import DBusConnection

from dayglass.agent.observation import Observation, UnsupportedSession
from dayglass.agent.session_lock import DbusLockProbe, LockProbe
from dayglass.agent.wayland_bus import BusService, bus_call, open_session_bus
from dayglass.agent.wayland_client import WaylandConnection, display_path
from dayglass.agent.wayland_idle import WaylandIdle, offers_idle
from dayglass.core.clock import Clock, unix_ms
from dayglass.core.heartbeats import Sample

log = logging.getLogger(__name__)
# The name the agent owns; the KWin script calls WindowActivated(resource class, caption) on it.
AGENT_SERVICE = "org.dayglass.Agent"
SCRIPT_NAME = "dayglass"
SCRIPT = files("dayglass.agent") / "desktop_helpers" / "kwin" / "dayglass" / "contents" / "code"
KWIN_SCRIPTING = ("org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting")


class KdeWatcher:
    """Learns the active window from the KWin script, which the agent loads into KWin itself."""

    def __init__(
        self, clock: Clock, env: Mapping[str, str], lock_probe: LockProbe | None = None
    ) -> None:
        self._clock = clock
        self._window: tuple[str, str] = ("", "")
        self._service = BusService(AGENT_SERVICE, {"WindowActivated": self._activated})
        self._service.start()
        self._connection: WaylandConnection | None = None
        try:
            self._connection = WaylandConnection(display_path(env))
            if not offers_idle(self._connection):
                raise UnsupportedSession(
                    "KWin offers no idle protocol (ext-idle-notify-v1 or org_kde_kwin_idle)"
                )
            self._idle = WaylandIdle(self._connection, clock)
            self.sources = f"windows through the KWin script, idle through {self._idle.protocol}"
            self._kwin = open_session_bus()
            _load_script(self._kwin)
        except UnsupportedSession:
            self.close()
            raise
        self._lock_probe = lock_probe if lock_probe is not None else DbusLockProbe()

    def observe(self) -> Observation:
        """The window the script last reported active, and the idle time."""
        assert self._connection is not None
        self._connection.pump()
        app, title = self._window
        idle_ms = self._idle.idle_ms()
        locked = self._lock_probe.locked(unix_ms(self._clock), idle_ms)
        return Observation(Sample(app, title) if app else None, idle_ms, locked)

    def close(self) -> None:
        """Unload the script, give up the bus name, disconnect."""
        if hasattr(self, "_kwin"):
            _unload_script(self._kwin)
            self._kwin.close()
        self._service.stop()
        if self._connection is not None:
            self._connection.close()

    def _activated(self, resource_class: str, caption: str) -> None:
        self._window = (resource_class, caption)


def _load_script(kwin: DBusConnection) -> None:
    """Load the script afresh (a copy left by an agent that died goes first) and start it."""
    _unload_script(kwin)
    with as_file(SCRIPT / "main.js") as path:
        (script_id,) = bus_call(kwin, KWIN_SCRIPTING, "loadScript", "ss", str(path), SCRIPT_NAME)
    if script_id < 0:  # KWin answers -1 instead of failing the call
        raise UnsupportedSession(f"KWin would not load the Dayglass script {path}")
    bus_call(kwin, KWIN_SCRIPTING, "start")


def _unload_script(kwin: DBusConnection) -> None:
    try:
        bus_call(kwin, KWIN_SCRIPTING, "unloadScript", "s", SCRIPT_NAME)
    except UnsupportedSession as failure:
        log.debug("unloading the KWin script: %s", failure)
