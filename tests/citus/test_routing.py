"""On the Citus cluster: each user's rows on one worker, each user's Data API query on one
shard, an organization's report fanned out and summed on the workers."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from dayglass.core.clock import ManualClock
from dayglass.storage.distribution import worker_nodes
from serving import add_account
from teams.team_seed import NOW, seed_team, spend
from teams.test_team_data import data

# Tables of one co-location group: a user's rows of each are on the same worker.
PER_USER = ("devices", "activities", "texts", "raw_events", "facts", "daily_facts")


@pytest.fixture
def database_url(citus_database_url: str) -> str:
    """The Citus cluster's database alone: these tests are about its placement and plans."""
    return citus_database_url


@pytest.fixture
def clock() -> ManualClock:
    """Five days after the seeded day, in Berlin."""
    return ManualClock.at_local(NOW)


def worker_of(conn: Connection, user_id: int) -> int:
    """The port of the worker holding user_id's shard of facts."""
    port = conn.execute(
        text(
            "SELECT n.nodeport FROM pg_dist_placement p "
            "JOIN pg_dist_node n ON n.groupid = p.groupid "
            "WHERE p.shardid = get_shard_id_for_distribution_column('facts', :user_id)"
        ),
        {"user_id": user_id},
    ).scalar_one()
    return int(port)


def rows_per_worker(engine: Engine, table: str, user_id: int) -> dict[int, int]:
    """user_id's rows of table counted in each worker's own shards of it (not via Citus)."""
    with engine.connect() as conn:
        workers = worker_nodes(conn)
        shards = conn.execute(
            text(
                "SELECT shard_name, nodeport FROM citus_shards "
                "WHERE table_name = CAST(:t AS regclass)"
            ),
            {"t": table},
        ).all()
    counts = {}
    for host, port in workers:
        url = make_url(engine.url).set(host=host, port=port)
        worker = create_engine(url, poolclass=NullPool)
        with worker.connect() as conn:
            counts[port] = sum(
                conn.execute(
                    text(f'SELECT count(*) FROM "{shard}" WHERE user_id = :u'), {"u": user_id}
                ).scalar_one()
                for shard, shard_port in shards
                if shard_port == port
            )
        worker.dispose()
    return counts


def test_two_users_data_land_on_different_workers(services, engine):
    accounts = [add_account(services, "u1@example.org")]
    with engine.connect() as conn:
        first = worker_of(conn, accounts[0].user_id)
        # Ids come from 1; with the test cluster's 4 shards on 2 workers a few users suffice.
        while True:
            accounts.append(add_account(services, f"u{len(accounts) + 1}@example.org"))
            if worker_of(conn, accounts[-1].user_id) != first:
                break
    one, other = accounts[0], accounts[-1]
    for account in (one, other):
        spend(services, account.user_id, 600)
    for table in PER_USER:
        on_workers = [rows_per_worker(engine, table, a.user_id) for a in (one, other)]
        # Each user's rows on one worker only, and not on the same one.
        holders = [[port for port, n in counts.items() if n] for counts in on_workers]
        assert [len(h) for h in holders] == [1, 1], (table, on_workers)
        assert holders[0] != holders[1], (table, on_workers)
    with engine.connect() as conn:
        assert worker_of(conn, other.user_id) == holders[1][0]


