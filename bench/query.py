"""Query benchmark: the RescueTime Data API over HTTP on the synthetic year, in SQLite.

Loads the synthetic year of bench/ingest.py into a fresh `dayglass serve`, then prints the
p50 and p95 latency of each question and the server's peak RSS over the whole run.
Run: .venv/bin/python bench/query.py (restrict_project lines: the same question as "rank by
activity, last 365 days", limited to a project)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from server import BenchServer
from synthetic import batches, synthetic_year

LAST_DAY = date(2025, 12, 31)  # the synthetic year runs through 2025


def _days(n: int) -> dict[str, str]:
    """restrict_begin/end for the last n days of the synthetic year."""
    first = LAST_DAY - timedelta(days=n - 1)
    return {"restrict_begin": first.isoformat(), "restrict_end": LAST_DAY.isoformat()}


QUESTIONS: list[tuple[str, dict[str, str]]] = [
    *(
        (f"rank by activity, last {n} days", {"restrict_kind": "activity", **_days(n)})
        for n in (1, 7, 30, 365)
    ),
    (
        "interval by hour, one day",
        {"perspective": "interval", "resolution_time": "hour", **_days(1)},
    ),
    (
        "interval by day by activity, 365 days",
        {
            "perspective": "interval",
            "resolution_time": "day",
            "restrict_kind": "activity",
            **_days(365),
        },
    ),
    ("rank by document, 30 days", {"restrict_kind": "document", **_days(30)}),
    # restrict_project next to the same question without it (rank by activity, 365 days).
    (
        "restrict_project by site/app, 365 days",
        {"restrict_kind": "activity", "restrict_project": "Sites", **_days(365)},
    ),
    (
        "restrict_project by keyword, 365 days",
        {"restrict_kind": "activity", "restrict_project": "Project 7", **_days(365)},
    ),
]
WITHOUT_PROJECT = "rank by activity, last 365 days"  # what restrict_project is compared with
# Projects made after loading: one decided by activities and sites alone, one by a keyword in
# the documents (so the engine must look at every document's time).
PROJECTS = {
    "Sites": [("host", "example.com"), ("activity_pattern", "app-1*")],
    "Project 7": [("keyword", "project 7"), ("regex", r"^document 1\d - ")],
}


def _load(client: httpx.Client, days: int) -> int:
    events = list(synthetic_year(days=days))
    for body in batches(events):
        client.post("/api/v1/events", content=orjson.dumps(body)).raise_for_status()
    return len(events)


def _projects(client: httpx.Client) -> None:
    for name, rules in PROJECTS.items():
        made = client.post("/api/v1/projects", json={"name": name})
        made.raise_for_status()
        for kind, value in rules:
            rule = {"kind": kind, "value": value}
            client.post(f"/api/v1/projects/{made.json()['id']}/rules", json=rule).raise_for_status()


def _time(client: httpx.Client, params: dict[str, str], runs: int) -> tuple[list[float], int]:
    """Latencies in ms of runs requests (after two warm-ups), and the rows answered."""
    rows = 0
    for _ in range(2):
        rows = len(client.get("/anapi/data", params={"format": "json", **params}).json()["rows"])
    latencies = []
    for _ in range(runs):
        began = time.perf_counter()
        answer = client.get("/anapi/data", params={"format": "json", **params})
        answer.read()
        latencies.append((time.perf_counter() - began) * 1000)
        answer.raise_for_status()
    return latencies, rows


def _p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * 0.95))]


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=40, help="timed requests per question")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = BenchServer(Path(tmp))
        try:
            headers = {"Authorization": f"Bearer {server.key}"}
            with httpx.Client(base_url=server.url, headers=headers, timeout=300) as client:
                began = time.perf_counter()
                loaded = _load(client, args.days)
                print(f"loaded {loaded:,} events in {time.perf_counter() - began:.1f} s")
                _projects(client)
                print(f"{'question':42} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
                p50s: dict[str, float] = {}
                for name, params in QUESTIONS:
                    latencies, rows = _time(client, params, args.runs)
                    p50 = p50s[name] = statistics.median(latencies)
                    ratio = ""
                    if name.startswith("restrict_project"):
                        ratio = f"  {p50 / p50s[WITHOUT_PROJECT]:.1f}x without a project"
                    print(f"{name:42} {rows:>7,} {p50:>8.1f} {_p95(latencies):>8.1f}{ratio}")
            print(f"server peak RSS (whole run, load included): {server.peak_rss_mb():.0f} MB")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
