"""Citus: a migrated database on a coordinator made distributed (`dayglass db distribute`).

Global tables become reference tables (a copy on every node), per-user tables are sharded by
`user_id` and co-located (a user's rows of every table on one node, so their joins stay there),
and the credential tables by their hash (a request's key lookup reaches one shard). A table this
module does not know makes it fail: a new table must be given its place here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from dayglass.storage.tables import metadata

REFERENCE = "reference"
DISTRIBUTED = "distributed"
LOCAL = "local"


@dataclass(frozen=True)
class Placement:
    """Where a table's rows live on a Citus cluster."""

    kind: str  # REFERENCE, DISTRIBUTED or LOCAL
    column: str | None = None  # the distribution column of a DISTRIBUTED table
    group: str | None = None  # tables of one group are co-located


@dataclass(frozen=True)
class Placed:
    """What distribute did with one table."""

    table: str
    placement: Placement
    already: bool  # it was placed so before

    def describe(self) -> str:
        """The table's line in `dayglass db distribute`'s output."""
        what = {
            REFERENCE: "reference",
            DISTRIBUTED: f"distributed by {self.placement.column}",
            LOCAL: "local (stays on the coordinator)",
        }[self.placement.kind]
        return f"{self.table} -> {what}{' (already)' if self.already else ''}"


class NotCitus(Exception):
    """The database is not PostgreSQL with the citus extension."""


class UnplacedTable(Exception):
    """A table that has no placement here: give it one before distributing."""


_REFERENCE_TABLES = (
    "users",
    "oauth_clients",
    "organizations",
    "org_members",
    "org_groups",
    "group_members",
    "group_managers",
    "org_invitations",
)
_PER_USER_TABLES = (
    "devices",
    "activities",
    "texts",
    "raw_events",
    "facts",
    "daily_facts",
    "daily_documents",
    "activity_overrides",
    "category_overrides",
    "schedules",
    "schedule_windows",
    "daily_summaries",
    "alerts",
    "alert_triggerings",
    "highlights",
    "focus_sessions",
    "offline_entries",
    "import_cursors",
    "projects",
    "project_rules",
    "project_assignments",
    "weekly_email_choices",
    "weekly_email_sends",
)
_CREDENTIAL_TABLES = {
    "api_keys": "key_hash",
    "embed_keys": "key_hash",
    "oauth_tokens": "token_hash",
    "oauth_codes": "code_hash",
    "web_sessions": "token_hash",
}
# Sign-in throttling stays on the coordinator: small, never joined with anything.
_LOCAL_TABLES = ("signin_attempts",)

PLACEMENTS: dict[str, Placement] = {
    **{name: Placement(REFERENCE) for name in _REFERENCE_TABLES},
    **{name: Placement(DISTRIBUTED, "user_id", "per-user") for name in _PER_USER_TABLES},
    **{
        name: Placement(DISTRIBUTED, column, "credentials")
        for name, column in _CREDENTIAL_TABLES.items()
    },
    **{name: Placement(LOCAL) for name in _LOCAL_TABLES},
}

# One distribute at a time (server processes starting together all migrate).
_LOCK_KEY = 0x6461_7967_6C61_7373 & 0x7FFF_FFFF_FFFF_FFFF


def placement_of(table: str) -> Placement:
    """The placement of table; UnplacedTable when it has none."""
    try:
        return PLACEMENTS[table]
    except KeyError:
        raise UnplacedTable(
            f"table {table} has no placement on Citus: add it to dayglass.storage.distribution"
        ) from None


def has_citus(conn: Connection) -> bool:
    """Whether the database is PostgreSQL with the citus extension."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(text("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')"))
    return bool(found.scalar_one())


def worker_nodes(conn: Connection) -> list[tuple[str, int]]:
    """(host, port) of each worker the coordinator knows in conn's database."""
    rows = conn.execute(text("SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0"))
    return [(str(host), int(port)) for host, port in rows]


