"""Keys that distribute: the migration keeps every row, ids still number themselves, and foreign
keys between per-user tables hold the user as well as the row."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from hashlib import blake2b
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, insert, inspect, select, table, text
from sqlalchemy import column as col
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from dayglass.storage.engine import create_db_engine
from dayglass.storage.inserted import inserted_id
from dayglass.storage.migrate import alembic_config, upgrade
from dayglass.storage.tables import devices, metadata, raw_events, users

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
DAY = date(2026, 11, 2)

# Rows of two users in every table the migration changes, parents first, as at revision 0014.
OLD_ROWS: dict[str, list[dict[str, Any]]] = {
    "users": [
        {"id": u, "email": f"u{u}@example.com", "display_name": f"U{u}", "password_hash": "x"}
        | {"timezone": "UTC", "created_at": AT}
        for u in (1, 2)
    ],
    "organizations": [{"id": 1, "name": "Org", "created_at": AT}],
    "oauth_clients": [
        {"id": 1, "client_id": "c1", "secret_hash": "s", "name": "App", "redirect_uris": "x"}
        | {"owner_id": 1, "created_at": AT}
    ],
    "api_keys": [
        {"id": k, "user_id": u, "label": "k", "prefix": "p", "key_hash": f"h{k}"}
        | {"created_at": AT}
        for k, u in ((1, 1), (2, 2), (3, 2))
    ],
    "org_keys": [{"key_id": 3, "user_id": 2, "org_id": 1}],
    "embed_keys": [
        {"id": 1, "user_id": 2, "key_hash": "e1", "prefix": "p", "label": "l"}
        | {"begin_day": "2026-11-01", "end_day": "2026-11-02", "group_by": "activity"}
        | {"resolution": "day", "allow_raw": False, "created_at": AT}
    ],
    "oauth_tokens": [
        {"id": 1, "user_id": 2, "client_id": 1, "token_hash": "t1", "scope": "s"}
        | {"created_at": AT}
    ],
    "devices": [
        {"id": d, "user_id": u, "name": f"d{d}", "source_type": "computers"}
        | {"max_event_ms": 0, "created_at": AT}
        for d, u in ((1, 1), (2, 2))
    ],
    "activities": [{"id": 1, "user_id": 2, "name": "editor"}],
    "texts": [{"id": 1, "user_id": 2, "digest": b"0123456789abcdef", "value": "v"}],
    "raw_events": [
        {"id": e, "user_id": u, "device_id": d, "client_id": f"c{e}", "client_hash": e}
        | {"start_ms": 1000 * e, "duration_ms": 500, "utc_offset_min": 0}
        | {"app_text_id": 1, "title_text_id": 1, "url_text_id": None}
        for e, u, d in ((1, 1, 1), (2, 2, 2), (3, 2, 2))
    ],
    "schedules": [{"id": 1, "user_id": 2, "name": "work", "created_at": AT}],
    "schedule_windows": [
        {"user_id": 2, "schedule_id": 1, "weekday": 0, "start_minute": 540, "end_minute": 1020}
    ],
    "alerts": [
        {"id": 1, "user_id": 2, "comparison": "more", "hours": 1.0, "target": "total"}
        | {"value": None, "webhook_url": "http://x", "created_at": AT}
    ],
    "alert_triggerings": [
        {"id": 1, "user_id": 2, "alert_id": 1, "day": DAY, "message": "m", "created_at": AT}
        | {"webhook_due_at": AT, "webhook_attempts": 0}
    ],
    "highlights": [
        {"id": 1, "user_id": 2, "day": DAY, "description": "d", "source": None} | {"created_at": AT}
    ],
    "focus_sessions": [
        {"id": 1, "user_id": 2, "started_at": AT, "minutes": 25, "ends_at": AT, "ended_at": None}
    ],
    "offline_entries": [
        {"id": 1, "user_id": 2, "start_at": AT, "utc_offset_min": 0, "seconds": 60}
        | {"activity": "a", "details": "d", "device": "offline", "created_at": AT}
    ],
    "projects": [{"id": 1, "user_id": 2, "name": "p", "position": 0, "created_at": AT}],
    "project_rules": [
        {"id": 1, "user_id": 2, "project_id": 1, "kind": "activity", "value": "editor"}
    ],
    "project_assignments": [
        {"id": 1, "user_id": 2, "project_id": 1, "day": DAY, "start_minute": 0}
        | {"end_minute": 60, "created_at": AT}
    ],
}


def _table(name: str, rows: list[dict[str, Any]]) -> Any:
    """A lightweight table of the columns the rows use (the schema of revision 0014)."""
    return table(name, *(col(c) for c in rows[0]))


def _postgres_admin_url() -> str:
    url = os.environ.get("DAYGLASS_TEST_POSTGRES_URL")
    if not url:
        pytest.fail("DAYGLASS_TEST_POSTGRES_URL is not set: run the tests through ./scripts/test")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database (no migration yet) on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    admin_url = _postgres_admin_url()
    name = f"dayglass_keys_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def old_engine(empty_url: str) -> Iterator[Engine]:
    """A database at revision 0014 holding OLD_ROWS (sequences moved past them on PostgreSQL)."""
    engine = create_db_engine(empty_url, poolclass=NullPool)
    upgrade(engine, "0014")
    with engine.begin() as conn:
        for name, rows in OLD_ROWS.items():
            conn.execute(insert(_table(name, rows)), rows)
            if engine.dialect.name == "postgresql" and "id" in rows[0]:
                conn.execute(text(f"SELECT setval('{name}_id_seq', (SELECT max(id) FROM {name}))"))
    yield engine
    engine.dispose()


def _rows(engine: Engine, name: str, columns: list[str]) -> list[tuple[Any, ...]]:
    query = select(*(col(c) for c in columns)).select_from(table(name)).order_by(*columns[:2])
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def _still_there(name: str) -> list[str]:
    """The columns of OLD_ROWS[name] that the newest schema still has (0018 dropped one)."""
    return [c for c in OLD_ROWS[name][0] if c in metadata.tables[name].c]


def test_upgrading_keeps_every_row_and_moves_organization_keys(old_engine):
    kept = [name for name in OLD_ROWS if name != "org_keys"]
    before = {name: _rows(old_engine, name, _still_there(name)) for name in kept}
    upgrade(old_engine)
    for name in kept:
        assert _rows(old_engine, name, _still_there(name)) == before[name], name
    assert "org_keys" not in inspect(old_engine).get_table_names()
    assert _rows(old_engine, "api_keys", ["id", "org_id"]) == [(1, None), (2, None), (3, 1)]


def test_downgrading_brings_organization_keys_back(old_engine):
    upgrade(old_engine)
    upgraded = _rows(old_engine, "raw_events", ["id", "user_id", "device_id"])
    config = alembic_config()
    with old_engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0014")
    assert _rows(old_engine, "org_keys", ["key_id", "user_id", "org_id"]) == [(3, 2, 1)]
    assert _rows(old_engine, "raw_events", ["id", "user_id", "device_id"]) == upgraded
    upgrade(old_engine)
    assert _rows(old_engine, "api_keys", ["id", "org_id"]) == [(1, None), (2, None), (3, 1)]


def test_ids_still_number_themselves_after_the_upgrade(old_engine):
    upgrade(old_engine)
    with old_engine.begin() as conn:
        new_id = inserted_id(
            conn.execute(
                insert(devices).values(
                    user_id=2, name="new", source_type="computers", created_at=AT
                )
            )
        )
    assert new_id == 3


def test_ids_number_themselves_and_inserted_id_is_the_id(engine):
    with engine.begin() as conn:
        people = [
            inserted_id(
                conn.execute(
                    insert(users).values(
                        email=f"{n}@example.com",
                        display_name=n,
                        password_hash="x",
                        timezone="UTC",
                        created_at=AT,
                    )
                )
            )
            for n in ("a", "b")
        ]
        made = [
            inserted_id(
                conn.execute(
                    insert(devices).values(
                        user_id=people[1], name=name, source_type="computers", created_at=AT
                    )
                )
            )
            for name in ("laptop", "desktop")
        ]
    assert people == [1, 2]
    assert made == [1, 2]


def test_a_raw_event_for_another_users_device_is_refused(engine):
    with engine.begin() as conn:
        for u in (1, 2):
            conn.execute(insert(users).values(OLD_ROWS["users"][u - 1]))
        conn.execute(insert(devices).values(OLD_ROWS["devices"][0]))  # user 1's device 1
    event = {k: OLD_ROWS["raw_events"][0][k] for k in _still_there("raw_events") if k != "id"}
    event |= {"user_id": 2}
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(raw_events).values(event))
    with engine.begin() as conn:
        conn.execute(insert(raw_events).values(event | {"user_id": 1}))


def test_distributed_keys_lead_with_their_column_on_postgresql_only(engine):
    inspector = inspect(engine)
    for name in ("devices", "raw_events", "alert_triggerings", "api_keys", "oauth_tokens"):
        physical = inspector.get_pk_constraint(name)["constrained_columns"]
        declared = [c.name for c in metadata.tables[name].primary_key.columns]
        expected = declared if engine.dialect.name == "postgresql" else ["id"]
        assert physical == expected, name


def test_downgrading_below_0018_hashes_the_client_ids_again(old_engine):
    upgrade(old_engine)
    config = alembic_config()
    with old_engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0017")
    ids = [row["client_id"] for row in OLD_ROWS["raw_events"]]
    hashes = [int.from_bytes(blake2b(i.encode(), digest_size=8).digest(), "big") >> 1 for i in ids]
    assert _rows(old_engine, "raw_events", ["client_id", "client_hash"]) == list(
        zip(ids, hashes, strict=True)
    )
    upgrade(old_engine)
    assert _rows(old_engine, "raw_events", ["client_id"]) == [(i,) for i in ids]
