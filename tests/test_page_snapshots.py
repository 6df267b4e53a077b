"""The dashboard and the focus check read in one snapshot each: the page's reads are one
transaction; the focus check, one statement, reads in autocommit on PostgreSQL (no BEGIN and
end around it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

from dayglass.services.demo import load_demo
from serving import PASSWORD, Account, LiveServer, signed_in

BACKGROUND_THREAD = "asyncio_"  # the loop's own executor, where the background loops read


@contextmanager
def request_reads(engine: Engine) -> Iterator[list[tuple[str, str]]]:
    """What the requests run, in order: ("AUTOCOMMIT" or the level, statement) for each
    statement, ("end", "commit" or "rollback") for each transaction's end."""
    seen: list[tuple[str, str]] = []

    def by_request() -> bool:
        return not threading.current_thread().name.startswith(BACKGROUND_THREAD)

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if by_request():
            seen.append((conn.get_execution_options().get("isolation_level", ""), statement))

    def commit(conn) -> None:
        if by_request():
            seen.append(("end", "commit"))

    def rollback(conn) -> None:
        if by_request():
            seen.append(("end", "rollback"))

    listeners = (("before_cursor_execute", record), ("commit", commit), ("rollback", rollback))
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield seen
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


def test_the_dashboards_reads_are_one_transaction(
    in_process_server: LiveServer, engine: Engine, account: Account
) -> None:
    services = in_process_server.services
    load_demo(services.ingest, account.user_id, "Europe/Berlin", services.clock, days=3)
    client = signed_in(in_process_server, account.email, PASSWORD)
    assert client.get("/").status_code == 200  # the session's use noted: a minute's quiet
    with request_reads(engine) as seen:
        page = client.get("/")
    client.close()
    assert page.status_code == 200
    reports = [i for i, (_, sql) in enumerate(seen) if sql.startswith("SELECT") and "facts" in sql]
    assert len(reports) >= 2, seen  # the day's totals and its timeline at least
    # The browser session is read before the page's snapshot; from the first report on, no
    # transaction ends until the page is done.
    page_reads = seen[reports[0] :]
    assert [what for what in page_reads if what[0] == "end"] == [("end", "commit")], page_reads
    assert page_reads[-1] == ("end", "commit")


def test_the_focus_check_reads_in_autocommit_on_postgresql(
    in_process_server: LiveServer, engine: Engine, account: Account
) -> None:
    with in_process_server.client(account.key) as client:
        assert client.get("/api/v1/focus").json()["active"] is False
        with request_reads(engine) as seen:
            assert client.get("/api/v1/focus").json()["active"] is False
    (read,) = [(level, sql) for level, sql in seen if "focus_sessions" in sql]
    assert (read[0] == "AUTOCOMMIT") is (engine.dialect.name == "postgresql"), read
