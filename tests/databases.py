"""Migrated test databases made cheaply: a SQLite file copied, PostgreSQL databases reused.

Migrating takes tens of milliseconds and copying a PostgreSQL template a third of a second; a
suite that does either for each of hundreds of tests spends much of its time there. A test gets
a database exactly as fresh (no rows, identities from 1) for the price of a file copy, or of
emptying the few tables the previous test wrote to (a superuser's server: scripts/test-postgres).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade
from dayglass.storage.tables import facts

SQLITE_FILE = "dayglass.sqlite3"


class SqliteTemplate:
    """A SQLite file migrated once, copied for each test."""

    def __init__(self, folder: Path) -> None:
        self._path = folder / "template.sqlite3"
        engine = create_db_engine(f"sqlite:///{self._path}")
        upgrade(engine)
        engine.dispose()
        # One self-contained file to copy: nothing left in a write-ahead log beside it.
        with closing(sqlite3.connect(self._path)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")

    def copy_to(self, folder: Path) -> str:
        """The URL of a fresh copy of the migrated database in folder."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / SQLITE_FILE
        shutil.copyfile(self._path, target)
        return f"sqlite:///{target}"


class PostgresPool:
    """Migrated PostgreSQL databases of one test process, emptied before each reuse."""

    def __init__(self, admin_url: str) -> None:
        self._admin_url = admin_url
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        # Test processes (xdist workers, other checkouts) share the server: names carry the pid.
        self._prefix = f"dayglass_test_{os.getpid()}"
        self._template = f"{self._prefix}_template"
        self._made: list[str] = []
        self._free: list[str] = []
        self._drop(self._template)
        self._admin_execute(f'CREATE DATABASE "{self._template}"')
        engine = create_db_engine(self.url(self._template))
        upgrade(engine)
        engine.dispose()
        self._tables = self._user_tables(self._template)

    def url(self, name: str) -> str:
        """The URL of database name."""
        return make_url(self._admin_url).set(database=name).render_as_string(False)

    def take(self) -> str:
        """The name of a migrated database with no rows, for one user at a time."""
        if self._free:
            name = self._free.pop()
            self._empty(name)
            return name
        name = f"{self._prefix}_{len(self._made)}"
        self._drop(name)
        self._admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        self._made.append(name)
        return name

    def give_back(self, name: str) -> None:
        """Let a later test have the database (it is emptied when taken)."""
        self._free.append(name)

    def close(self) -> None:
        """Drop every database of the pool."""
        for name in [*self._made, self._template]:
            self._drop(name)
        self._admin.dispose()

    def _admin_execute(self, statement: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(statement))

    def _drop(self, name: str) -> None:
        self._admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _user_tables(self, name: str) -> list[str]:
        engine = create_engine(self.url(name), poolclass=NullPool)
        with engine.connect() as conn:
            tables = list(
                conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version' ORDER BY tablename"
                    )
                ).scalars()
            )
            filled = self._filled(conn, tables)
        engine.dispose()
        if filled:
            # Emptying would then lose what the migrations put there: copy databases instead.
            raise RuntimeError(f"migrations put rows in {filled}: the pool cannot empty them")
        return tables

    @staticmethod
    def _filled(conn, tables: list[str]) -> list[str]:
        probe = " UNION ALL ".join(
            f"SELECT '{table}' WHERE EXISTS (SELECT FROM \"{table}\")" for table in tables
        )
        return list(conn.execute(text(probe)).scalars())

    def _empty(self, name: str) -> None:
        engine = create_engine(self.url(name), poolclass=NullPool)
        with engine.begin() as conn:
            # A test that failed may have left a server or an engine connected: their locks
            # would make it wait.
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            filled = self._filled(conn, self._tables)
            # DELETE of a few rows is five times as fast as TRUNCATE (new files for each table
            # and index); replica mode skips the foreign keys, so the order does not matter.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in filled:
                conn.execute(text(f'DELETE FROM "{table}"'))
            # Rows added then deleted (or rolled back) still moved their sequences.
            moved = conn.execute(
                text(
                    "SELECT sequencename FROM pg_sequences "
                    "WHERE schemaname = 'public' AND last_value IS NOT NULL"
                )
            ).scalars()
            for sequence in list(moved):
                conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
        engine.dispose()


# Facts of user 1, activity 7 on two documents, in 5-minute buckets from day 3: 300 of them, so
# they cross midnight after 288 (what the rollup migrations must split into days).
OLD_FACTS = [
    {
        "user_id": 1,
        "bucket": 86_400 * 3 + 300 * k,
        "source_type": 0,
        "activity_id": 7,
        "document_id": k % 2,
        "ms": 1000 * (k + 1),
    }
    for k in range(300)
]


def upgraded_with_old_facts(path: Path, revision: str) -> Engine:
    """A SQLite database at path migrated to revision, holding OLD_FACTS, then migrated to head."""
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine, revision)
    with engine.begin() as conn:
        conn.execute(insert(facts), OLD_FACTS)
    upgrade(engine)
    return engine
