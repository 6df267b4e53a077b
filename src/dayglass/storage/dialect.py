"""The few statements whose spelling differs between SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any, cast

import psycopg
from psycopg import RawCursor
from sqlalchemy import (
    ARRAY,
    BigInteger,
    ClauseElement,
    ColumnElement,
    Connection,
    Engine,
    Insert,
    String,
    Table,
    TableClause,
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
    conn: Connection | Engine, column: ColumnElement[Any], values: Sequence[int] | Sequence[str]
) -> ColumnElement[bool]:
    """`column IN values` (numbers, or texts for a text column) as one bound parameter, so
    large lists compile once and run fast."""
    if conn.dialect.name == "postgresql":
        element = String() if isinstance(column.type, String) else BigInteger()
        return column == func.any(bindparam(None, list(values), type_=ARRAY(element)))
    as_json = bindparam(None, json.dumps(list(values)), type_=String)
    return column.in_(select(literal_column("value")).select_from(func.json_each(as_json)))


_COMPILED: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[int] | None]] = {}
# Rows per multi-row INSERT (SQLite): a batch is cut into as few statements of these sizes as
# it takes, so each size's statement is spelled (and prepared) once.
_ROWS_PER_STATEMENT = (256, 64, 16, 4, 1)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_ONE_ROW = re.compile(r" VALUES \(((?:(?:%\(\w+\)s|\?)(?:::\w+)?(?:, )?)+)\)")
_MULTI_ROW: dict[tuple[str, int], tuple[str, list[int]]] = {}


def execute_many(
    conn: Connection,
    key: str,
    statement: ClauseElement,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
) -> None:
    """executemany through the driver with rows as tuples in `columns` order.

    SQLAlchemy's per-row parameter processing costs more than the insert itself for the
    batches ingest writes; the statement is compiled once per dialect and key instead. An
    INSERT's rows go in as few statements as can take them: on PostgreSQL one statement per row
    would be a round trip each (and on Citus one planned by the coordinator and sent on to a
    worker each); on SQLite, Python's driver lets go of the GIL at every statement it steps, and
    a thousand hand-overs a batch let the event loop's work hold the ingesting thread up at each
    of them. Only for columns whose values need no type processing (integers, strings, bytes),
    and, on PostgreSQL, rows that do not repeat a conflict key (ON CONFLICT DO UPDATE may not
    touch a row twice there; SQLite applies the rows of a statement one after another).
    """
    sql, order = _compiled(conn, key, statement, columns)
    if isinstance(statement, Insert) and _ONE_ROW.search(sql) is not None:
        insert_returning(conn, key, statement, columns, rows, None)
        return
    if order is None:
        params: Sequence[Mapping[str, object]] | Sequence[Sequence[object]] = [
            dict(zip(columns, row, strict=True)) for row in rows
        ]
    elif order == list(range(len(columns))):
        params = rows
    else:
        params = [tuple(row[i] for i in order) for row in rows]
    conn.exec_driver_sql(sql, params)


def insert_returning(
    conn: Connection,
    key: str,
    statement: Insert,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
    returning: str | None,
) -> list[Any]:
    """rows inserted as execute_many inserts them; the `returning` column of each row the
    statement inserted (with ON CONFLICT DO NOTHING, those not already stored)."""
    sql, order = _compiled(conn, key, statement, columns)
    if conn.dialect.name == "postgresql":
        return _insert_arrays(conn, sql, statement.table, columns, rows, returning)
    if returning is None:
        _insert_rows(conn, sql, columns, rows, order)
        return []
    return _insert_all_new_first(conn, sql, columns, rows, order, returning)


def _insert_all_new_first(
    conn: Connection,
    sql: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
    order: list[int] | None,
    returning: str,
) -> list[Any]:
    """SQLite: the returning column of the rows inserted, read back only when some were not.

    RETURNING hands back one row a step, and Python's driver lets go of the GIL at every step:
    a thousand hand-overs a batch, each a chance for the event loop's work to hold the ingesting
    thread up. Almost every batch is all new, so its rows go in without RETURNING, in a
    savepoint kept when SQLite counts every row inserted; otherwise the savepoint is undone and
    the rows go in again with RETURNING. `bench/load.py --databases sqlite --workers 2
    --endpoints "" --seconds 8` (4 clients ingesting batches of 1,000 beside 16 querying), three
    alternating pairs: 23.0, 22.5 and 21.4 batches/s before, 25.1, 24.8 and 24.1 after (p50 172-186
    -> 158-168 ms).
    """
    with conn.begin_nested() as all_new:
        if _insert_rows(conn, sql, columns, rows, order) == len(rows):
            at = columns.index(returning)
            return [row[at] for row in rows]
        all_new.rollback()
    inserted: list[Any] = []
    for many, values in _row_statements(sql, columns, rows, order):
        inserted.extend(conn.exec_driver_sql(f"{many} RETURNING {returning}", values).scalars())
    return inserted


def _compiled(
    conn: Connection, key: str, statement: ClauseElement, columns: tuple[str, ...]
) -> tuple[str, list[int] | None]:
    """statement's SQL for conn's dialect (compiled once a key), and the column of each of its
    positional placeholders (None: named ones)."""
    cache_key = (conn.dialect.name, key, columns)
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        # A statement (not DDL) always compiles to an SQLCompiler, which knows its parameters.
        done = cast(SQLCompiler, statement.compile(dialect=conn.dialect, column_keys=list(columns)))
        names = done.positiontup or []
        order = [columns.index(name) for name in names] if done.positional else None
        compiled = _COMPILED[cache_key] = (done.string, order)
    return compiled


def _insert_rows(
    conn: Connection,
    sql: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
    order: list[int] | None,
) -> int:
    """rows through multi-row INSERTs of the one-row INSERT sql; how many SQLite inserted."""
    return sum(
        conn.exec_driver_sql(many, values).rowcount
        for many, values in _row_statements(sql, columns, rows, order)
    )


def _row_statements(
    sql: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
    order: list[int] | None,
) -> Iterator[tuple[str, tuple[object, ...]]]:
    """Multi-row INSERTs of the one-row INSERT sql (SQLite's positional placeholders, in
    `order`, or named ones) that take rows between them, each with its values."""
    start = 0
    for size in _ROWS_PER_STATEMENT:
        while len(rows) - start >= size:
            many, columns_order = _multi_row(sql, columns, size, order)
            yield many, _flat(rows[start : start + size], columns_order, len(columns))
            start += size


def _insert_arrays(
    conn: Connection,
    sql: str,
    table: TableClause,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
    returning: str | None,
) -> list[Any]:
    """rows through one `INSERT ... SELECT * FROM unnest($1::type[], ...)` of the one-row
    INSERT sql, each column's values as one array; the returning column of the rows inserted.

    A multi-row INSERT's text grows with its rows, so PostgreSQL parsed and planned each anew,
    thousands of placeholders at a time; this statement's text is the same for any number of
    rows, so the connection prepares it once, and its parameters are a few arrays. unnest
    yields the rows in the arrays' order, so they are still written in the order given.
    """
    if not rows:
        return []
    many, order = _array_insert(conn, sql, table, columns)
    by_column = list(zip(*rows, strict=True))
    values = tuple(_array_literal(by_column[i]) for i in order)
    if returning is None:
        _execute_numbered(conn, many, values)
        return []
    return [row[0] for row in _execute_numbered(conn, f"{many} RETURNING {returning}", values)]


def _array_literal(values: Sequence[object]) -> str:
    """values (integers, strings, None) in PostgreSQL's text form of an array, `{1,2,NULL}`.

    psycopg turns a list into an array parameter element by element in Python: 6.5 ms for a
    batch's nine columns of 1,000 values, against 0.8 ms for joining them into this text,
    sending it and having PostgreSQL read it back (a statement of nine such arrays, measured
    through a raw cursor). Strings are quoted and their quotes and backslashes escaped.
    """
    if all(type(value) is int for value in values):
        return "{" + ",".join(map(str, values)) + "}"
    return "{" + ",".join(map(_array_element, values)) + "}"


def _array_element(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if type(value) is int:
        return str(value)
    raise TypeError(f"no array text for a {type(value).__name__}")


_ARRAY_INSERT: dict[str, tuple[str, list[int]]] = {}


def _array_insert(
    conn: Connection, sql: str, table: TableClause, columns: tuple[str, ...]
) -> tuple[str, list[int]]:
    """sql with its VALUES row made an unnest of one typed array a column, and the column of
    each array."""
    found = _ARRAY_INSERT.get(sql)
    if found is None:
        one_row = _ONE_ROW.search(sql)
        if one_row is None or "%(" in sql[one_row.end() :]:
            raise ValueError(f"not a one-row INSERT of named placeholders only: {sql}")
        names = _PLACEHOLDER.findall(one_row.group(1))
        arrays = ", ".join(
            f"${n}::{table.c[name].type.compile(dialect=conn.dialect)}[]"
            for n, name in enumerate(names, start=1)
        )
        # The driver's %% (a literal %) is PostgreSQL's %; rows' ids are not read.
        head = sql[: one_row.start()].replace("%%", "%")
        tail = sql[one_row.end() :].split(" RETURNING ")[0].replace("%%", "%")
        many = f"{head} SELECT * FROM unnest({arrays}){tail}"
        found = _ARRAY_INSERT[sql] = (many, [columns.index(name) for name in names])
    return found


def _execute_numbered(
    conn: Connection, sql: str, values: tuple[object, ...]
) -> list[tuple[Any, ...]]:
    """sql, with PostgreSQL's own `$1, $2, ...` placeholders, in conn's transaction as it is.

    psycopg turns a query's `%s` placeholders into those by parsing it (and kept the result
    only for queries of up to 4 KiB: when a batch went in multi-row INSERTs of 256 rows, each
    was parsed again at every execution, 1.4 of 2.9 s for 10 batches of 1,000 events). A raw
    cursor sends the query as it is.
    """
    driver = cast("psycopg.Connection[Any]", conn.connection.driver_connection)
    with RawCursor(driver) as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall() if cursor.description is not None else []


def _flat(rows: Sequence[tuple[object, ...]], order: list[int], width: int) -> tuple[object, ...]:
    """The rows' values one after another, each row's in order (flattened in C, not Python:
    a batch has tens of thousands)."""
    if order == list(range(width)):
        return tuple(chain.from_iterable(rows))
    if len(order) == 1:
        return tuple(row[order[0]] for row in rows)
    return tuple(chain.from_iterable(map(itemgetter(*order), rows)))


def _multi_row(
    sql: str, columns: tuple[str, ...], size: int, order: list[int] | None
) -> tuple[str, list[int]]:
    """sql with size rows of the driver's positional placeholders, and the column of each."""
    found = _MULTI_ROW.get((sql, size))
    if found is None:
        one_row = _ONE_ROW.search(sql)
        if one_row is None or "%(" in sql[one_row.end() :] or "?" in sql[one_row.end() :]:
            raise ValueError(f"not a one-row INSERT of placeholders only: {sql}")
        head, values = sql[: one_row.start()], one_row.group(1)
        tail = sql[one_row.end() :].split(" RETURNING ")[0]  # rows' ids are not read
        rows = [_PLACEHOLDER.sub("%s", values)] * size
        if order is None:
            order = [columns.index(name) for name in _PLACEHOLDER.findall(values)]
        many = f"{head} VALUES {', '.join(f'({row})' for row in rows)}{tail}"
        found = _MULTI_ROW[(sql, size)] = (many, order)
    return found
