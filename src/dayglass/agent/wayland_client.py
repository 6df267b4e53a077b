"""A connection to the Wayland compositor: its advertised globals, bound on request."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pywayland.client.display import Display

from dayglass.agent.observation import UnsupportedSession


class WaylandGone(UnsupportedSession):
    """The compositor closed the connection (it stopped, or it rejected a request)."""


def display_path(env: Mapping[str, str]) -> str:
    """The compositor's socket: WAYLAND_DISPLAY, under XDG_RUNTIME_DIR unless absolute."""
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    return os.path.join(env.get("XDG_RUNTIME_DIR", ""), name)


class WaylandConnection:
    """The agent's one client connection; `pump()` delivers what the compositor sent."""

    def __init__(self, display_name: str) -> None:
        self._display = Display(display_name)
        try:
            self._display.connect()
        except ValueError as failure:
            raise UnsupportedSession(
                f"cannot connect to the Wayland display {display_name!r}"
            ) from failure
        self.globals: dict[str, tuple[int, int]] = {}  # interface: (name, version)
        self._registry = self._display.get_registry()
        self._registry.dispatcher["global"] = self._announced
        self.pump()

    def offers(self, interface: str) -> bool:
        """Whether the compositor advertises the global interface."""
        return interface in self.globals

    def bind(self, interface: Any, version: int) -> Any:
        """Bind the advertised global of interface at up to version."""
        name, offered = self.globals[interface.name]
        return self._registry.bind(name, interface, min(version, offered))

    def pump(self) -> None:
        """Send what is pending and dispatch every event up to now (one round trip)."""
        if self._display.roundtrip() < 0:
            raise WaylandGone("the Wayland compositor closed the connection")

    def close(self) -> None:
        """Disconnect from the compositor."""
        self._display.disconnect()

    def _announced(self, _registry: Any, name: int, interface: str, version: int) -> None:
        self.globals[interface] = (name, version)
