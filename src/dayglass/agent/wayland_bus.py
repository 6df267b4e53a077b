"""The session bus for the Wayland desktops' helpers: calls out, and a service for KWin to call."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from typing import Any

from jeepney import DBusAddress, MessageType, new_error, new_method_call, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.low_level import HeaderFields
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

from dayglass.agent.observation import UnsupportedSession

CALL_TIMEOUT_S = 2.0
NAME_TAKEN = 3  # RequestName's reply: another connection owns the name


class BusCallFailed(UnsupportedSession):
    """A call on the session bus failed: no such service, or it said no."""


def open_session_bus() -> DBusConnection:
    """A connection to the session bus; UnsupportedSession when there is none."""
    try:
        return open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as failure:
        raise UnsupportedSession(f"no D-Bus session bus: {failure}") from failure


def bus_call(
    bus: DBusConnection, address: tuple[str, str, str], method: str, signature: str = "", *args: Any
) -> tuple[Any, ...]:
    """Call method of (service, path, interface) with args; the reply's values."""
    service, path, interface = address
    target = DBusAddress(path, bus_name=service, interface=interface)
    message = new_method_call(target, method, signature or None, args)
    try:
        return tuple(unwrap_msg(bus.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)))
    except (DBusErrorResponse, TimeoutError, OSError) as failure:
        raise BusCallFailed(f"{service}.{method}: {failure}") from failure


class BusService(threading.Thread):
    """Owns a name on the session bus and answers method calls to it from its own thread."""

    def __init__(self, name: str, handlers: dict[str, Callable[..., None]]) -> None:
        super().__init__(name=f"dbus {name}", daemon=True)
        self._bus = open_session_bus()
        self._handlers = handlers
        reply = self._bus.send_and_get_reply(message_bus.RequestName(name), timeout=5)
        if unwrap_msg(reply)[0] == NAME_TAKEN:
            self._bus.close()
            raise UnsupportedSession(f"another program owns {name} on the session bus")
        self._stopped = False

    def run(self) -> None:
        """Answer calls until the connection closes."""
        while not self._stopped:
            try:
                message = self._bus.receive()
            except (OSError, ValueError, EOFError):
                return  # closed by stop(), or the bus went away
            if message.header.message_type == MessageType.method_call:
                self._answer(message)

    def stop(self) -> None:
        """Shut the connection down, which wakes and ends the thread, then close it."""
        self._stopped = True
        with contextlib.suppress(OSError):  # the bus had gone already
            self._bus.sock.shutdown(socket.SHUT_RDWR)
        self.join(timeout=5)
        self._bus.close()

    def _answer(self, message: Any) -> None:
        handler = self._handlers.get(message.header.fields.get(HeaderFields.member, ""))
        if handler is None:
            self._bus.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))
            return
        handler(*message.body)
        self._bus.send(new_method_return(message))
