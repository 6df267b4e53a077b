"""A tiny real Wayland client for the KDE tests: one titled xdg toplevel, or one input nudge.

foot 1.13 dies of a division by zero under `kwin_wayland --virtual` (the virtual output has no
physical size, from which foot works out its DPI), so the KWin tests open this window instead.
`python wayland_window.py window TITLE APP_ID` maps a small grey window, takes each line on its
stdin as a new title, and keeps the window until stdin closes or it is killed.
`python wayland_window.py touch` asks KWin to count as user input now (the
simulate_user_activity request of KDE's idle protocol restarts every idle timer of KWin).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import select
import sys
from typing import Any

from pywayland.client.display import Display
from pywayland.protocol.wayland import WlCompositor, WlSeat, WlShm
from pywayland.protocol.xdg_shell import XdgWmBase

from dayglass.agent.wayland_protocols import KDE_IDLE, protocol_module

SIDE = 64  # pixels; small, but a mapped window all the same


class Client:
    """The registry's globals of one connection, bound on request."""

    def __init__(self) -> None:
        self.display = Display()
        self.display.connect()
        self.globals: dict[str, tuple[int, int]] = {}
        self.registry = self.display.get_registry()
        self.registry.dispatcher["global"] = self._announced
        self.display.roundtrip()

    def bind(self, interface: Any, version: int) -> Any:
        """Bind the advertised global of interface at up to version."""
        name, offered = self.globals[interface.name]
        return self.registry.bind(name, interface, min(version, offered))

    def _announced(self, _registry: Any, name: int, interface: str, version: int) -> None:
        self.globals[interface] = (name, version)


def window(title: str, app_id: str) -> None:
    """Map a toplevel titled title with app id app_id, then serve the compositor until killed."""
    client = Client()
    compositor = client.bind(WlCompositor, 4)
    shm = client.bind(WlShm, 1)
    wm_base = client.bind(XdgWmBase, 1)
    wm_base.dispatcher["ping"] = lambda base, serial: base.pong(serial)
    surface = compositor.create_surface()
    xdg_surface = wm_base.get_xdg_surface(surface)
    toplevel = xdg_surface.get_toplevel()
    toplevel.set_title(title)
    toplevel.set_app_id(app_id)
    buffer = _grey_buffer(shm)

    def configured(configured_surface: Any, serial: int) -> None:
        configured_surface.ack_configure(serial)
        surface.attach(buffer, 0, 0)
        surface.damage(0, 0, SIDE, SIDE)
        surface.commit()

    xdg_surface.dispatcher["configure"] = configured
    surface.commit()  # the first commit, without a buffer, asks for the first configure
    kept = (toplevel, buffer)  # pywayland forgets the events of collected proxies
    with contextlib.suppress(RuntimeError):  # the compositor went away: so does the window
        serve(client.display, toplevel)
    del kept


def serve(display: Display, toplevel: Any) -> None:
    """Dispatch the compositor's events; each line on stdin becomes the window's new title."""
    while True:
        display.flush()
        ready, _, _ = select.select([display.get_fd(), sys.stdin], [], [])
        if display.get_fd() in ready:
            display.dispatch(block=True)  # the fd is readable: this reads without waiting
        if sys.stdin in ready:
            line = sys.stdin.readline()
            if not line:
                return  # the test closed our stdin: it is done with the window
            toplevel.set_title(line.rstrip("\n"))


def touch() -> None:
    """Count as user input: KWin resets its idle timers (and tells idle clients resumed)."""
    client = Client()
    idle_protocol = protocol_module(KDE_IDLE)
    seat = client.bind(WlSeat, 1)
    idle = client.bind(idle_protocol.OrgKdeKwinIdle, 1)
    timeout = idle.get_idle_timeout(seat, 60_000)
    timeout.simulate_user_activity()
    timeout.release()
    client.display.roundtrip()
    client.display.disconnect()


def _grey_buffer(shm: Any) -> Any:
    stride = SIDE * 4
    size = stride * SIDE
    fd = os.memfd_create("dayglass-window")
    os.ftruncate(fd, size)
    with mmap.mmap(fd, size) as pixels:
        pixels.write(b"\x80\x80\x80\xff" * SIDE * SIDE)
    pool = shm.create_pool(fd, size)
    buffer = pool.create_buffer(0, SIDE, SIDE, stride, WlShm.format.argb8888.value)
    pool.destroy()
    os.close(fd)
    return buffer


if __name__ == "__main__":
    if sys.argv[1] == "window":
        window(sys.argv[2], sys.argv[3])
    else:
        touch()
