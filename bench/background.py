"""Background benchmark: what a stored batch costs the server afterwards.

After each batch the server evaluates the user's "more than" alerts and adds late time to the
user's closed days (`Background.alerts_due`). This times both, in process, for a user with two
weeks of demo data (`dayglass demo`), every day before today closed, and one alert (more than
20 hours of productive time a day: never fired, so evaluated every time), told of:
- every recent day (what each batch asked for before the batch named its days),
- today (a live agent's batch),
- a day long ago (an agent's queue emptied after a month away, or this repository's load bench,
  whose batches lie in 2005).
It prints the median of 200 of each, on SQLite (a new file) and PostgreSQL (a database of its
own, on the server given by --postgres, by default the one `scripts/test-postgres start`
prints).

Run: .venv/bin/python bench/background.py [--databases sqlite,postgresql] [--postgres ADMIN_URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Collection
from datetime import date, timedelta
from pathlib import Path

from dayglass.composition import build_services
from dayglass.core.alerts import AlertRule, Comparison, Target
from dayglass.core.clock import SystemClock
from dayglass.core.timestamps import local_today
from dayglass.services.demo import load_demo
from dayglass.storage.engine import create_db_engine
from dayglass.storage.migrate import upgrade

sys.path.insert(0, str(Path(__file__).parent))
from server import scratch_postgres

ZONE = "Europe/Berlin"
RUNS = 200


def _median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def run(name: str, url: str) -> None:
    engine = create_db_engine(url)
    upgrade(engine)
    clock = SystemClock()
    services = build_services(engine, clock)
    user = services.accounts.add_user("background@example.org", "password1", None, ZONE)
    stored = load_demo(services.ingest, user.id, ZONE, clock, 14)
    services.alerts.add(user.id, AlertRule(Comparison.MORE, 20.0, Target.ALL_PRODUCTIVE))
    services.day_closer.close_due()
    today = local_today(clock.now(), ZONE)
    told: list[tuple[str, Collection[date] | None]] = [
        ("every recent day", None),
        ("today", {today}),
        ("a day long ago", {today - timedelta(days=400)}),
    ]
    print(f"{name}: {stored:,} demo events over 14 days, the 13 before today closed")
    for label, changed in told:
        alerts = _median_ms(lambda c=changed: services.alerts.evaluate_recent(user.id, c))
        catch_up = _median_ms(lambda c=changed: services.day_closer.catch_up(user.id, c))
        print(f"  told of {label:17} alerts {alerts:6.2f} ms   closed days {catch_up:6.2f} ms")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres", help="a PostgreSQL URL allowed to create databases")
    args = parser.parse_args()
    for name in args.databases.split(","):
        if name == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                run(name, f"sqlite:///{folder}/background.db")
        elif name == "postgresql":
            with scratch_postgres("dayglass_bench_background", args.postgres) as url:
                run(name, url)


if __name__ == "__main__":
    main()
