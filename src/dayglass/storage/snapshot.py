"""One read transaction for a whole request: every store reading through the engine shares it.

A request that reads the key's user, schedule, overrides, activities and facts would otherwise
open a transaction for each (a pool checkout, a BEGIN and an end for each), and see the
database at several moments. Inside `SharedReads.snapshot()` every `connect()` of this engine
in the same context hands out one connection holding one transaction: one consistent snapshot
(REPEATABLE READ on PostgreSQL; a deferred BEGIN on SQLite, whose WAL reader sees one state).

Outside a snapshot, `lone_read(engine)` gives a statement that is a transaction of its own
(autocommit on PostgreSQL): no BEGIN and ROLLBACK around it, which on Citus are two more
round trips from the coordinator to a worker.

Writes never join it: `begin()` and `writer(engine)` go to the real engine, so a write inside
a snapshot commits on a connection of its own (and the snapshot does not see it).

A snapshot sees one state, so what a request reads of it twice reads the same: `read_once`
keeps a read's answer for the snapshot's life (the user's row, asked for by several stores).

A request whose answer comes from one statement on the user's tables (the Data API's report,
after the key's user) asks for `snapshot(lone_statement=True)`: on PostgreSQL the shared
connection then reads in autocommit, each statement its own transaction, consistent in itself.
The transaction cost such a request two of its four round trips to the server (its BEGIN and
its end): one-day `/anapi/data` with one server process went from 528 and 533 to 575 and 587
requests/s at 16 clients (`bench/load.py --databases postgresql --workers 1,2 --endpoints data1
--levels 1,16,64 --seconds 5 --no-mixed`, two alternating pairs). On Citus a transaction's view
is one node's anyway (the coordinator's copy of the reference tables and each worker's own,
each from the moment Citus first reached it), and it cost a BEGIN (with the distributed
transaction's id) and a ROLLBACK on each worker read from, and both on the coordinator. SQLite
keeps the one transaction: it costs no round trip there.
Such a snapshot opens its connection at its first read; told first whose rows it reads
(`read_for_user`), it opens it on that user's worker, not the coordinator (a SharedReads given
a `NodeRouter`; see `dayglass.storage.node_routing`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from dayglass.storage.distribution import runs_on_citus
from dayglass.storage.node_routing import NodeRouter

_SNAPSHOT_ISOLATION = {"postgresql": "REPEATABLE READ"}

T = TypeVar("T")


class _Snapshot:
    """The shared connection, opened at the first read and closed once the scope ended and no
    reader still holds it."""

    def __init__(self, engine: Engine, level: str | None, router: NodeRouter | None) -> None:
        self._home = self._engine = engine
        self._level = level
        self._router = router  # a lone statement's, on Citus: it may read from a worker
        self._connection: Connection | None = None
        self.kept: dict[Hashable, Any] = {}  # read_once's answers
        self._readers = 0
        self._ended = False
        self._cleanly = False

    @property
    def connection(self) -> Connection:
        """The connection, opened now if nothing was read yet."""
        if self._connection is None:
            self._connection = self._open()
        return self._connection

    def route_to(self, user_id: int) -> None:
        """Before the first read: read from the node holding user_id's rows (Citus)."""
        if self._router is not None and self._connection is None:
            self._engine = self._router.engine_for(user_id)

    def _open(self) -> Connection:
        try:
            connection = self._engine.connect()
        except OperationalError:
            if self._router is None or self._engine is self._home:
                raise
            self._router.unreachable(self._engine)
            self._engine = self._home
            connection = self._engine.connect()
        if self._level is not None:
            connection.execution_options(isolation_level=self._level)
        return connection

    def borrow(self) -> _Borrowed:
        """A reader's handle on the connection."""
        self._readers += 1
        return _Borrowed(self)

    def give_back(self) -> None:
        """A reader is done with the connection."""
        self._readers -= 1
        self._close_when_free()

    def end(self, cleanly: bool) -> None:
        """The scope is over; a stream still reading keeps the connection until it is done."""
        self._ended = True
        self._cleanly = cleanly
        self._close_when_free()

    def _close_when_free(self) -> None:
        connection = self._connection
        if self._ended and self._readers == 0 and connection is not None and not connection.closed:
            if self._cleanly and connection.in_transaction():
                # A read transaction ends the same either way, but psycopg forgets the
                # connection's prepared statements at every ROLLBACK: ended by one, no
                # statement was ever prepared, and PostgreSQL parsed and planned each again.
                connection.commit()
            connection.close()  # rolls back a transaction a failed scope left


