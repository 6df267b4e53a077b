"""A server process keeps open as many database connections as it may use at once: a busy
server opens none after its first burst (each new one had no prepared statements and, on Citus,
no connections to the workers)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, event

from dayglass.http.app import create_app
from dayglass.http.loop_reads import process_connections
from dayglass.settings import Settings
from dayglass.storage.engine import create_db_engine

AT_ONCE = 12
BURSTS = 3


def hold_one(engine: Engine, all_holding: threading.Barrier) -> None:
    """Use a connection until every thread of the burst holds one."""
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
        all_holding.wait(timeout=30)


def connections_opened_per_burst(engine: Engine) -> list[int]:
    """Connections the engine opened in each of BURSTS bursts of AT_ONCE threads that each
    hold one at the same moment."""
    opened = [0]

    def on_connect(dbapi_connection: object, record: object) -> None:
        opened[0] += 1

    event.listen(engine, "connect", on_connect)
    per_burst = []
    for _ in range(BURSTS):
        before = opened[0]
        all_holding = threading.Barrier(AT_ONCE)

        threads = [
            threading.Thread(target=hold_one, args=(engine, all_holding)) for _ in range(AT_ONCE)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        per_burst.append(opened[0] - before)
    event.remove(engine, "connect", on_connect)
    return per_burst


def test_connections_asked_for_stay_open_between_bursts(database_url: str) -> None:
    engine = create_db_engine(database_url, connections=AT_ONCE)
    try:
        assert connections_opened_per_burst(engine) == [AT_ONCE, 0, 0]
    finally:
        engine.dispose()


def test_without_it_the_pool_closes_all_but_five_and_opens_them_again(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        assert connections_opened_per_burst(engine) == [AT_ONCE, AT_ONCE - 5, AT_ONCE - 5]
    finally:
        engine.dispose()


def test_a_server_process_keeps_a_connection_for_each_it_may_use(
    database_url: str, tmp_path: Path
) -> None:
    app = create_app(Settings(data_dir=tmp_path, database_url=database_url))
    engine = app.state.engine
    try:
        wanted = process_connections(engine.dialect.name)
        assert engine.pool.size() == wanted
        assert wanted >= 2 * 2  # two for each request thread, at the least
    finally:
        engine.dispose()
