"""How a batch reaches PostgreSQL: one statement a table whatever the batch's size, and reads of
a device's stored events that look at the batch's rows only, even for a device that the
table's statistics do not know yet (its ids are checked by the unique index they go into)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from psycopg import pq
from sqlalchemy import Engine, event, text

from dayglass.composition import build_services
from dayglass.core.clock import Clock
from dayglass.services.registry import Services
from dayglass.storage.engine import create_db_engine

FIRST = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
STORED = 20_000  # rows of each device written straight to the table


@pytest.fixture
def pg_engine(postgres_database_url: str) -> Iterator[Engine]:
    # One connection, so the one a test traces is the one every statement goes through.
    engine = create_db_engine(postgres_database_url, connections=1, max_overflow=0)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_services(pg_engine: Engine, clock: Clock) -> Services:
    return build_services(pg_engine, clock)


def _batch(device: str, first: int, count: int, at: datetime) -> dict[str, object]:
    events = [
        {
            "id": f"{device}-{first + i}",
            "start": (at + timedelta(seconds=30 * i)).isoformat(),
            "duration": 25,
            "app": ["code", "firefox", "slack"][i % 3],
            "title": f"document {i % 7}",
        }
        for i in range(count)
    ]
    return {"device": device, "source_type": "computers", "events": events}


def _parsed_inserts(trace: Path) -> dict[str, list[str]]:
    """The INSERT statements the client sent PostgreSQL to parse, by table, from libpq's trace."""
    found: dict[str, list[str]] = {}
    for parse in re.finditer(r'\tParse\t "[^"]*" "(INSERT INTO (\w+) [^"]*)"', trace.read_text()):
        found.setdefault(parse.group(2), []).append(parse.group(1))
    return found


def test_a_batch_reaches_each_table_in_one_statement_spelled_the_same_for_any_size(
    pg_engine: Engine, pg_services: Services, tmp_path: Path
) -> None:
    user = pg_services.accounts.add_user("ada@example.org", "password1", None, "UTC")
    pg_services.ingest.ingest(user.id, _batch("laptop", 0, 3, FIRST))  # the texts, the device
    trace = tmp_path / "libpq.trace"
    with pg_engine.connect() as conn:
        driver = conn.connection.driver_connection
    assert driver is not None
    with trace.open("w") as out:
        driver.pgconn.trace(out.fileno())
        driver.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            for first, count, day in ((3, 1000, 1), (1003, 999, 2), (2002, 37, 3)):
                batch = _batch("laptop", first, count, FIRST + timedelta(days=day))
                assert pg_services.ingest.ingest(user.id, batch).stored == count
        finally:
            driver.pgconn.untrace()
    inserts = _parsed_inserts(trace)
    for table in ("raw_events", "facts", "daily_facts", "daily_documents"):
        # One a batch (three batches), and one text: PostgreSQL may keep it prepared.
        assert len(inserts[table]) == 3, (table, len(inserts[table]))
        assert len(set(inserts[table])) == 1, table


def _plan_nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


def _rows_filtered_away(engine: Engine, statement: str, parameters: Any) -> int:
    """Rows PostgreSQL read and then threw away running statement (EXPLAIN ANALYZE)."""
    with engine.connect() as conn:
        explained = conn.exec_driver_sql(
            f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters
        ).scalar_one()
    return sum(
        node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
        for node in _plan_nodes(explained[0]["Plan"])
    )


def _store_rows_directly(engine: Engine, user_id: int, device: str, start: datetime) -> None:
    """STORED events of device, 30 s apart from start, as ingest would have written them."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO raw_events (user_id, device_id, client_id, start_ms, duration_ms,"
                " utc_offset_min, app_text_id, title_text_id)"
                " SELECT :user, d.id, :device || '-' || g, :start + g::bigint * 30000, 25000,"
                " 0, 1, 1 FROM generate_series(1000000, 1000000 + :rows - 1) g"
                " JOIN devices d ON d.user_id = :user AND d.name = :device"
            ),
            {
                "user": user_id,
                "device": device,
                "start": int(start.timestamp() * 1000),
                "rows": STORED,
            },
        )


def test_a_device_newer_than_the_statistics_is_read_by_index_not_in_full(
    pg_engine: Engine, pg_services: Services
) -> None:
    user = pg_services.accounts.add_user("ada@example.org", "password1", None, "UTC")
    with pg_engine.begin() as conn:
        # No ANALYZE behind the test's back: the statistics stay those taken below.
        conn.execute(text("ALTER TABLE raw_events SET (autovacuum_enabled = false)"))
    try:
        pg_services.ingest.ingest(user.id, _batch("laptop", 0, 1, FIRST))
        _store_rows_directly(pg_engine, user.id, "laptop", FIRST + timedelta(days=1))
        with pg_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE raw_events"))
        # A second device after the statistics were taken, with as many rows as the first.
        desktop_start = FIRST + timedelta(days=30)
        pg_services.ingest.ingest(user.id, _batch("desktop", 0, 1, FIRST))
        _store_rows_directly(pg_engine, user.id, "desktop", desktop_start)

        statements: list[tuple[str, Any]] = []

        def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if statement.startswith("SELECT") and "FROM raw_events" in statement:
                statements.append((statement, parameters))

        # A batch resent: 1,000 of the device's stored events, ids and times.
        resent = [
            {
                "id": f"desktop-{n}",
                "start": (desktop_start + timedelta(seconds=30 * n)).isoformat(),
                "duration": 25,
                "app": "code",
            }
            for n in range(1_005_000, 1_006_000)
        ]
        event.listen(pg_engine, "before_cursor_execute", seen)
        try:
            result = pg_services.ingest.ingest(user.id, {"device": "desktop", "events": resent})
        finally:
            event.remove(pg_engine, "before_cursor_execute", seen)
        assert (result.stored, result.duplicates) == (0, 1000)
        assert statements  # the device's stored time around the batch
        for statement, parameters in statements:
            assert _rows_filtered_away(pg_engine, statement, parameters) == 0, statement
    finally:
        with pg_engine.begin() as conn:
            conn.execute(text("ALTER TABLE raw_events RESET (autovacuum_enabled)"))
