"""On the Citus cluster: a personal key's question is read on the worker holding the user's rows,
not through the coordinator; a worker that cannot be reached leaves it to the coordinator."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

# The same database (the cluster's alone) and clock as the routing tests.
from citus.test_routing import (  # noqa: F401 (fixtures)
    BACKGROUND_THREADS,
    READS_TIME,
    clock,
    database_url,
    worker_of,
)
from dayglass.storage.node_routing import NodeRouter, user_id_hash
from dayglass.storage.snapshot import SharedReads
from dayglass.storage.user_row import user_row
from serving import add_account
from teams.team_seed import spend
from teams.test_team_data import data


@contextmanager
def reads_by_port(database: str | None) -> Iterator[list[tuple[int, str]]]:
    """(port of the server it went to, statement) of every SELECT any engine sends meanwhile
    to database, but for the server's background work (closing days, evaluating alerts)."""
    seen: list[tuple[int, str]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if threading.current_thread().name.startswith(BACKGROUND_THREADS):
            return
        if conn.engine.url.database != database:
            return
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((int(conn.engine.url.port), statement))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_the_user_id_hash_is_the_one_citus_shards_by(engine):
    numbers = random.Random(7)
    ids = [0, 1, -1, 2**31, 2**32 + 7, 2**63 - 1, -(2**63)]
    ids += [numbers.randrange(-(2**63), 2**63) for _ in range(500)] + list(range(2, 300))
    with engine.connect() as conn:
        hashed = conn.exec_driver_sql(
            "SELECT worker_hash(x) FROM unnest(%(ids)s::bigint[]) AS x", {"ids": ids}
        ).scalars()
        assert list(hashed) == [user_id_hash(n) for n in ids]


def test_a_personal_keys_question_is_read_on_the_users_worker(in_process_server, engine):
    services = in_process_server.services
    accounts = [add_account(services, "u1@example.org")]
    with engine.connect() as conn:
        ports = [worker_of(conn, accounts[0].user_id)]
        while True:  # a second user on the other worker
            accounts.append(add_account(services, f"u{len(accounts) + 1}@example.org"))
            ports.append(worker_of(conn, accounts[-1].user_id))
            if ports[-1] != ports[0]:
                break
    one, other = accounts[0], accounts[-1]
    spend(services, one.user_id, 900)
    spend(services, other.user_id, 300)
    coordinator = int(engine.url.port)
    for account, port, spent in ((one, ports[0], 900), (other, ports[-1], 300)):
        data(in_process_server, account.key)  # the key is kept after its first request
        with reads_by_port(engine.url.database) as seen:
            answer = data(in_process_server, account.key)
        assert sum(row[1] for row in answer["rows"]) == spent
        reports = [p for p, statement in seen if READS_TIME.search(statement)]
        assert reports == [port], seen
        users = [p for p, statement in seen if "FROM users" in statement]
        assert users == [port], seen
        assert port != coordinator


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_worker_leaves_its_users_reads_to_the_coordinator(services, engine):
    dead = create_engine(
        engine.url.set(port=_closed_port()),
        poolclass=NullPool,
        connect_args={"connect_timeout": 2},
    )
    now = [0.0]
    router = NodeRouter(engine, 2, engine_of=lambda node: dead, monotonic=lambda: now[0])
    shared = SharedReads(engine, router=router)
    user_id = add_account(services, "a@example.org").user_id
    assert router.engine_for(user_id) is dead
    with reads_by_port(engine.url.database) as seen, shared.snapshot(lone_statement=True):
        found = user_row(shared.as_engine(), user_id)
    assert found is not None and found.user.email == "a@example.org"
    assert [port for port, _ in seen] == [int(engine.url.port)]
    # Left alone for a while, then tried again.
    assert router.engine_for(user_id) is engine
    now[0] += 61.0
    assert router.engine_for(user_id) is dead
    dead.dispose()
    router.dispose()
