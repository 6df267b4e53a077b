"""One read transaction per request: stores reading inside `snapshot()` share one connection
and see one state of the database, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, Engine, event, func, select

from dayglass.storage.account_store import SqlAccountStore
from dayglass.storage.category_store import SqlCategoryStore
from dayglass.storage.engine import writer
from dayglass.storage.snapshot import SharedReads
from dayglass.storage.tables import users
from serving import Account
from test_report_reads import statements


@pytest.fixture
def shared(engine: Engine) -> SharedReads:
    return SharedReads(engine)


def _count_users(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def _add_user(engine: Engine, email: str) -> None:
    # Written the way every store writes: through the writer engine, a transaction of its own.
    with writer(engine).begin() as conn:
        conn.execute(
            users.insert().values(
                email=email,
                display_name="x",
                password_hash="x",
                timezone="UTC",
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )


def test_reads_inside_a_snapshot_see_one_state(shared: SharedReads) -> None:
    as_engine = shared.as_engine()
    with shared.snapshot():
        before = _count_users(as_engine)
        _add_user(as_engine, "late@example.com")  # commits on a connection of its own
        during = _count_users(as_engine)
    after = _count_users(as_engine)
    assert during == before
    assert after == before + 1


def test_reads_inside_a_snapshot_share_one_connection(shared: SharedReads) -> None:
    as_engine = shared.as_engine()
    with shared.snapshot():
        with as_engine.connect() as first:
            first_id = id(first.connection.dbapi_connection)
        with as_engine.connect() as second:
            second_id = id(second.connection.dbapi_connection)
    assert first_id == second_id
    with as_engine.connect() as outside:
        assert not outside.closed


def test_a_stream_keeps_the_snapshot_until_its_last_row(shared: SharedReads) -> None:
    as_engine = shared.as_engine()
    store = SqlAccountStore(as_engine)
    for n in range(3):
        _add_user(as_engine, f"u{n}@example.com")

    def emails() -> Iterator[str]:
        with as_engine.connect() as conn:
            for (email,) in conn.execute(select(users.c.email).order_by(users.c.id)):
                yield email

    with shared.snapshot():
        stream = emails()
        first = next(stream)
        assert store.user(1) is not None  # another read meanwhile, on the same connection
    # The scope is over; the stream still reads on the snapshot's connection.
    assert [first, *stream] == ["u0@example.com", "u1@example.com", "u2@example.com"]


def test_a_snapshot_left_by_an_error_is_closed(shared: SharedReads) -> None:
    as_engine = shared.as_engine()
    with transaction_ends(shared.engine) as ends, pytest.raises(RuntimeError), shared.snapshot():
        with as_engine.connect() as conn:
            held = conn
            _count_users(as_engine)
        raise RuntimeError("the request failed")
    assert held.closed
    assert ends == ["rollback"]


@contextmanager
def transaction_ends(engine: Engine) -> Iterator[list[str]]:
    """How the engine's transactions end inside the block: "commit" or "rollback" each."""
    ends: list[str] = []

    def on_commit(conn: Connection) -> None:
        ends.append("commit")

    def on_rollback(conn: Connection) -> None:
        ends.append("rollback")

    event.listen(engine, "commit", on_commit)
    event.listen(engine, "rollback", on_rollback)
    try:
        yield ends
    finally:
        event.remove(engine, "commit", on_commit)
        event.remove(engine, "rollback", on_rollback)


def test_a_snapshot_ended_cleanly_commits_and_keeps_its_prepared_statements(
    shared: SharedReads,
) -> None:
    """A read transaction ends the same by COMMIT or ROLLBACK, but psycopg forgets a
    connection's prepared statements at a ROLLBACK: PostgreSQL then parsed and planned every
    statement of every request again. Six requests' reads, one after another (one pooled
    connection), each ended by a COMMIT; on PostgreSQL the read is prepared from the fifth on."""
    as_engine = shared.as_engine()
    with transaction_ends(shared.engine) as ends:
        for _ in range(6):
            with shared.snapshot():
                _count_users(as_engine)
    assert ends == ["commit"] * 6
    if shared.engine.dialect.name == "postgresql":
        with shared.engine.connect() as conn:
            prepared = conn.exec_driver_sql(
                "SELECT statement FROM pg_prepared_statements WHERE NOT from_sql"
            ).scalars()
            assert any("count(*)" in statement for statement in prepared)


def test_the_users_row_is_read_once_in_a_snapshot(engine: Engine, account: Account) -> None:
    """The user (its time zone) and the stamp of its kept overrides come from one read of its
    row: twice in a snapshot, the second answered from what it read."""
    shared = SharedReads(engine)
    people = SqlAccountStore(shared.as_engine())
    categories = SqlCategoryStore(shared.as_engine())
    with statements(engine) as outside:
        people.user(account.user_id)
        categories.overrides(account.user_id)
    with statements(engine) as inside, shared.snapshot():
        user = people.user(account.user_id)
        categories.overrides(account.user_id)
        assert people.user(account.user_id) == user
    assert user is not None and user.email == account.email
    assert len(_reads_of_users(outside)) == 2
    assert len(_reads_of_users(inside)) == 1


def _reads_of_users(sql: list[str]) -> list[str]:
    return [s for s in sql if s.startswith("SELECT") and " FROM users " in f"{s} "]


def _transaction_started(conn: Connection) -> datetime:
    started = conn.exec_driver_sql("SELECT transaction_timestamp()").scalar_one()
    conn.exec_driver_sql("SELECT pg_sleep(0.002)")
    return started


def test_a_lone_statements_snapshot_reads_in_autocommit_on_postgresql(shared: SharedReads) -> None:
    """The Data API's answer is one statement after the key's user: on PostgreSQL (and Citus)
    its snapshot reads each statement as a transaction of its own, sparing a BEGIN and an end
    (two of the request's four round trips); a plain snapshot keeps one transaction, and so
    does SQLite, where a transaction costs no round trip."""
    as_engine = shared.as_engine()
    if shared.engine.dialect.name == "postgresql":
        for lone, one_transaction in ((True, False), (False, True)):
            with shared.snapshot(lone_statement=lone), as_engine.connect() as conn:
                first, second = _transaction_started(conn), _transaction_started(conn)
            assert (first == second) is one_transaction
    else:
        with shared.snapshot(lone_statement=True):
            before = _count_users(as_engine)
            _add_user(as_engine, "late@example.com")
            assert _count_users(as_engine) == before
