"""The wlroots watcher (sway, Hyprland, river, ...): the focused toplevel and the idle time."""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dayglass.agent.observation import Observation, UnsupportedSession
from dayglass.agent.session_lock import DbusLockProbe, LockProbe
from dayglass.agent.wayland_client import WaylandConnection, display_path
from dayglass.agent.wayland_idle import WaylandIdle, offers_idle
from dayglass.agent.wayland_protocols import FOREIGN_TOPLEVEL, protocol_module
from dayglass.core.clock import Clock, unix_ms
from dayglass.core.heartbeats import Sample

FOREIGN_TOPLEVEL_MANAGER = "zwlr_foreign_toplevel_manager_v1"
ACTIVATED = 2  # zwlr_foreign_toplevel_handle_v1.state.activated


@dataclass
class Toplevel:
    """A window as the compositor describes it; changes take effect at its `done` event."""

    title: str = ""
    app_id: str = ""
    activated: bool = False
    handle: Any = None  # the proxy, kept alive here: pywayland forgets a collected proxy's events
    pending: dict[str, Any] = field(default_factory=dict)

    def apply(self) -> None:
        """The compositor's `done`: the pending changes hold from now on."""
        for name, value in self.pending.items():
            setattr(self, name, value)
        self.pending.clear()


class ToplevelTracker:
    """Follows every toplevel through the foreign-toplevel-management protocol."""

    def __init__(self, manager: Any) -> None:
        self._manager = manager  # kept alive, as the handles are
        self.toplevels: dict[int, Toplevel] = {}
        self.finished = False
        manager.dispatcher["toplevel"] = self._new
        manager.dispatcher["finished"] = self._finished

    def focused(self) -> Toplevel | None:
        """The activated toplevel, if any."""
        return next((t for t in self.toplevels.values() if t.activated), None)

    def _new(self, _manager: Any, handle: Any) -> None:
        toplevel = self.toplevels[id(handle)] = Toplevel(handle=handle)
        handle.user_data = toplevel

        def pending(name: str, convert: Any = str) -> Any:
            def event(handle: Any, value: Any) -> None:
                handle.user_data.pending[name] = convert(value)

            return event

        handle.dispatcher["title"] = pending("title")
        handle.dispatcher["app_id"] = pending("app_id")
        handle.dispatcher["state"] = pending("activated", _is_activated)
        handle.dispatcher["done"] = lambda handle: handle.user_data.apply()
        handle.dispatcher["closed"] = self._closed

    def _closed(self, handle: Any) -> None:
        self.toplevels.pop(id(handle), None)
        handle.destroy()

    def _finished(self, _manager: Any) -> None:
        self.finished = True


def _is_activated(states: bytes) -> bool:
    return any(state == ACTIVATED for (state,) in struct.iter_unpack("=I", states))


class WlrootsWatcher:
    """Watches a wlroots compositor: events arrive on one connection, read at each poll."""

    def __init__(
        self, clock: Clock, env: Mapping[str, str], lock_probe: LockProbe | None = None
    ) -> None:
        self._clock = clock
        self._connection = WaylandConnection(display_path(env))
        missing = [
            what
            for what, offered in [
                (
                    "the active window (wlr-foreign-toplevel-management)",
                    self._connection.offers(FOREIGN_TOPLEVEL_MANAGER),
                ),
                (
                    "idle time (ext-idle-notify-v1 or org_kde_kwin_idle)",
                    offers_idle(self._connection),
                ),
            ]
            if not offered
        ]
        if missing:
            self._connection.close()
            raise UnsupportedSession(
                "this Wayland compositor does not tell " + " nor ".join(missing)
            )
        module = protocol_module(FOREIGN_TOPLEVEL)
        manager = self._connection.bind(module.ZwlrForeignToplevelManagerV1, 3)
        self._tracker = ToplevelTracker(manager)
        self._idle = WaylandIdle(self._connection, clock)
        self.sources = (
            f"windows through wlr-foreign-toplevel-management, idle through {self._idle.protocol}"
        )
        self._lock_probe = lock_probe if lock_probe is not None else DbusLockProbe()
        self._connection.pump()

    def observe(self) -> Observation:
        """The focused toplevel's app id and title, and the idle time."""
        self._connection.pump()
        if self._tracker.finished:
            raise UnsupportedSession("the compositor stopped telling its windows")
        focused = self._tracker.focused()
        sample = Sample(focused.app_id, focused.title) if focused and focused.app_id else None
        idle_ms = self._idle.idle_ms()
        return Observation(sample, idle_ms, self._lock_probe.locked(unix_ms(self._clock), idle_ms))

    def close(self) -> None:
        """Disconnect from the compositor."""
        self._connection.close()
