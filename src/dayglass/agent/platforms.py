"""Choosing the watcher for this computer's platform and desktop session."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from dayglass.agent.observation import UnsupportedSession, Watcher
from dayglass.agent.wayland import X11_ON_WAYLAND, is_wayland, open_wayland_watcher
from dayglass.core.clock import Clock


def open_watcher(
    clock: Clock, env: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> Watcher:
    """The watcher for this session, or UnsupportedSession saying why there is none."""
    if platform == "darwin":
        from dayglass.agent.macos import MacWatcher

        return MacWatcher()
    if platform == "win32":
        from dayglass.agent.windows import WindowsWatcher

        return WindowsWatcher()
    if is_wayland(env) and not env.get(X11_ON_WAYLAND):
        return open_wayland_watcher(clock, env)
    if not env.get("DISPLAY"):
        raise UnsupportedSession("no X display: DISPLAY is not set (is this a desktop session?)")
    from dayglass.agent.x11 import X11Watcher

    return X11Watcher(clock, env["DISPLAY"])