def runs_on_citus(engine: Engine) -> bool:
    """Whether engine's database is PostgreSQL with the citus extension."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as conn:
        return has_citus(conn)


def distribute_if_citus(engine: Engine) -> list[Placed]:
    """Distribute the database when it has the citus extension; nothing otherwise."""
    return distribute(engine) if runs_on_citus(engine) else []


def distribute(engine: Engine) -> list[Placed]:
    """Place every table of the migrated database on the cluster; idempotent."""
    with engine.begin() as conn:
        if not has_citus(conn):
            raise NotCitus("the database is not PostgreSQL with the citus extension")
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        # One connection per worker for the whole transaction: distributing many tables right
        # after writing to reference tables would otherwise be refused.
        conn.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
        tables = _in_dependency_order(_tables(conn))
        placements = {table: placement_of(table) for table in tables}
        current = _current(conn)
        placed = [
            Placed(table, placements[table], current.get(table) == placements[table].kind)
            for table in tables
        ]
        todo = [p for p in placed if not p.already and p.placement.kind != LOCAL]
        # Reference tables first: the others' foreign keys point at them.
        todo.sort(key=lambda p: p.placement.kind != REFERENCE)
        _place(conn, todo, placements, current)
    _vacuum_and_analyze(engine, [p.table for p in todo])
    return placed


def _vacuum_and_analyze(engine: Engine, tables: list[str]) -> None:
    """Vacuum and analyze tables just placed. Their shards are new tables, just written: the
    workers' planners know nothing about them, and their rows have neither hint bits nor a
    visibility map, so the first reads of each row would write its page and every shard would
    wait in autovacuum's queue, the cluster's first minutes spent working through it."""
    if not tables:
        return
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("VACUUM (ANALYZE) " + ", ".join(f'"{table}"' for table in tables)))


def _place(
    conn: Connection,
    todo: list[Placed],
    placements: dict[str, Placement],
    current: dict[str, str],
) -> None:
    distributing = {p.table for p in todo if p.placement.kind == DISTRIBUTED}
    # Citus cannot distribute a parent while its child is still local (nor the child before
    # its parent): their foreign keys go while both are distributed and come back after.
    dropped = _foreign_keys_within(conn, distributing)
    for table, name, _definition in dropped:
        conn.execute(text(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"'))
    anchors = {
        p.group: table
        for table, p in placements.items()
        if p.kind == DISTRIBUTED and current.get(table) == DISTRIBUTED
    }
    for item in todo:
        placement = item.placement
        if placement.kind == REFERENCE:
            conn.execute(text("SELECT create_reference_table(:t)"), {"t": item.table})
            continue
        anchor = anchors.setdefault(placement.group, item.table)
        conn.execute(
            text("SELECT create_distributed_table(:t, :c, colocate_with => :with)"),
            {"t": item.table, "c": placement.column, "with": _colocation(anchor, item.table)},
        )
    for table, name, definition in dropped:
        conn.execute(text(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
    for item in todo:
        # The rows were copied to the shards; the coordinator's own copy is dead weight.
        conn.execute(
            text("SELECT truncate_local_data_after_distributing_table(:t)"), {"t": item.table}
        )


def _colocation(anchor: str, table: str) -> str:
    return "default" if anchor == table else anchor


def _tables(conn: Connection) -> list[str]:
    names = conn.execute(
        text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename <> 'alembic_version'"
        )
    )
    return list(names.scalars())


def _in_dependency_order(tables: list[str]) -> list[str]:
    """Parents before children, as the schema's foreign keys say (unknown tables last)."""
    order = {table.name: rank for rank, table in enumerate(metadata.sorted_tables)}
    return sorted(tables, key=lambda name: (order.get(name, len(order)), name))


def _current(conn: Connection) -> dict[str, str]:
    """Each table Citus already knows, as reference or distributed (Citus's local ones left out)."""
    rows = conn.execute(
        text("SELECT logicalrelid::regclass::text, partmethod, repmodel FROM pg_dist_partition")
    )
    known: dict[str, str] = {}
    for name, method, model in rows:
        if method == "h":
            known[name.strip('"')] = DISTRIBUTED
        elif model == "t":
            known[name.strip('"')] = REFERENCE
    return known


def _foreign_keys_within(conn: Connection, tables: set[str]) -> list[tuple[str, str, str]]:
    """(table, constraint, definition) of foreign keys between two tables of tables."""
    if not tables:
        return []
    rows = conn.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c WHERE c.contype = 'f' "
            "AND c.conrelid::regclass::text = ANY(:tables) "
            "AND c.confrelid::regclass::text = ANY(:tables)"
        ),
        {"tables": sorted(tables)},
    )
    return [(table, name, definition) for table, name, definition in rows]
