"""`serve --workers N`: each process listens on a socket of its own on the one port, and the
kernel spreads connections over them."""

from __future__ import annotations

import pickle
import select
import socket

import pytest
from tests.commands import run
from tests.free_port import free_port

from dayglass.cli.worker_sockets import PortListener

CONNECTIONS = 40


def _accepted(listening: socket.socket) -> int:
    """How many connections wait on a listening socket, accepting (and closing) each."""
    count = 0
    while select.select([listening], [], [], 0.2)[0]:
        listening.accept()[0].close()
        count += 1
    return count


def test_each_unpickled_listener_is_a_socket_of_its_own_and_both_get_connections() -> None:
    port = free_port()
    listener = PortListener("127.0.0.1", port)
    # What each worker process gets from uvicorn's supervisor, which pickles its sockets.
    first, second = (pickle.loads(pickle.dumps(listener)) for _ in range(2))
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(CONNECTIONS)]
    try:
        counts = [_accepted(first), _accepted(second)]
    finally:
        for sock in (*clients, first, second):
            sock.close()
    assert sum(counts) == CONNECTIONS
    assert min(counts) > 0  # all 40 on one socket would be a chance of 1 in 2**39


def test_a_port_another_program_listens_on_is_refused_at_once() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            PortListener("127.0.0.1", taken.getsockname()[1])


def test_serve_with_workers_on_a_taken_port_says_so(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = run(
            "serve", "--port", port, "--workers", "2", env={"DAYGLASS_DATA_DIR": str(tmp_path)}
        )
    assert done.returncode != 0
    assert f"cannot listen on http://127.0.0.1:{port}" in done.stderr
