"""Scale benchmark: many users on a Citus cluster against the same data on one PostgreSQL.

On PostgreSQL: 1,000 users (each with an API key; the first 50 share with an organization that
the server's first account owns) are made in this process through the services (the server is
idle then; one Argon2 hash for all, as bench/team.py does); then every user's month (December
2025, 20 events a day, in batches of 10 days) is posted over HTTP to `dayglass serve --workers
2` by 16 clients at once, each batch for the next user. That database is then moved onto the
cluster as the README says (pg_dump | pg_restore onto the coordinator, `dayglass db
distribute`, both timed): Citus ingests row by row several times slower, and loading the month
over HTTP there would take most of an hour. Then on each, over HTTP to a real server:
- ingest: 16 clients post one-day batches of the following days, each for the next user, for
  20 s: events/s (over the time the last batches took too) and each batch's p50 and p99;
- per-user Data API latency: one-day and 30-day `/anapi/data` (activities; the month's last
  day, and its last 30 days or as many as it has), each request with the next user's key (the
  users in a shuffled order), at 1 and 8 clients: p50 and p99;
- the organization-wide member report: `/anapi/data?perspective=member` by overview over the
  month with the organization's key: median of 9;
- how the rows spread: users, rows of raw_events and facts, and shard bytes per worker
  (run_command_on_placements and citus_shards; on PostgreSQL the one database's).
The queries wait until the server's processes are idle: each stored batch wakes the alert
evaluation and the catch-up of closed days, which run after it.

Databases: `dayglass_bench_scale`, made and dropped by the bench. On PostgreSQL, on the server
given by --postgres (default: the one `scripts/test-postgres start` prints). On Citus, on the
cluster given by --citus (default: the one `scripts/test-citus start` prints): Citus runs
CREATE DATABASE on the coordinator only, so the bench makes the database on every node, creates
the extension in each, registers the coordinator and the workers in it and sets its
`citus.shard_count` (--shards, Citus's default 32; the test cluster's servers say 4).

Run: .venv/bin/python bench/scale.py [--users 1000] [--days 31] [--per-day 20] [--members 50]
     [--workers 2] [--clients 16] [--ingest-seconds 20] [--levels 1,8] [--seconds 8]
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

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
from dayglass.storage.distribution import worker_nodes
from dayglass.storage.engine import create_db_engine
from load import Reopened, Tally, Target, _numbers, drive, http_request, load_average
from server import BenchServer, settle
from team import FIRST, ZONE, _OnceHasher, member_days, timed

DATABASE = "dayglass_bench_scale"
JSON = {"Content-Type": "application/json"}
LOADED = "the month: how it came"
WINDOW_DAYS = 60  # later days the ingest windows may post (January and February 2026)
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


def month_batches(keys: list[str], args: argparse.Namespace) -> Iterator[tuple[str, bytes]]:
    """(key, JSON body) of every user's month cut into batches of batch_days days, users taken
    in turn so that many users' batches are in flight at once."""
    months = [list(member_days(n, args.days, args.per_day)) for n in range(len(keys))]
    for first in range(0, args.days, args.batch_days):
        for key, days in zip(keys, months, strict=True):
            chunk = days[first : first + args.batch_days]
            events = [event for day in chunk for event in day["events"]]  # type: ignore[attr-defined]
            yield key, orjson.dumps({**chunk[0], "events": events})


def later_days(keys: list[str], args: argparse.Namespace) -> Iterator[tuple[str, bytes]]:
    """(key, JSON body) of one day at a time after the month, users in turn, never ending
    before WINDOW_DAYS rounds (the first round made at once: each user's generator first runs
    through the month)."""
    users = [
        itertools.islice(member_days(n, args.days + WINDOW_DAYS, args.per_day), args.days, None)
        for n in range(len(keys))
    ]
    first = [(key, orjson.dumps(next(days))) for key, days in zip(keys, users, strict=True)]
    rest = (
        (key, orjson.dumps(next(days)))
        for _ in range(WINDOW_DAYS - 1)
        for key, days in zip(keys, users, strict=True)
    )
    return itertools.chain(first, rest)


async def _post_all(url: str, bodies: Iterator[tuple[str, bytes]], clients: int) -> Tally:
    tally = Tally()

    async def client_loop() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=300, headers=JSON) as client:
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


def load_history(server: BenchServer, keys: list[str], args: argparse.Namespace) -> str:
    """Post every user's month over HTTP; its events/s."""
    events = len(keys) * args.days * args.per_day
    load = load_average()
    began = time.perf_counter()
    tally = asyncio.run(_post_all(server.url, month_batches(keys, args), args.clients))
    seconds = time.perf_counter() - began
    print(tally.line("history", args.clients, seconds), f" load {load}", flush=True)
    print(f"  {events:,} events in {seconds:.0f} s: {events / seconds:,.0f} events/s")
    return f"{events:,} in {seconds:.0f} s, {events / seconds:,.0f}"


