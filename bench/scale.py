"""Scale benchmark: many users on a Citus cluster against the same run on one PostgreSQL.

For each database: 1,000 users (each with an API key; the first 50 join an organization that
the server's first account owns) are made in this process through the services (the server is
idle then; one Argon2 hash for all, as bench/team.py does). Then, over HTTP to a real `dayglass
serve --workers N`:
- ingest: every user's month (December 2025, 60 events a day by default, in batches of 10
  days) posted by many clients at once, each batch for the next user, each client with its
  own connection: events/s over the whole load, and each batch's latency;
- per-user Data API latency: one-day and 30-day `/anapi/data` (activities), each request with
  the next user's key (the users in a shuffled order), at 1 and 8 clients for a bounded time:
  p50 and p99;
- the organization-wide member report: `/anapi/data?perspective=member` by overview over the
  month with the organization key (a key of the owner): median of 9;
- how the rows spread: rows of raw_events and facts, users and shard bytes per node
  (run_command_on_placements and citus_shards on Citus; the one database on PostgreSQL).
Between the load and the queries the bench waits until the server's processes are idle (each
stored batch wakes the alert evaluation and the catch-up of closed days, which run after it).

Databases: `dayglass_bench_scale`, made and dropped by the bench. On PostgreSQL, on the server
given by --postgres (default: the one `scripts/test-postgres start` prints). On Citus, on the
cluster given by --citus (default: the one `scripts/test-citus start` prints): Citus runs
CREATE DATABASE on the coordinator only, so the bench makes the database on every node, creates
the extension in each, registers the coordinator and the workers in the new database, and sets
its `citus.shard_count` (--shards, Citus's default 32; the test cluster's servers say 4). The
server's migration to the head then distributes the tables (dayglass.storage.distribution).

Run: .venv/bin/python bench/scale.py [--databases postgresql,citus] [--users 1000] [--days 31]
     [--per-day 60] [--members 50] [--workers 2] [--clients 16] [--levels 1,8] [--seconds 8]
     [--shards 32] [--postgres ADMIN_URL] [--citus COORDINATOR_URL]
The driver runs on the same machine as the servers: the load average is printed with each step.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

sys.path.insert(0, str(Path(__file__).parent))
import dayglass.services.accounts
from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.core.teams import Share
from dayglass.storage.engine import create_db_engine
from load import Tally, Target, _days, _names, _numbers, _postgres_admin, drive, load_average
from server import BenchServer, _children
from team import ZONE, _OnceHasher, member_days, timed

DATABASE = "dayglass_bench_scale"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figures:
    """What one database's run measured, by row of the final table."""

    rows: dict[str, str] = field(default_factory=dict)
    medians: dict[str, float] = field(default_factory=dict)  # compared across databases


@dataclass
class Population:
    """The bench's users: an API key each, and the organization's key."""

    keys: list[str]
    org_key: str


def seed(url: str, owner_email: str, args: argparse.Namespace) -> Population:
    """The users with a key each; the first members of them join the owner's organization."""
    dayglass.services.accounts.PasswordHasher = _OnceHasher  # type: ignore[attr-defined]
    engine = create_db_engine(url)
    services = build_services(engine, ManualClock(datetime(2026, 1, 2, 12, tzinfo=UTC)))
    owner = services.accounts.user_by_email(owner_email)
    org = services.teams.create("Scale", owner.id)
    keys = []
    for n in range(args.users):
        user = services.accounts.add_user(f"u{n}@scale.local", "bench password", f"U {n}", ZONE)
        keys.append(services.accounts.create_key(user.id)[1])
        if n < args.members:
            _, code = services.teams.invite(None, org.id)
            services.teams.join(user.id, code, Share.CATEGORIES)
    _, org_key = services.teams.create_key(owner.id, org.id)
    engine.dispose()
    return Population(keys, org_key)


def ingest_bodies(keys: list[str], args: argparse.Namespace) -> Iterator[tuple[str, bytes]]:
    """(key, JSON body) of every batch: each user's month cut into batches of batch_days days,
    users taken in turn so that many users' batches are in flight at once."""
    months = [list(member_days(n, args.days, args.per_day)) for n in range(len(keys))]
    for first in range(0, args.days, args.batch_days):
        for key, days in zip(keys, months, strict=True):
            chunk = days[first : first + args.batch_days]
            events = [event for day in chunk for event in day["events"]]  # type: ignore[attr-defined]
            yield key, orjson.dumps({**chunk[0], "events": events})


