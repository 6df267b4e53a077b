"""The X11 watcher: the active window through EWMH, idle time through the screen saver extension."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from Xlib import X, Xatom, display, error
from Xlib.ext import screensaver

from dayglass.agent.observation import Observation, UnsupportedSession
from dayglass.agent.session_lock import DbusLockProbe, LockProbe
from dayglass.core.clock import Clock, unix_ms
from dayglass.core.heartbeats import Sample

_WINDOW_GONE = (error.BadWindow, error.BadDrawable, error.BadMatch, error.BadValue)


class X11Watcher:
    """Watches an X display: one short round of requests per poll, no subscriptions."""

    def __init__(
        self, clock: Clock, display_name: str | None = None, lock_probe: LockProbe | None = None
    ) -> None:
        self._clock = clock
        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError) as failure:
            raise UnsupportedSession(f"cannot open the X display: {failure}") from failure
        if not self._display.has_extension("MIT-SCREEN-SAVER"):
            raise UnsupportedSession("the X server lacks the MIT-SCREEN-SAVER extension")
        self._root = self._display.screen().root
        self._lock_probe = lock_probe if lock_probe is not None else DbusLockProbe()
        atom = self._display.intern_atom
        self._active = atom("_NET_ACTIVE_WINDOW")
        self._net_wm_name = atom("_NET_WM_NAME")
        self._utf8 = atom("UTF8_STRING")
        self._compound_text = atom("COMPOUND_TEXT")
        self._pid = atom("_NET_WM_PID")
        self._xscreensaver_status = atom("_SCREENSAVER_STATUS")
        self._locking_states = {atom("LOCK"), atom("BLANK")}

    def observe(self) -> Observation:
        """The focused window, the idle time and whether the screen is locked or blanked."""
        info = self._root.screensaver_query_info()
        idle_ms = int(info.idle)
        try:
            sample = self._describe(self._active_window())
        except _WINDOW_GONE:
            sample = None  # the window closed while we looked at it
        locked = (
            info.state == screensaver.StateOn
            or self._xscreensaver_locked()
            or self._lock_probe.locked(unix_ms(self._clock), idle_ms)
        )
        return Observation(sample, idle_ms, locked)

    def close(self) -> None:
        """Close the connection to the X server."""
        self._display.close()

    def _active_window(self) -> Any:
        reply = self._root.get_full_property(self._active, Xatom.WINDOW)
        if reply is not None:
            window_id = reply.value[0] if len(reply.value) else 0
            return self._display.create_resource_object("window", window_id) if window_id else None
        # No EWMH window manager: fall back to the X input focus, up to its top-level client.
        return self._client_of(self._display.get_input_focus().focus)

    def _client_of(self, window: Any) -> Any:
        while isinstance(window, type(self._root)) and window != self._root:
            if window.get_wm_class() is not None:
                return window
            window = window.query_tree().parent
        return None

    def _describe(self, window: Any) -> Sample | None:
        if window is None:
            return None
        app = self._app_of(window)
        return Sample(app, self._title_of(window)) if app else None

    def _app_of(self, window: Any) -> str:
        wm_class = window.get_wm_class()
        if wm_class:
            instance, klass = wm_class
            return str(klass or instance)
        reply = window.get_full_property(self._pid, Xatom.CARDINAL)
        if reply is not None and len(reply.value):
            return _process_name(int(reply.value[0]))
        return ""

    def _title_of(self, window: Any) -> str:
        reply = window.get_full_property(self._net_wm_name, self._utf8)
        if reply is not None and len(reply.value):
            return _text(reply.value, "utf-8")
        # No (or an empty) EWMH name: the ICCCM name, as programs that set only it have.
        reply = window.get_full_property(Xatom.WM_NAME, X.AnyPropertyType)
        if reply is None:
            return ""
        if reply.property_type == self._compound_text:
            return _compound_text(reply.value)
        return _text(reply.value, "utf-8" if reply.property_type == self._utf8 else "latin-1")

    def _xscreensaver_locked(self) -> bool:
        """xscreensaver's daemon tells its state in a root window property: LOCK, BLANK or 0."""
        reply = self._root.get_full_property(self._xscreensaver_status, X.AnyPropertyType)
        return reply is not None and len(reply.value) > 0 and reply.value[0] in self._locking_states


def _text(value: bytes | str, encoding: str) -> str:
    return value if isinstance(value, str) else value.decode(encoding, errors="replace")


def _compound_text(value: bytes | str) -> str:
    """Decode COMPOUND_TEXT's common case: Latin-1, with UTF-8 between ESC % G and ESC % @."""
    data = value.encode("latin-1") if isinstance(value, str) else value
    parts = re.split(rb"\x1b%G(.*?)(?:\x1b%@|$)", data, flags=re.DOTALL)
    # re.split puts the UTF-8 segments at odd positions.
    return "".join(
        part.decode("utf-8" if i % 2 else "latin-1", errors="replace")
        for i, part in enumerate(parts)
    )


def _process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""