def ingest_window(
    server: BenchServer, bodies: Iterator[tuple[str, bytes]], args: argparse.Namespace, out: Figures
) -> None:
    """Many clients post one-day batches of many users for a bounded time; events/s."""

    def request() -> bytes:
        key, body = next(bodies)
        return http_request(server.url, "POST", f"/api/v1/events?key={key}", JSON, body)

    load = load_average()
    began = time.perf_counter()
    # The clients' last batches finish after the time is up: the rate counts the time they took.
    (tally,) = drive(server.url, [(Target(request), args.clients)], args.ingest_seconds)
    seconds = time.perf_counter() - began
    print(f"{tally.line('ingest', args.clients, seconds)}  load {load}", flush=True)
    done = sorted(tally.latencies)
    row = f"ingest, {args.clients} clients, one-day batches"
    out.rows[f"{row}: events/s"] = f"{len(done) * args.per_day / seconds:,.0f}"
    out.rows[f"{row}: p50 / p99 ms"] = f"{_at(done, 0.5):,.0f} / {_at(done, 0.99):,.0f}"
    out.rows[f"{row}: errors"] = str(tally.errors)


def _days(args: argparse.Namespace, days: int) -> dict[str, str]:
    """A question about the last `days` days of the month loaded (the ingest window adds days
    after it), activities as JSON."""
    last = FIRST + timedelta(days=args.days - 1)
    return {
        "format": "json",
        "restrict_kind": "activity",
        "restrict_begin": max(FIRST, last - timedelta(days=days - 1)).isoformat(),
        "restrict_end": last.isoformat(),
    }