async def _post_all(url: str, bodies: Iterator[tuple[str, bytes]], clients: int) -> Tally:
    tally = Tally()
    headers = {"Content-Type": "application/json"}

    async def client_loop() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=300, headers=headers) as client:
            # One iterator shared by the clients: each takes the next batch when it is free.
            for key, body in bodies:
                began = time.perf_counter()
                answer = await client.post("/api/v1/events", params={"key": key}, content=body)
                if answer.status_code == 200:
                    tally.latencies.append((time.perf_counter() - began) * 1000)
                else:
                    tally.errors += 1
                    tally.last_error = f"HTTP {answer.status_code}"

    await asyncio.gather(*(client_loop() for _ in range(clients)))
    return tally


def ingest(server: BenchServer, keys: list[str], args: argparse.Namespace, out: Figures) -> None:
    """Post every user's month over HTTP; the events/s and batch latencies."""
    events = len(keys) * args.days * args.per_day
    load = load_average()
    began = time.perf_counter()
    tally = asyncio.run(_post_all(server.url, ingest_bodies(keys, args), args.clients))
    seconds = time.perf_counter() - began
    print(tally.line("ingest", args.clients, seconds), f" load {load}", flush=True)
    done = sorted(tally.latencies)
    out.rows["ingest events/s"] = f"{events / seconds:,.0f}"
    out.rows["ingest batch p50 / p99 ms"] = f"{_at(done, 0.5):,.0f} / {_at(done, 0.99):,.0f}"
    out.rows["ingest errors"] = str(tally.errors)
    print(f"  {events:,} events in {seconds:.0f} s: {events / seconds:,.0f} events/s")


def _at(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def settle(server: BenchServer, limit: float = 600) -> float:
    """Wait until the server's processes use under a tenth of a core for a second; the wait."""
    pids = [server.process.pid, *_children(server.process.pid)]
    ticks = os.sysconf("SC_CLK_TCK")
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        before = sum(_cpu_ticks(pid) for pid in pids)
        time.sleep(1)
        if (sum(_cpu_ticks(pid) for pid in pids) - before) / ticks < 0.1:
            break
    return time.perf_counter() - began


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def per_user(url: str, keys: list[str], args: argparse.Namespace, out: Figures) -> None:
    """One-day and 30-day `/anapi/data`, each request with the next user's key."""
    order = random.Random(1).sample(keys, len(keys))
    turn = itertools.cycle(order)

    def client(_: int) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=url, timeout=60)

    for label, days in (("1 day", 1), ("30 days", 30)):
        params = _days(days)

        async def call(c: httpx.AsyncClient, params: dict[str, str] = params) -> httpx.Response:
            return await c.get("/anapi/data", params={**params, "key": next(turn)})

        target = Target(call, client)
        asyncio.run(drive([(target, 1)], 1.0))  # warm up
        for clients in args.levels:
            load = load_average()
            (tally,) = asyncio.run(drive([(target, clients)], args.seconds))
            name = f"data {label}"
            print(f"{tally.line(name, clients, args.seconds)}  load {load}", flush=True)
            done = sorted(tally.latencies)
            row = f"/anapi/data {label}, {clients} client{'s' if clients > 1 else ''}"
            out.rows[f"{row}: p50 / p99 ms"] = f"{_at(done, 0.5):.1f} / {_at(done, 0.99):.1f}"
            out.rows[f"{row}: req/s"] = f"{len(done) / args.seconds:.0f}"
            out.medians[row] = _at(done, 0.5)


def org_report(url: str, org_key: str, args: argparse.Namespace, out: Figures) -> None:
    """The organization's members by overview over the month, through its key."""
    params = {"key": org_key, "perspective": "member", "restrict_kind": "overview", **_days(30)}
    with httpx.Client(base_url=url, timeout=600) as client:
        found = timed(client, "/anapi/data", params, args.runs)
    median = statistics.median(found)
    row = f"org of {args.members}, perspective=member, 30 days"
    print(f"  {row}: median {median:.1f} ms  load {load_average()}", flush=True)
    out.rows[f"{row}: median ms"] = f"{median:.1f}"
    out.medians[row] = median


