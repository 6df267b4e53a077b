"""A listening socket of its own for each server process (`serve --workers N`), on one port.

uvicorn's workers share the parent's one listening socket, and whichever process wakes first
accepts every connection waiting: 64 clients connecting at once all landed on one of two
processes (counted with `ss -tnp`), which answered alone while the other idled. With
`SO_REUSEPORT` each process listens on a socket of its own and the kernel spreads new
connections over them.

uvicorn's supervisor hands its `sockets` to each worker process by pickling them. It is given a
`PortListener` instead, which pickles as the instruction to bind: unpickled in a worker, it is
that worker's own socket. The supervisor itself keeps no listening socket.
"""

from __future__ import annotations

import socket
from typing import cast

# The listen backlog of each process (uvicorn's default).
BACKLOG = 2048


def reuse_port_socket(host: str, port: int, backlog: int = BACKLOG) -> socket.socket:
    """A TCP socket bound to host:port with SO_REUSEPORT, listening when backlog is given."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        if backlog:
            sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class PortListener:
    """Where each worker process listens: becomes a socket of its own when unpickled there."""

    def __init__(self, host: str, port: int) -> None:
        # Fail here, in the supervisor, when the port is taken: bound, never listening, closed.
        reuse_port_socket(host, port, backlog=0).close()
        self.host = host
        self.port = port

    def __reduce__(self) -> tuple[object, tuple[str, int]]:
        return (reuse_port_socket, (self.host, self.port))

    def as_sockets(self) -> list[socket.socket]:
        """This listener in the place of the socket list uvicorn's supervisor hands on."""
        return [cast(socket.socket, self)]
