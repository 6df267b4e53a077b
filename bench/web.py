"""Web benchmark: the dashboard's server time for a day, a week and a month on the synthetic year,
and the timeline of the year's busiest day and the week with its trends (target: 50 ms each).

Loads the synthetic year over HTTP, signs in like a browser, then reads each page many
times and prints the median and 95th percentile of the `Server-Timing` the server reports.
Run: .venv/bin/python bench/web.py
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from server import BenchServer
from synthetic import batches, synthetic_year

PAGES = {
    "day": "/?span=day&day=2025-06-18",
    "week": "/?span=week&day=2025-06-18",
    "month": "/?span=month&day=2025-06-18",
}


def _server_ms(answer: httpx.Response) -> float:
    return float(re.search(r"dur=([\d.]+)", answer.headers["server-timing"]).group(1))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = BenchServer(Path(tmp))
        try:
            api = httpx.Client(
                base_url=server.url,
                timeout=120,
                headers={
                    "Authorization": f"Bearer {server.key}",
                    "Content-Type": "application/json",
                },
            )
            events = list(synthetic_year(days=args.days))
            for batch in batches(events):
                api.post("/api/v1/events", content=orjson.dumps(batch)).raise_for_status()
            # The local day with the most events: the timeline's hardest day.
            busy = Counter(e["start"][:10] for e in events).most_common(1)[0][0]
            pages = {
                **PAGES,
                "timeline (busiest day, JSON)": f"/timeline.json?day={busy}",
                "day page with timeline (busiest day)": f"/?span=day&day={busy}",
                "week with trends (busiest day's week)": f"/?span=week&day={busy}",
            }
            browser = httpx.Client(base_url=server.url, timeout=60)
            token = re.search(r'name="csrf" value="([^"]+)"', browser.get("/login").text)
            signed = browser.post(
                "/login",
                data={
                    "csrf": token.group(1),
                    "email": server.email,
                    "password": server.password,
                    "next": "/",
                },
            )
            assert signed.status_code == 303, signed.text
            print(
                f"dashboard server time on {args.days} synthetic days, {len(events)} events "
                f"({args.repeat} reads each, after one warm-up):"
            )
            for name, path in pages.items():
                browser.get(path).raise_for_status()
                times = []
                for _ in range(args.repeat):
                    answer = browser.get(path)
                    answer.raise_for_status()
                    times.append(_server_ms(answer))
                times.sort()
                print(
                    f"  {name:<38} median {statistics.median(times):6.1f} ms   "
                    f"p95 {times[int(len(times) * 0.95) - 1]:6.1f} ms"
                )
            print(f"server peak RSS: {server.peak_rss_mb():.0f} MB")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