class _Borrowed:
    """What `connect()` returns inside a snapshot: the shared connection, not closed on exit."""

    def __init__(self, snapshot: _Snapshot) -> None:
        self._snapshot = snapshot
        self._returned = False

    def __enter__(self) -> Connection:
        return self._snapshot.connection

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Give the connection back (once)."""
        if not self._returned:
            self._returned = True
            self._snapshot.give_back()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._snapshot.connection, name)


class SharedReads:
    """An engine whose readers share one transaction inside `snapshot()`; the engine elsewhere.

    Stores take it where they take an Engine (`as_engine`): it answers everything else by
    handing it to the real engine.
    """

    def __init__(
        self,
        engine: Engine,
        worker_connections: int | None = None,
        *,
        router: NodeRouter | None = None,
    ) -> None:
        """worker_connections: on Citus, a lone statement's snapshot reads from the user's
        worker, keeping this many connections open to each (None: always the coordinator);
        router: the NodeRouter to use for that instead of one made here."""
        self.engine = engine
        self._citus = runs_on_citus(engine)
        if self._citus and router is None and worker_connections is not None:
            router = NodeRouter(engine, worker_connections)
        self._router = router if self._citus else None
        self._current: ContextVar[_Snapshot | None] = ContextVar("dayglass_snapshot", default=None)

    def close(self) -> None:
        """Close the connections to the workers (the engine's own are its owner's)."""
        if self._router is not None:
            self._router.dispose()

    def as_engine(self) -> Engine:
        """This object typed as the Engine the stores expect (it behaves as one)."""
        return cast(Engine, self)

    def connect(self) -> Connection:
        """The snapshot's connection inside a snapshot, else a new one."""
        current = self._current.get()
        if current is None:
            return self.engine.connect()
        return cast(Connection, current.borrow())

    @property
    def in_snapshot(self) -> bool:
        """Whether readers in this context share a snapshot now."""
        return self._current.get() is not None

    def read_for_user(self, user_id: int) -> None:
        """The reads to come are of user_id's rows: a lone statement's snapshot that has read
        nothing yet reads them from the user's worker on Citus (see
        `dayglass.storage.node_routing`)."""
        current = self._current.get()
        if current is not None:
            current.route_to(user_id)

    def read_once(self, key: Hashable, read: Callable[[], T]) -> T:
        """read()'s answer; inside a snapshot, the one kept under key if it was read already."""
        current = self._current.get()
        if current is None:
            return read()
        if key not in current.kept:
            current.kept[key] = read()
        return cast(T, current.kept[key])

    @contextmanager
    def snapshot(self, *, lone_statement: bool = False) -> Iterator[None]:
        """Reads inside share one transaction (nested scopes join the outer one).

        lone_statement: the answer comes from one statement on the user's tables (besides rows
        of reference tables): on PostgreSQL and Citus the connection then reads in autocommit
        (see above).
        """
        if self._current.get() is not None:
            yield
            return
        router = None
        if lone_statement and self.engine.dialect.name == "postgresql":
            level: str | None = "AUTOCOMMIT"
            router = self._router
        else:
            level = _SNAPSHOT_ISOLATION.get(self.engine.dialect.name)
        current = _Snapshot(self.engine, level, router)
        token = self._current.set(current)
        cleanly = False
        try:
            yield
            cleanly = True
        finally:
            self._current.reset(token)
            current.end(cleanly)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def read_once(engine: Engine, key: Hashable, read: Callable[[], T]) -> T:
    """read()'s answer, read once per snapshot when engine shares reads in one (see above)."""
    if isinstance(engine, SharedReads):
        return engine.read_once(key, read)
    return read()


def read_for_user(engine: Engine, user_id: int) -> None:
    """Say that the reads to come are of user_id's rows (see `SharedReads.read_for_user`)."""
    if isinstance(engine, SharedReads):
        engine.read_for_user(user_id)


def lone_read(engine: Engine) -> Connection:
    """A connection for one read statement: the snapshot's inside one; else, on PostgreSQL, one
    in autocommit (the statement is its own transaction, with no BEGIN or ROLLBACK sent)."""
    if isinstance(engine, SharedReads) and engine.in_snapshot:
        return engine.connect()
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn.execution_options(isolation_level="AUTOCOMMIT")
    return conn
