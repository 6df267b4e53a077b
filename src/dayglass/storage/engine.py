"""Engines for SQLite (WAL, the embedded default) and PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import DataError

from dayglass.core.errors import InvalidInput
from dayglass.storage.write_turns import WriteTurns

_IMMEDIATE = "dayglass_immediate"


def create_db_engine(
    url: str,
    *,
    checkpoints_in_background: bool = False,
    connections: int | None = None,
    **kwargs: Any,
) -> Engine:
    """An engine for url; SQLite files get WAL, foreign keys and write-serializing BEGINs.

    checkpoints_in_background: no commit copies SQLite's log back into the database file; the
    caller runs `dayglass.storage.wal_checkpoints.checkpoint` from time to time (the server).
    connections: how many the caller may use at once, all kept open (SQLAlchemy's pool keeps 5
    and closes any other as it comes back: a busy server then opened a new one every few
    requests, losing its prepared statements, on Citus its connections to the workers too).
    """
    if connections is not None:
        kwargs = {"pool_size": connections, **kwargs}
    parsed = make_url(url)
    if backend_name(url) != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
    else:
        file = Path(parsed.database) if parsed.database not in (None, "", ":memory:") else None
        if file is not None:
            _owner_only_file(file)
        connect_args = {"timeout": 30, "check_same_thread": False}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        turns = None if file is None else WriteTurns(file)
        _configure_sqlite(engine, turns, not checkpoints_in_background)
    event.listen(engine, "handle_error", _refusal_as_invalid_input)
    return engine


def backend_name(url: str) -> str:
    """The database behind url: "sqlite", "postgresql", ..."""
    return make_url(url).get_backend_name()


def _owner_only_file(path: Path) -> None:
    """Make the database file (and its directory) readable by their owner only, if new.

    SQLite gives the -wal and -shm files the database file's permissions.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)  # whatever the umask said


def _refusal_as_invalid_input(context: ExceptionContext) -> None:
    """A value the database refuses (NUL in text on PostgreSQL) is the caller's bad input."""
    if isinstance(context.sqlalchemy_exception, DataError):
        raise InvalidInput("a value cannot be stored or searched") from context.original_exception


def _configure_sqlite(engine: Engine, turns: WriteTurns | None, autocheckpoint: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's events control transactions (the pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: keeps index pages hot on ingest
        cursor.execute("PRAGMA temp_store=MEMORY")
        if not autocheckpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers (see `writer`) queue at BEGIN instead of failing later on a lock upgrade.
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        if immediate and turns is not None:
            turns.take(connection.info)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    if turns is not None:
        # Back in the pool (after COMMIT or ROLLBACK), or thrown away: the next writer's turn.
        @event.listens_for(engine, "checkin")
        def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
            turns.give_back(record.info)

        @event.listens_for(engine, "invalidate")
        def _on_invalidate(_dbapi_connection: Any, record: Any, _error: Any) -> None:
            turns.give_back(record.info)


def writer(engine: Engine) -> Engine:
    """The engine to write through: on SQLite its transactions take the write lock at BEGIN."""
    return engine.execution_options(**{_IMMEDIATE: True})
