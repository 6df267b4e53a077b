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

from sqlalchemy import Connection, Engine, column, create_engine, insert, text
from sqlalchemy import table as lightweight_table
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from dayglass.storage.distribution import worker_nodes
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade

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


class _ReusedDatabases:
    """Migrated PostgreSQL databases of one test process, emptied before each reuse."""

    def __init__(self, admin_url: str, prefix: str) -> None:
        self._admin_url = admin_url
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        # Test processes (xdist workers, other checkouts) share the server: names carry the pid.
        self._prefix = f"{prefix}_{os.getpid()}"
        self._made: list[str] = []
        self._free: list[str] = []
        self._tables: list[str] = []

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
        self._made.append(name)
        self._create(name)
        if not self._tables:
            self._tables = self._user_tables(name)
        return name

    def give_back(self, name: str) -> None:
        """Let a later test have the database (it is emptied when taken)."""
        self._free.append(name)

    def close(self) -> None:
        """Drop every database of the pool."""
        for name in self._made:
            self._drop(name)
        self._admin.dispose()

    def _create(self, name: str) -> None:
        raise NotImplementedError

    def _drop(self, name: str) -> None:
        raise NotImplementedError

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
    def _filled(conn: Connection, tables: list[str]) -> list[str]:
        # `SELECT 1`, not an empty select list: Citus cannot plan `EXISTS (SELECT FROM t)` here.
        probe = " UNION ALL ".join(
            f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM \"{table}\")" for table in tables
        )
        return list(conn.execute(text(probe)).scalars())

    def _empty(self, name: str) -> None:
        engine = create_engine(self.url(name), poolclass=NullPool)
        with engine.begin() as conn:
            # A test that failed may have left a server or an engine connected: their locks
            # would make it wait (Citus's own connections between its nodes are left alone).
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend' "
                    "AND application_name NOT LIKE 'citus_internal%'"
                )
            )
            # Its own transaction: Citus refuses a TRUNCATE after parallel reads in one.
            filled = self._filled(conn, self._tables)
        with engine.begin() as conn:
            self._delete(conn, filled)
            # Rows added then deleted (or rolled back) still moved their sequences.
            moved = conn.execute(
                text(
                    "SELECT sequencename FROM pg_sequences "
                    "WHERE schemaname = 'public' AND last_value IS NOT NULL"
                )
            ).scalars()
            for sequence in list(moved):
                self._restart(conn, sequence)
        engine.dispose()

    def _delete(self, conn: Connection, filled: list[str]) -> None:
        raise NotImplementedError

    def _restart(self, conn: Connection, sequence: str) -> None:
        conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))


class PostgresPool(_ReusedDatabases):
    """Migrated PostgreSQL databases of one test process, copied from a template."""

    def __init__(self, admin_url: str) -> None:
        super().__init__(admin_url, "dayglass_test")
        self._template = f"{self._prefix}_template"
        self._drop(self._template)
        self._admin_execute(f'CREATE DATABASE "{self._template}"')
        engine = create_db_engine(self.url(self._template))
        upgrade(engine)
        engine.dispose()
        self._tables = self._user_tables(self._template)

    def close(self) -> None:
        """Drop every database of the pool and its template."""
        super().close()
        self._drop(self._template)

    def _create(self, name: str) -> None:
        self._drop(name)
        self._admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')

    def _admin_execute(self, statement: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(statement))

    def _drop(self, name: str) -> None:
        self._admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _delete(self, conn: Connection, filled: list[str]) -> None:
        # DELETE of a few rows is five times as fast as TRUNCATE (new files for each table
        # and index); replica mode skips the foreign keys, so the order does not matter.
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in filled:
            conn.execute(text(f'DELETE FROM "{table}"'))


class CitusPool(_ReusedDatabases):
    """Migrated, distributed databases of one test process on the Citus test cluster.

    Citus runs `CREATE DATABASE` on the coordinator only, so each database is made on every
    node, given the extension and its nodes, and migrated (which distributes it).
    """

    def __init__(self, coordinator_url: str) -> None:
        super().__init__(coordinator_url, "dayglass_citus")
        with self._admin.connect() as conn:
            self._workers = worker_nodes(conn)
        if not self._workers:
            raise RuntimeError(f"the Citus coordinator at {coordinator_url} has no workers")
        url = make_url(coordinator_url)
        self._coordinator = (url.host or "127.0.0.1", url.port or 5432)
        self._nodes = [self._autocommit(url.set(host=h, port=p)) for h, p in self._workers]

    @staticmethod
    def _autocommit(url: URL) -> Engine:
        return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def close(self) -> None:
        """Drop every database of the pool on every node."""
        super().close()
        for node in self._nodes:
            node.dispose()

    def undistributed(self) -> str:
        """The name of a new database on the cluster, migrated but not distributed (its own)."""
        name = f"{self._prefix}_plain_{len(self._made)}"
        self._made.append(name)
        self._create(name, distribute=False)
        return name

    def _create(self, name: str, distribute: bool = True) -> None:
        self._drop(name)
        for node in [self._admin, *self._nodes]:
            with node.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            node_db = self._autocommit(node.url.set(database=name))
            with node_db.connect() as conn:
                conn.execute(text("CREATE EXTENSION citus"))
            node_db.dispose()
        engine = create_db_engine(self.url(name), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            host, port = self._coordinator
            conn.execute(
                text("SELECT citus_set_coordinator_host(:host, :port)"),
                {"host": host, "port": port},
            )
            for host, port in self._workers:
                conn.execute(
                    text("SELECT citus_add_node(:host, :port)"), {"host": host, "port": port}
                )
        engine.dispose()
        engine = create_db_engine(self.url(name))
        upgrade(engine, distribute=distribute)
        engine.dispose()

    def _drop(self, name: str) -> None:
        # The coordinator first: its connections to the workers' database go with it.
        for node in [self._admin, *self._nodes]:
            with node.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _delete(self, conn: Connection, filled: list[str]) -> None:
        # Citus has no replica mode across nodes: one TRUNCATE, which CASCADE orders.
        if filled:
            names = ", ".join(f'"{table}"' for table in filled)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))

    def _restart(self, conn: Connection, sequence: str) -> None:
        # Citus refuses ALTER SEQUENCE on a distributed table's sequence; setval is local to
        # the coordinator, which hands out the ids of rows inserted through it.
        conn.execute(text("SELECT setval(CAST(:s AS regclass), 1, false)"), {"s": f'"{sequence}"'})


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
        # The columns of facts before device_id (revision 0016) joined its key.
        old_facts = lightweight_table("facts", *(column(name) for name in OLD_FACTS[0]))
        conn.execute(insert(old_facts), OLD_FACTS)
    upgrade(engine)
    return engine
