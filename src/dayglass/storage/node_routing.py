"""On Citus, a user's one-statement read goes straight to the worker holding the user's shards.

Through the coordinator, every such read costs a second hop: the coordinator plans the statement,
sends it on to the worker, which parses and plans it again, and passes the rows back. Since
Citus 11 every worker holds the cluster's metadata and answers any query itself, running what
its own shards hold locally; the per-user tables are co-located (`dayglass.storage.distribution`)
and `users` is a reference table with a copy on every node. So a server process that knows
where a user's shards are can read from that worker and skip the hop.

Where they are comes from the coordinator's catalog: each shard of the per-user tables covers a
range of hashed user ids (`pg_dist_shard`) and sits on one node (`pg_dist_placement`). A map read
from it is kept for MAP_KEPT_FOR, then read again; one made stale by a rebalance only sends a
read to a node that is no longer the user's, which answers it as the coordinator would, through
a hop. A worker that cannot be reached is left alone for NODE_RESTS_FOR, its reads going to the
coordinator meanwhile. Writes always go to the coordinator.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from dayglass.storage.engine import create_db_engine

MAP_KEPT_FOR = 30.0  # seconds
NODE_RESTS_FOR = 60.0  # seconds
CONNECT_TIMEOUT = 2  # seconds, to a worker
_ANCHOR = "devices"  # any per-user table: they are co-located
_U32 = 0xFFFF_FFFF

_SHARD_MAP = text(
    "SELECT s.shardminvalue::int, s.shardmaxvalue::int, n.nodename, n.nodeport "
    "FROM pg_dist_shard s "
    "JOIN pg_dist_placement p ON p.shardid = s.shardid "
    "JOIN pg_dist_node n ON n.groupid = p.groupid "
    "WHERE s.logicalrelid = CAST(:anchor AS regclass) AND n.isactive AND n.noderole = 'primary' "
    "AND n.groupid <> 0 "
    "ORDER BY 1"
)

Node = tuple[str, int]


def _rotate(value: int, bits: int) -> int:
    return ((value << bits) | (value >> (32 - bits))) & _U32


def user_id_hash(user_id: int) -> int:
    """The hash Citus gives a bigint distribution value: PostgreSQL's `hashint8`, as a signed
    32-bit number (the same as `SELECT worker_hash(user_id::bigint)`)."""
    low, high = user_id & _U32, (user_id >> 32) & _U32
    low ^= high if user_id >= 0 else (~high & _U32)
    # hash_bytes_uint32: Bob Jenkins's lookup3 final mix of one 32-bit word.
    a = b = c = (0x9E3779B9 + 4 + 3923095) & _U32
    a = (a + low) & _U32
    c = ((c ^ b) - _rotate(b, 14)) & _U32
    a = ((a ^ c) - _rotate(c, 11)) & _U32
    b = ((b ^ a) - _rotate(a, 25)) & _U32
    c = ((c ^ b) - _rotate(b, 16)) & _U32
    a = ((a ^ c) - _rotate(c, 4)) & _U32
    b = ((b ^ a) - _rotate(a, 14)) & _U32
    c = ((c ^ b) - _rotate(b, 24)) & _U32
    return c - (1 << 32) if c & 0x8000_0000 else c


@dataclass(frozen=True)
class _ShardMap:
    """The workers of the per-user shards, by the lowest hash each shard covers."""

    lowest: list[int]
    highest: list[int]
    nodes: list[Node]
    read_at: float

    def node_of(self, user_id: int) -> Node | None:
        hashed = user_id_hash(user_id)
        at = bisect.bisect_right(self.lowest, hashed) - 1
        if at < 0 or hashed > self.highest[at]:
            return None
        return self.nodes[at]


class NodeRouter:
    """The engine that reads a user's rows without a hop: their worker's, or the coordinator's.

    coordinator: the engine every server process has; a worker's engine is made by engine_of,
    by default from the coordinator's URL with the node's host and port, keeping `connections`
    open. monotonic: the clock of the map's and resting nodes' ages.
    """

    def __init__(
        self,
        coordinator: Engine,
        connections: int,
        *,
        engine_of: Callable[[Node], Engine] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._coordinator = coordinator
        self._connections = connections
        self._engine_of = engine_of or self._worker_engine
        self._monotonic = monotonic
        self._map: _ShardMap | None = None
        self._engines: dict[Node, Engine] = {}
        self._resting: dict[Node, float] = {}  # unreachable nodes, until when
        self._lock = threading.Lock()

    def engine_for(self, user_id: int) -> Engine:
        """The engine of the worker holding user_id's shards (the coordinator's when unknown)."""
        node = self._current_map().node_of(user_id)
        if node is None:
            return self._coordinator
        with self._lock:
            if self._resting.get(node, 0.0) > self._monotonic():
                return self._coordinator
            engine = self._engines.get(node)
            if engine is None:
                engine = self._engines[node] = self._engine_of(node)
            return engine

    def unreachable(self, engine: Engine) -> None:
        """A worker's engine failed to connect: its users read through the coordinator a while."""
        with self._lock:
            for node, known in self._engines.items():
                if known is engine:
                    self._resting[node] = self._monotonic() + NODE_RESTS_FOR

    def dispose(self) -> None:
        """Close the workers' connections."""
        with self._lock:
            engines, self._engines = list(self._engines.values()), {}
        for engine in engines:
            engine.dispose()

    def _current_map(self) -> _ShardMap:
        found = self._map
        if found is None or self._monotonic() - found.read_at >= MAP_KEPT_FOR:
            found = self._map = self._read_map()
        return found

    def _read_map(self) -> _ShardMap:
        try:
            with self._coordinator.connect() as conn:
                rows = conn.execute(_SHARD_MAP, {"anchor": _ANCHOR}).all()
        except OperationalError:
            rows = []  # read again at the next request; meanwhile, the coordinator
        if not rows:
            return _ShardMap([], [], [], self._monotonic() - MAP_KEPT_FOR + 1.0)
        return _ShardMap(
            [int(row[0]) for row in rows],
            [int(row[1]) for row in rows],
            [(str(row[2]), int(row[3])) for row in rows],
            self._monotonic(),
        )

    def _worker_engine(self, node: Node) -> Engine:
        host, port = node
        url = self._coordinator.url.set(host=host, port=port)
        return create_db_engine(
            url.render_as_string(hide_password=False),
            connections=self._connections,
            connect_args={"connect_timeout": CONNECT_TIMEOUT},
        )
