"""The few statements whose spelling differs between SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import cast

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ClauseElement,
    ColumnElement,
    Connection,
    Insert,
    String,
    Table,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.compiler import SQLCompiler


def _insert(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


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


def any_of(
    conn: Connection, column: ColumnElement[int], values: Sequence[int]
) -> ColumnElement[bool]:
    """`column IN values` as one bound parameter, so large lists compile once and run fast."""
    if conn.dialect.name == "postgresql":
        return column == func.any(bindparam(None, list(values), type_=ARRAY(BigInteger)))
    as_json = bindparam(None, json.dumps(list(values)), type_=String)
    return column.in_(select(literal_column("value")).select_from(func.json_each(as_json)))


_COMPILED: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[int] | None]] = {}


def execute_many(
    conn: Connection,
    key: str,
    statement: ClauseElement,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
) -> None:
    """executemany through the driver with rows as tuples in `columns` order.

    SQLAlchemy's per-row parameter processing costs more than the insert itself for the
    batches ingest writes; the statement is compiled once per dialect and key instead.
    Only for columns whose values need no type processing (integers, strings, bytes).
    """
    cache_key = (conn.dialect.name, key, columns)
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        # A statement (not DDL) always compiles to an SQLCompiler, which knows its parameters.
        done = cast(SQLCompiler, statement.compile(dialect=conn.dialect, column_keys=list(columns)))
        names = done.positiontup or []
        order = [columns.index(name) for name in names] if done.positional else None
        compiled = _COMPILED[cache_key] = (done.string, order)
    sql, order = compiled
    if order is None:
        params: Sequence[Mapping[str, object]] | Sequence[Sequence[object]] = [
            dict(zip(columns, row, strict=True)) for row in rows
        ]
    elif order == list(range(len(columns))):
        params = rows
    else:
        params = [tuple(row[i] for i in order) for row in rows]
    conn.exec_driver_sql(sql, params)
