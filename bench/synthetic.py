"""A deterministic synthetic year of one person's events, shared by the benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

APPS = [f"app-{i:02d}" for i in range(30)] + [
    "code",
    "firefox",
    "slack",
    "gnome-terminal-server",
    "zoom",
    "libreoffice-writer",
    "thunderbird",
    "spotify",
    "gimp",
    "inkscape",
]
SITES = [f"site{i:02d}.example.com" for i in range(60)]


def synthetic_year(seed: int = 7, days: int = 365, start: datetime | None = None) -> Iterator[dict]:
    """About 180,000 events: ~8 active hours a day, 40 apps, 2,000 titles, median 30 s."""
    rng = random.Random(seed)
    titles = [f"document {i} - project {i % 37}" for i in range(2000)]
    first = start or datetime(2025, 1, 1, tzinfo=UTC)
    zone = timezone(timedelta(hours=1))
    n = 0
    for day in range(days):
        at = first + timedelta(days=day, hours=8)
        end = at + timedelta(hours=8)
        while at < end:
            seconds = min(rng.lognormvariate(3.4, 1.15), 1800.0)
            app = rng.choice(APPS)
            url = f"https://{rng.choice(SITES)}/page" if app == "firefox" else None
            n += 1
            yield {
                "id": f"bench-{n:08d}",
                "start": at.astimezone(zone).isoformat(),
                "duration": round(seconds, 1),
                "app": app,
                "title": rng.choice(titles),
                "url": url,
            }
            at += timedelta(seconds=seconds)


def batches(events: list[dict], size: int = 1000, device: str = "bench") -> list[dict]:
    """Events cut into ingest batches."""
    return [
        {"device": device, "source_type": "computers", "events": events[i : i + size]}
        for i in range(0, len(events), size)
    ]