def spread(engine: Engine, out: Figures) -> None:
    """Rows and bytes per node: each worker's on Citus, the one database's otherwise."""
    with engine.connect() as conn:
        citus = conn.execute(
            text("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")
        ).scalar_one()
        if not citus:
            raw, facts = (
                conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("raw_events", "facts")
            )
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            users = conn.execute(text("SELECT count(DISTINCT user_id) FROM devices")).scalar_one()
            out.rows["node 1: users, raw_events, facts, MB"] = _node(users, raw, facts, size)
            return
        per_node: dict[str, list[int]] = {}
        for column, table, command in (
            (0, "devices", "SELECT count(DISTINCT user_id) FROM %s"),
            (1, "raw_events", "SELECT count(*) FROM %s"),
            (2, "facts", "SELECT count(*) FROM %s"),
        ):
            rows = conn.execute(
                text(
                    "SELECT nodename || ':' || nodeport, sum(result::bigint) "
                    "FROM run_command_on_placements(:t, :c) GROUP BY 1"
                ),
                {"t": table, "c": command},
            )
            for node, count in rows:
                per_node.setdefault(node, [0, 0, 0, 0])[column] = int(count)
        sizes = conn.execute(
            text(
                "SELECT nodename || ':' || nodeport, sum(shard_size) FROM citus_shards "
                "WHERE citus_table_type = 'distributed' GROUP BY 1"
            )
        )
        for node, size in sizes:
            per_node.setdefault(node, [0, 0, 0, 0])[3] = int(size)
    for n, (node, (users, raw, facts, size)) in enumerate(sorted(per_node.items()), 1):
        out.rows[f"node {n}: users, raw_events, facts, MB"] = f"{node} " + _node(
            users, raw, facts, size
        )


def _node(users: int, raw: int, facts: int, size: int) -> str:
    return f"{users:,}, {raw:,}, {facts:,}, {size / 1e6:,.0f}"


def run(name: str, url: str, args: argparse.Namespace) -> Figures:
    """Seed, load and question one database served by `dayglass serve --workers N`."""
    out = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        server = BenchServer(Path(tmp), {"DAYGLASS_DATABASE_URL": url}, args.workers)
        try:
            print(f"{name}: migrated and served in {time.perf_counter() - began:.0f} s")
            began = time.perf_counter()
            people = seed(url, server.email, args)
            print(f"{name}: {args.users} users seeded in {time.perf_counter() - began:.0f} s")
            ingest(server, people.keys, args, out)
            print(f"  the server settled {settle(server):.0f} s after the load", flush=True)
            per_user(server.url, people.keys, args, out)
            org_report(server.url, people.org_key, args, out)
        finally:
            server.stop()
    engine = create_engine(url, poolclass=NullPool)
    try:
        spread(engine, out)
    finally:
        engine.dispose()
    return out