@contextmanager
def statements(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """The SELECTs sent to engine's database while the block runs, with their parameters: by
    engine and by the engines of its workers (a user's question may be read on its worker)."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if conn.engine.url.database != engine.url.database:
            return
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def plan(engine: Engine, statement: str, parameters: object) -> str:
    """EXPLAIN's text for statement (VERBOSE off: the worker's plan as Citus shows it)."""
    with engine.connect() as conn:
        lines = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars()
        return "\n".join(lines)


def task_count(text_plan: str) -> int | None:
    """The number of shards a Citus plan reaches; None for a query Citus does not run."""
    found = re.search(r"Task Count: (\d+)", text_plan)
    return int(found.group(1)) if found else None


# The names of asyncio's executor threads, where the server's background work runs.
BACKGROUND_THREADS = "asyncio_"
READS_TIME = re.compile(r"\b(facts|daily_facts|daily_documents)\b")


@pytest.mark.parametrize(
    "params",
    [
        {"restrict_kind": "activity"},
        {"restrict_kind": "document"},
        {"perspective": "interval", "resolution_time": "hour", "restrict_kind": "category"},
    ],
    ids=["daily-rollup", "documents", "hourly-facts"],
)
def test_each_users_data_api_query_is_planned_as_one_task(
    in_process_server, engine, account, params
):
    spend(in_process_server.services, account.user_id, 900)
    other = add_account(in_process_server.services, "other@example.org")
    spend(in_process_server.services, other.user_id, 300)
    with statements(engine) as seen:
        answer = data(in_process_server, account.key, **params)
    assert sum(row[1] for row in answer["rows"]) == 900
    plans = {statement: plan(engine, statement, parameters) for statement, parameters in seen}
    assert any(READS_TIME.search(statement) for statement in plans), list(plans)
    # Every read of the request, the report's and the key's, user's and settings' alike.
    assert {s: task_count(p) for s, p in plans.items() if task_count(p) != 1} == {}


def test_a_team_query_fans_out_and_sums_on_the_workers(in_process_server, engine):
    team = seed_team(in_process_server.services)
    # The seeded day is closed now, not by the server's loop while the request is watched: a
    # day's summary reads that one member's time (one task), and was seen here once in a while.
    in_process_server.services.day_closer.close_due()
    with statements(engine) as seen:
        answer = data(in_process_server, team.admin_key, restrict_kind="overview")
    assert answer["rows"] == [[1, 6060, 5, "Software Development"]]
    reports = [(s, p) for s, p in seen if READS_TIME.search(s)]
    assert reports, [s for s, _ in seen]
    for statement, parameters in reports:
        shown = plan(engine, statement, parameters)
        assert (task_count(shown) or 0) > 1, shown
        # Each worker sums its members' rows; only the sums travel to the coordinator.
        worker_part = shown.split("->  Task", 1)[1]
        assert "Aggregate" in worker_part, shown
        assert "MapMergeJob" not in shown and "Repartition" not in shown, shown
        assert "Distributed Subplan" not in shown, shown


@contextmanager
def remote_commands(engine: Engine) -> Iterator[list[tuple[str, str]]]:
    """(statement, command) for each command Citus sends a worker while one of engine's
    statements runs in the block (`citus.log_remote_commands` on new connections), but for those
    of the server's background work (closing days, evaluating alerts after each ingest), which
    runs in asyncio's executor threads and may overlap a request."""
    sent: list[tuple[str, str]] = []
    running: dict[int, str] = {}

    def connected(raw, record) -> None:
        raw.execute("SET citus.log_remote_commands = on")
        raw.commit()
        raw.add_notice_handler(lambda notice: noticed(raw, notice.message_primary))

    def noticed(raw, command: str) -> None:
        if not threading.current_thread().name.startswith(BACKGROUND_THREADS):
            sent.append((running.get(id(raw), ""), command))

    def before(conn, cursor, statement, parameters, context, executemany) -> None:
        running[id(conn.connection.dbapi_connection)] = statement

    def after(conn, cursor, statement, parameters, context, executemany) -> None:
        running.pop(id(conn.connection.dbapi_connection), None)

    hooks = [("connect", connected), ("before_cursor_execute", before)]
    hooks.append(("after_cursor_execute", after))
    for name, hook in hooks:
        event.listen(engine, name, hook)
    engine.dispose()  # every connection from now on is a new one, logging what it sends
    try:
        yield sent
    finally:
        for name, hook in hooks:
            event.remove(engine, name, hook)
        engine.dispose()


def _worker_transactions(sent: list[tuple[str, str]]) -> list[str]:
    """The transaction blocks opened on a worker by reads (noting a key's use is a write)."""
    return [c for s, c in sent if s.lstrip().startswith("SELECT") and c.startswith("issuing BEGIN")]


def test_a_personal_keys_data_api_request_opens_no_transaction_on_its_worker(
    in_process_server, engine
):
    """Its answer is one statement on the user's worker: BEGIN and ROLLBACK there would be two
    more trips (an organization's report, several statements on each worker, keeps them)."""
    team = seed_team(in_process_server.services)
    own = add_account(in_process_server.services, "own@example.org")
    spend(in_process_server.services, own.user_id, 900)
    with remote_commands(engine) as sent:
        assert sum(row[1] for row in data(in_process_server, own.key)["rows"]) == 900
        personal = list(sent)
        assert data(in_process_server, team.admin_key, restrict_kind="overview")["rows"]
    assert [c for s, c in personal if READS_TIME.search(s)], personal
    assert _worker_transactions(personal) == []
    assert _worker_transactions(sent), sent
