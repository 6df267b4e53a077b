"""Team benchmark: an organization of 500 members in 10 groups, 30 days of synthetic time each,
then over HTTP: perspective=member by overview (30 days), rank by overview for one group (30
days) and the team dashboard page (a month). Prints medians and the database size.

Run: .venv/bin/python bench/team.py [--postgres ADMIN_URL] (ADMIN_URL may create databases,
e.g. the one `scripts/test-postgres start` prints; the bench makes and drops its own).
Members and their time are written in this process through the services (the server is idle
then); every timed request goes over HTTP to a real `dayglass serve`.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

sys.path.insert(0, str(Path(__file__).parent))
from argon2 import PasswordHasher

import dayglass.services.accounts
from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.core.teams import Share
from dayglass.storage.engine import create_db_engine
from server import BenchServer
from synthetic import APPS, SITES

FIRST = date(2025, 12, 1)  # the 30 days: December 2025 (a month for the dashboard too)
ZONE = "Europe/Berlin"


class _OnceHasher(PasswordHasher):
    """Argon2 once for every bench member (they share a password): seeding 500 accounts should
    not take minutes of key stretching."""

    _made: dict[str | bytes, str] = {}  # noqa: RUF012

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        """The one hash of password."""
        if password not in self._made:
            self._made[password] = super().hash(password, salt=salt)
        return self._made[password]


def member_days(seed: int, days: int, per_day: int) -> Iterator[dict[str, object]]:
    """A member's ingest batches: per_day events a day over 8 hours, one batch a day."""
    rng = random.Random(seed)
    titles = [f"document {i} - project {i % 37}" for i in range(200)]
    for day in range(days):
        at = datetime.combine(FIRST + timedelta(days=day), datetime.min.time(), UTC)
        at += timedelta(hours=8)
        events = []
        for n in range(per_day):
            app = rng.choice(APPS)
            events.append(
                {
                    "id": f"team-{day}-{n}",
                    "start": at.isoformat(),
                    "duration": round(8 * 3600 / per_day * rng.uniform(0.6, 1.0), 1),
                    "app": app,
                    "title": rng.choice(titles),
                    "url": f"https://{rng.choice(SITES)}/" if app == "firefox" else None,
                }
            )
            at += timedelta(seconds=8 * 3600 / per_day)
        yield {"device": "laptop", "source_type": "computers", "events": events}


def seed(url: str, owner_email: str, args: argparse.Namespace) -> tuple[int, str, list[str]]:
    """The organization, its groups and members with their time; its id, an organization key
    of the owner, and the groups' names."""
    dayglass.services.accounts.PasswordHasher = _OnceHasher  # type: ignore[misc]
    engine = create_db_engine(url)
    services = build_services(engine, ManualClock(datetime(2026, 1, 2, 12, tzinfo=UTC)))
    teams = services.teams
    owner = services.accounts.user_by_email(owner_email)
    org = teams.create("Bench", owner.id)
    groups = [teams.add_group(None, org.id, f"Group {g}") for g in range(args.groups)]
    began = time.perf_counter()
    for n in range(args.members):
        user = services.accounts.add_user(f"m{n}@bench.local", "bench password", f"M {n}", ZONE)
        _, code = teams.invite(None, org.id)
        # Varied consent: a tenth in group totals only, levels in turn.
        teams.join(user.id, code, Share(1 + n % 4), by_name=n % 10 != 0)
        teams.link(None, org.id, groups[n % args.groups].id, user.id, "members", True)
        days = list(member_days(n, args.days, args.per_day))
        events = [e for day in days for e in day["events"]]  # type: ignore[attr-defined]
        services.ingest.ingest(user.id, {**days[0], "events": events})  # one batch a member
        if n % 50 == 49:
            print(f"  {n + 1} members seeded ({time.perf_counter() - began:.0f} s)", flush=True)
    _, key = teams.create_key(owner.id, org.id)
    engine.dispose()
    return org.id, key, [g.name for g in groups]


def timed(client: httpx.Client, path: str, params: dict[str, str], runs: int) -> list[float]:
    """Latencies in ms of runs requests (after one warm-up)."""
    client.get(path, params=params).raise_for_status()
    found = []
    for _ in range(runs):
        began = time.perf_counter()
        client.get(path, params=params).raise_for_status()
        found.append((time.perf_counter() - began) * 1000)
    return found


def signed_in(server: BenchServer) -> httpx.Client:
    """A client with the owner's web session."""
    client = httpx.Client(base_url=server.url, timeout=600)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    fields = {"csrf": token.group(1), "email": server.email, "password": server.password}
    answer = client.post("/login", data={**fields, "next": "/"})
    assert answer.status_code == 303, answer.text
    return client


def run(name: str, data_dir: Path, url: str | None, args: argparse.Namespace) -> None:
    """Seed one database, serve it and print the figures."""
    env = {"DAYGLASS_DATABASE_URL": url} if url else {}
    server = BenchServer(data_dir, env)
    try:
        db_url = url or f"sqlite:///{data_dir / 'dayglass.sqlite3'}"
        began = time.perf_counter()
        org_id, key, groups = seed(db_url, server.email, args)
        print(f"{name}: seeded {args.members} members in {time.perf_counter() - began:.0f} s")
        days = {
            "restrict_begin": FIRST.isoformat(),
            "restrict_end": (FIRST + timedelta(days=args.days - 1)).isoformat(),
        }
        questions = [
            (
                "perspective=member by overview, 30 days",
                "/anapi/data",
                {"key": key, "perspective": "member", "restrict_kind": "overview", **days},
            ),
            (
                "rank by overview, one group, 30 days",
                "/anapi/data",
                {"key": key, "restrict_kind": "overview", "restrict_group": groups[3], **days},
            ),
        ]
        with httpx.Client(base_url=server.url, timeout=600) as client:
            for label, path, params in questions:
                found = timed(client, path, params, args.runs)
                print(f"{name}: {label:44} median {statistics.median(found):8.1f} ms")
        client = signed_in(server)
        try:
            page = {"span": "month", "day": FIRST.isoformat()}
            found = timed(client, f"/orgs/{org_id}/dashboard", page, args.runs)
        finally:
            client.close()
        label = "team dashboard, everyone, a month"
        print(f"{name}: {label:44} median {statistics.median(found):8.1f} ms")
        print(f"{name}: database {size(db_url, data_dir) / 1e6:.0f} MB")
    finally:
        server.stop()


def size(url: str, data_dir: Path) -> int:
    """The database's size in bytes."""
    if url.startswith("sqlite"):
        return sum(p.stat().st_size for p in data_dir.glob("dayglass.sqlite3*"))
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return int(found)


def main() -> None:
    """Run the benchmark on SQLite, and on PostgreSQL when given an admin URL."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=60, help="events a member a day")
    parser.add_argument("--runs", type=int, default=9, help="timed requests per question")
    parser.add_argument("--postgres", help="a PostgreSQL URL allowed to create databases")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            run("sqlite", Path(tmp), None, args)
    if args.postgres:
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        name = "dayglass_bench_team"
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.postgres).set(database=name).render_as_string(False)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                run("postgresql", Path(tmp), url, args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
