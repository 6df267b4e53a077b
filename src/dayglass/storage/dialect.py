"""The few statements whose spelling differs between SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Connection, Insert, Table
from sqlalchemy.dialects import postgresql, sqlite


def _insert(conn: Connection, table: Table):
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def insert_ignoring_conflicts(conn: Connection, table: Table, keys: list[str]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO NOTHING."""
    return _insert(conn, table).on_conflict_do_nothing(index_elements=keys)


def insert_adding(conn: Connection, table: Table, keys: list[str], column: str) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET column = column + excluded.column."""
    statement = _insert(conn, table)
    return statement.on_conflict_do_update(
        index_elements=keys,
        set_={column: table.c[column] + statement.excluded[column]},
    )


def upsert(conn: Connection, table: Table, keys: list[str]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET every other column to the new value."""
    statement = _insert(conn, table)
    others = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    return statement.on_conflict_do_update(index_elements=keys, set_=others)
