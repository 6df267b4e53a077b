"""Ingest benchmark: a synthetic year over HTTP in batches of 1,000 into SQLite.

Prints events per second, database bytes per event and the server's peak RSS.
Run: .venv/bin/python bench/ingest.py
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from server import BenchServer
from synthetic import batches, synthetic_year


def _post(client: httpx.Client, body: bytes) -> float:
    began = time.perf_counter()
    client.post("/api/v1/events", content=body).raise_for_status()
    return time.perf_counter() - began


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--clients", type=int, default=1, help="concurrent HTTP connections")
    args = parser.parse_args()
    events = list(synthetic_year(days=args.days))
    bodies = [orjson.dumps(b) for b in batches(events, args.batch)]
    with tempfile.TemporaryDirectory() as tmp:
        server = BenchServer(Path(tmp), workers=args.workers)
        try:
            headers = {"Authorization": f"Bearer {server.key}", "Content-Type": "application/json"}
            limits = httpx.Limits(max_connections=args.clients)
            with httpx.Client(
                base_url=server.url, headers=headers, timeout=120, limits=limits
            ) as client:
                began = time.perf_counter()
                with ThreadPoolExecutor(args.clients) as pool:
                    latencies = list(pool.map(lambda body: _post(client, body), bodies))
                elapsed = time.perf_counter() - began
                again = client.post("/api/v1/events", content=bodies[0]).json()
            rss = server.peak_rss_mb()
        finally:
            server.stop()
        database = Path(tmp) / "dayglass.sqlite3"
        with sqlite3.connect(database) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            stored = conn.execute("SELECT count(*) FROM raw_events").fetchone()[0]
            fact_rows = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        size = database.stat().st_size
    print(
        f"events:              {len(events):,} in {len(bodies)} batches of {args.batch}, "
        f"{args.clients} connections, {args.workers} server processes"
    )
    print(f"stored:              {stored:,} raw events, {fact_rows:,} fact rows")
    print(f"resend of batch 1:   {again['stored']} stored, {again['duplicates']} duplicates")
    print(f"throughput:          {len(events) / elapsed:,.0f} events/s ({elapsed:.1f} s)")
    print(
        f"batch latency:       median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {sorted(latencies)[int(len(latencies) * 0.95)] * 1000:.1f} ms"
    )
    print(f"database:            {size / stored:.1f} bytes/event ({size / 1e6:.1f} MB)")
    print(f"server peak RSS:     {rss:.0f} MB")


if __name__ == "__main__":
    main()