def _at(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def per_user(url: str, keys: list[str], args: argparse.Namespace, out: Figures) -> None:
    """One-day and 30-day `/anapi/data`, each request with the next user's key."""
    order = random.Random(1).sample(keys, len(keys))
    turn = itertools.cycle(order)

    for label, days in (("1 day", 1), ("30 days", 30)):
        params = _days(args, days)

        def request(params: dict[str, str] = params) -> bytes:
            query = urlencode({**params, "key": next(turn)})
            return http_request(url, "GET", f"/anapi/data?{query}", {})

        target = Target(request)
        drive(url, [(target, 1)], 1.0)  # warm up
        for clients in args.levels:
            load = load_average()
            (tally,) = drive(url, [(target, clients)], args.seconds)
            name = f"data {label}"
            print(f"{tally.line(name, clients, args.seconds)}  load {load}", flush=True)
            done = sorted(tally.latencies)
            row = f"/anapi/data {label}, {clients} client{'s' if clients > 1 else ''}"
            out.rows[f"{row}: p50 / p99 ms"] = f"{_at(done, 0.5):.1f} / {_at(done, 0.99):.1f}"
            out.rows[f"{row}: req/s"] = f"{len(done) / args.seconds:.0f}"
            out.medians[row] = _at(done, 0.5)


def org_report(url: str, org_key: str, args: argparse.Namespace, out: Figures) -> None:
    """The organization's members by overview over the month, through its key."""
    params = {
        "key": org_key,
        "perspective": "member",
        **_days(args, 30),
        "restrict_kind": "overview",
    }
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


def questions(
    server: BenchServer,
    people: Population,
    later: Iterator[tuple[str, bytes]],
    args: argparse.Namespace,
    out: Figures,
) -> None:
    """The ingest window, then the Data API questions once the server is idle again."""
    ingest_window(server, later, args, out)
    waited = settle(server, databases=True)
    print(f"  the server and its databases settled {waited:.0f} s after ingesting", flush=True)
    per_user(server.url, people.keys, args, out)
    org_report(server.url, people.org_key, args, out)


def run_postgres(
    url: str, tmp: Path, args: argparse.Namespace, out: Figures
) -> tuple[BenchServer, Population, Iterator[tuple[str, bytes]]]:
    """Seed the users, load their month over HTTP and question the database; the (stopped)
    server, the users and the rest of the later days."""
    began = time.perf_counter()
    server = BenchServer(tmp, {"DAYGLASS_DATABASE_URL": url}, args.workers)
    try:
        print(f"postgresql: migrated and served in {time.perf_counter() - began:.0f} s")
        began = time.perf_counter()
        people = seed(url, server.email, args)
        print(f"postgresql: {args.users} users seeded in {time.perf_counter() - began:.0f} s")
        out.rows[LOADED] = f"over HTTP: {load_history(server, people.keys, args)} events/s"
        print(f"  the server settled {settle(server):.0f} s after the load", flush=True)
        later = later_days(people.keys, args)
        questions(server, people, later, args, out)
    finally:
        server.stop()
    return server, people, later


def move(source: str, target: str, out: Figures) -> None:
    """pg_dump the PostgreSQL database into the coordinator's, then `dayglass db distribute`."""
    bin_dir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    began = time.perf_counter()
    dump = subprocess.Popen([bin_dir / "pg_dump", "-Fc", _libpq(source)], stdout=subprocess.PIPE)
    subprocess.run(
        [bin_dir / "pg_restore", "--no-owner", "-d", _libpq(target)], stdin=dump.stdout, check=True
    )
    if dump.wait() != 0:
        raise RuntimeError("pg_dump failed")
    restored = time.perf_counter() - began
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DAYGLASS_DATABASE_URL": target, "DAYGLASS_DATA_DIR": tmp}
        command = [sys.executable, "-m", "dayglass", "db", "distribute"]
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    distributed = time.perf_counter() - began
    print(f"citus: dump and restore {restored:.0f} s, dayglass db distribute {distributed:.0f} s")
    out.rows[LOADED] = f"dump+restore {restored:.0f} s, db distribute {distributed:.0f} s"


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(False)


def run_citus(
    url: str,
    first: BenchServer,
    people: Population,
    later: Iterator[tuple[str, bytes]],
    args: argparse.Namespace,
    out: Figures,
) -> None:
    """Serve the moved database from the coordinator and question it as PostgreSQL was."""
    with tempfile.TemporaryDirectory() as tmp:
        server = Reopened(first, Path(tmp), {"DAYGLASS_DATABASE_URL": url}, args.workers)
        try:
            questions(server, people, later, args, out)
        finally:
            server.stop()


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
            self.workers = worker_nodes(conn)
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


def _server_url(given: str | None, script: str) -> str:
    """The URL given, or the one the test server's script prints once it has started it."""
    return given or subprocess.check_output([ROOT / "scripts" / script, "start"], text=True).strip()


def _spread(url: str, out: Figures) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        spread(engine, out)
    finally:
        engine.dispose()


def table(results: dict[str, Figures]) -> None:
    """The figures side by side, with each median's ratio to the first database's."""
    names = list(results)
    rows = list(dict.fromkeys(row for figures in results.values() for row in figures.rows))
    width = max(len(row) for row in rows)
    cells = [[name, *(results[name].rows.get(row, "") for row in rows)] for name in names]
    sizes = [max(len(cell) for cell in column) for column in cells]
    for n, row in enumerate(["", *rows]):
        line = "  ".join(f"{column[n]:>{size}}" for column, size in zip(cells, sizes, strict=True))
        print(f"{row:{width}}  {line}")
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
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--days", type=int, default=31, help="days of December 2025 each")
    parser.add_argument("--per-day", type=int, default=20, help="events a user a day")
    parser.add_argument("--batch-days", type=int, default=10, help="days in an ingest batch")
    parser.add_argument("--members", type=int, default=50, help="users in the organization")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--clients", type=int, default=16, help="clients posting at once")
    parser.add_argument("--ingest-seconds", type=float, default=20.0, help="ingest window")
    parser.add_argument("--levels", type=_numbers, default=[1, 8], help="Data API clients")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each level")
    parser.add_argument("--runs", type=int, default=9, help="organization reports timed")
    parser.add_argument("--shards", type=int, default=32, help="shards of each Citus table")
    parser.add_argument("--postgres", help="a PostgreSQL URL allowed to create databases")
    parser.add_argument("--citus", help="a Citus coordinator's URL (a superuser's)")
    return parser.parse_args(argv)


def main() -> None:
    """Run the benchmark on PostgreSQL, move the database onto Citus, run it there; print both."""
    args = parse_args()
    print(f"{os.cpu_count()} cores; load average at start {load_average()}")
    postgres = Server(_server_url(args.postgres, "test-postgres"))
    cluster = Cluster(_server_url(args.citus, "test-citus"), args.shards)
    results = {"postgresql": Figures(), "citus, 2 workers": Figures()}
    try:
        postgres.create()
        with tempfile.TemporaryDirectory() as tmp:
            first, people, later = run_postgres(
                postgres.url(), Path(tmp), args, results["postgresql"]
            )
        _spread(postgres.url(), results["postgresql"])
        cluster.create()
        move(postgres.url(), cluster.url(), results["citus, 2 workers"])
        run_citus(cluster.url(), first, people, later, args, results["citus, 2 workers"])
        _spread(cluster.url(), results["citus, 2 workers"])
    finally:
        postgres.close()
        cluster.close()
    print()
    table(results)


if __name__ == "__main__":
    main()