class Server:
    """A database server the bench makes its database on (and drops it from afterwards)."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def url(self) -> str:
        """The URL of the bench's database."""
        return make_url(self.admin_url).set(database=DATABASE).render_as_string(False)

    def _execute(self, engine: Engine, statement: str) -> None:
        with engine.connect() as conn:
            conn.execute(text(statement))

    def create(self) -> None:
        """A fresh, empty database."""
        self.drop()
        self._execute(self.admin, f'CREATE DATABASE "{DATABASE}"')

    def drop(self) -> None:
        """Drop the database."""
        self._execute(self.admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')

    def close(self) -> None:
        """Drop the database and let go of the server."""
        self.drop()
        self.admin.dispose()


class Cluster(Server):
    """A Citus cluster: the database made on every node and its nodes registered in it."""

    def __init__(self, coordinator_url: str, shards: int) -> None:
        super().__init__(coordinator_url)
        self.shards = shards
        with self.admin.connect() as conn:
            rows = conn.execute(
                text("SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0")
            ).all()
        self.workers = [(str(host), int(port)) for host, port in rows]
        if not self.workers:
            raise RuntimeError(f"the Citus coordinator at {coordinator_url} has no workers")
        base = make_url(coordinator_url)
        self.coordinator = (base.host or "127.0.0.1", base.port or 5432)
        self.nodes = [
            create_engine(
                base.set(host=host, port=port).render_as_string(False),
                isolation_level="AUTOCOMMIT",
                poolclass=NullPool,
            )
            for host, port in self.workers
        ]

    def create(self) -> None:
        """The database on every node with the extension; the nodes known to the coordinator."""
        self.drop()
        for node in [self.admin, *self.nodes]:
            self._execute(node, f'CREATE DATABASE "{DATABASE}"')
            inside = create_engine(
                node.url.set(database=DATABASE), isolation_level="AUTOCOMMIT", poolclass=NullPool
            )
            self._execute(inside, "CREATE EXTENSION citus")
            inside.dispose()
        self._execute(
            self.admin, f'ALTER DATABASE "{DATABASE}" SET citus.shard_count = {self.shards}'
        )
        inside = create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with inside.connect() as conn:
            host, port = self.coordinator
            conn.execute(text("SELECT citus_set_coordinator_host(:h, :p)"), {"h": host, "p": port})
            for host, port in self.workers:
                conn.execute(text("SELECT citus_add_node(:h, :p)"), {"h": host, "p": port})
        inside.dispose()

    def drop(self) -> None:
        """Drop the database on every node, the coordinator first (its connections go too)."""
        for node in [self.admin, *self.nodes]:
            self._execute(node, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')

    def close(self) -> None:
        """Drop the database everywhere and let go of the nodes."""
        super().close()
        for node in self.nodes:
            node.dispose()


def _citus_coordinator(given: str | None) -> str:
    if given:
        return given
    script = ROOT / "scripts" / "test-citus"
    return subprocess.run(
        [script, "start"], check=True, capture_output=True, text=True
    ).stdout.strip()


def measure(name: str, server: Server, args: argparse.Namespace) -> Figures:
    """The run on a fresh database of server, dropped afterwards."""
    server.create()
    try:
        return run(name, server.url(), args)
    finally:
        server.close()


def table(results: dict[str, Figures]) -> None:
    """The figures side by side, with each median's ratio to the first database's."""
    names = list(results)
    rows = list(dict.fromkeys(row for figures in results.values() for row in figures.rows))
    width = max(len(row) for row in rows)
    print(f"\n{'':{width}}  " + "  ".join(f"{name:>34}" for name in names))
    for row in rows:
        cells = [results[name].rows.get(row, "") for name in names]
        print(f"{row:{width}}  " + "  ".join(f"{cell:>34}" for cell in cells))
    first, *others = names
    for other in others:
        for row, median in results[other].medians.items():
            base = results[first].medians.get(row)
            if base:
                print(f"{other} / {first} median, {row}: {median / base:.2f}x")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--databases", type=_names, default=["postgresql", "citus"])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--days", type=int, default=31, help="days of December 2025 each")
    parser.add_argument("--per-day", type=int, default=60, help="events a user a day")
    parser.add_argument("--batch-days", type=int, default=10, help="days in an ingest batch")
    parser.add_argument("--members", type=int, default=50, help="users in the organization")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--clients", type=int, default=16, help="clients posting at once")
    parser.add_argument("--levels", type=_numbers, default=[1, 8], help="Data API clients")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each level")
    parser.add_argument("--runs", type=int, default=9, help="organization reports timed")
    parser.add_argument("--shards", type=int, default=32, help="shards of each Citus table")
    parser.add_argument("--postgres", help="a PostgreSQL URL allowed to create databases")
    parser.add_argument("--citus", help="a Citus coordinator's URL (a superuser's)")
    return parser.parse_args(argv)


def main() -> None:
    """Run the benchmark on each database and print the figures side by side."""
    args = parse_args()
    print(f"{os.cpu_count()} cores; load average at start {load_average()}")
    results: dict[str, Figures] = {}
    if "postgresql" in args.databases:
        results["postgresql"] = measure("postgresql", Server(_postgres_admin(args.postgres)), args)
    if "citus" in args.databases:
        cluster = Cluster(_citus_coordinator(args.citus), args.shards)
        results["citus"] = measure("citus, 2 workers", cluster, args)
    table(results)


if __name__ == "__main__":
    main()
