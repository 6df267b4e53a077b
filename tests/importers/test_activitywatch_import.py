"""An ActivityWatch import from an export a real aw-server made of events it was sent.

The expected active time is ActivityWatch's own: its query API (window events intersected with
not-AFK time, merged by app; tab events within browser time, merged by domain), per local day.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from dayglass.catalog.loader import builtin_catalog
from dayglass.client import RescueTimeClient
from dayglass.composition import build_import_cursors
from dayglass.core.clock import ManualClock
from dayglass.importers.activitywatch import ActivityWatchImport, ActivityWatchReport
from dayglass.importers.aw_export import spill_export
from dayglass.importers.aw_server import spill_server
from dayglass.importers.aw_spill import Spill
from dayglass.importers.pacing import Pacer
from importers.aw_server import running_aw_server

BERLIN = ZoneInfo("Europe/Berlin")
DAYS = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-06"]
HOSTS = {"laptop": ["Firefox", "code", "Terminal", "Slack"], "desktop": ["Firefox", "Spotify"]}
SITES = [
    "https://github.com/pulls",
    "https://news.ycombinator.com/item",
    "https://docs.python.org/3/",
]


@pytest.fixture
def clock() -> ManualClock:
    """Tuesday 2026-11-10 12:00 in Berlin, standing still."""
    return ManualClock.at_local("2026-11-10T12:00")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).isoformat()


def _host_day(host: str, day: str) -> dict[str, list[dict]]:
    """A day of one host: windows, AFK states and browser tabs, in whole seconds, inside the day
    (aw-server's query does not cut events at the edges of a period)."""
    rng = random.Random(f"{host}/{day}")
    at = datetime.fromisoformat(f"{day}T08:00").replace(tzinfo=BERLIN)
    windows, tabs = [], []
    tabs_end = at
    for _ in range(80):
        app = rng.choice(HOSTS[host])
        seconds = rng.randint(5, 600)
        windows.append(
            {
                "timestamp": _stamp(at),
                "duration": seconds,
                "data": {"app": app, "title": f"{app} {rng.randint(1, 4)}"},
            }
        )
        if app == "Firefox":  # tabs change inside the window, and one starts before it
            tab_at = max(at - timedelta(seconds=rng.randint(0, 30)), tabs_end)
            while tab_at < at + timedelta(seconds=seconds):
                length = rng.randint(5, 200)
                url = rng.choice(SITES)
                tabs.append(
                    {
                        "timestamp": _stamp(tab_at),
                        "duration": length,
                        "data": {
                            "url": url,
                            "title": url[8:20],
                            "audible": False,
                            "incognito": False,
                        },
                    }
                )
                tab_at += timedelta(seconds=length + rng.choice([0, 0, 3]))
                tabs_end = tab_at  # one tab at a time, as the web watcher reports them
        at += timedelta(seconds=seconds + rng.choice([0, 0, 1, 30]))
    afk, mark, status = [], datetime.fromisoformat(f"{day}T07:55").replace(tzinfo=BERLIN), "not-afk"
    while mark < at:
        seconds = rng.randint(300, 2400) if status == "not-afk" else rng.randint(60, 600)
        afk.append({"timestamp": _stamp(mark), "duration": seconds, "data": {"status": status}})
        mark += timedelta(seconds=seconds)
        status = "afk" if status == "not-afk" else "not-afk"
    return {"window": windows, "afk": afk, "web": tabs}


BUCKETS = {
    "window": ("aw-watcher-window_{}", "currentwindow"),
    "afk": ("aw-watcher-afk_{}", "afkstatus"),
    "web": ("aw-watcher-web-firefox_{}", "web.tab.current"),
}


def fill(url: str) -> None:
    """Send the hosts' days to aw-server through its REST API."""
    with httpx.Client(base_url=f"{url}/api/0", timeout=60) as http:
        for host in HOSTS:
            for pattern, type_ in BUCKETS.values():
                body = {
                    "client": "dayglass-test",
                    "type": type_,
                    "hostname": host,
                    "created": "2026-11-01T00:00:00+00:00",
                }
                http.post(f"/buckets/{pattern.format(host)}", json=body).raise_for_status()
            for day in DAYS:
                for kind, events in _host_day(host, day).items():
                    bucket = BUCKETS[kind][0].format(host)
                    http.post(f"/buckets/{bucket}/events", json=events).raise_for_status()


def _local_day(day: str) -> str:
    """A Berlin day as an ActivityWatch time period."""
    start = datetime.fromisoformat(day).replace(tzinfo=BERLIN)
    end = (datetime.fromisoformat(day) + timedelta(days=1)).replace(tzinfo=BERLIN)
    return f"{start.isoformat()}/{end.isoformat()}"


def activitywatch_says(url: str) -> dict[tuple[str, str], int]:
    """ActivityWatch's own active seconds per (local day, app) and (local day, domain)."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    with httpx.Client(base_url=f"{url}/api/0", timeout=60) as http:
        for host in HOSTS:
            query = [
                f'afk = query_bucket("aw-watcher-afk_{host}");',
                f'w = query_bucket("aw-watcher-window_{host}");',
                'w = filter_period_intersect(w, filter_keyvals(afk, "status", ["not-afk"]));',
                f'web = query_bucket("aw-watcher-web-firefox_{host}");',
                'web = filter_period_intersect(web, filter_keyvals(w, "app", ["Firefox"]));',
                "web = split_url_events(web);",
                'apps = merge_events_by_keys(w, ["app"]);',
                'RETURN = {"apps": apps, "sites": merge_events_by_keys(web, ["$domain"])};',
            ]
            periods = [_local_day(d) for d in DAYS]
            answer = http.post("/query/", json={"timeperiods": periods, "query": query})
            answer.raise_for_status()
            for day, result in zip(DAYS, answer.json(), strict=True):
                for event in result["apps"]:
                    totals[(day, event["data"]["app"])] += event["duration"]
                for event in result["sites"]:
                    totals[(day, event["data"]["$domain"])] += event["duration"]
    return {key: round(seconds) for key, seconds in totals.items()}


def dayglass_says(url: str, key: str) -> dict[tuple[str, str], int]:
    """The importing server's seconds per (local day, app) and (local day, domain).

    Browser time became its sites and the rest of the browser: their sum is the app's time.
    """
    catalog = builtin_catalog()
    apps = {catalog.canonical_app(a) or a: a for apps in HOSTS.values() for a in apps}
    sites = {s.split("/")[2] for s in SITES}
    totals: dict[tuple[str, str], int] = defaultdict(int)
    with RescueTimeClient(key, base_url=url) as client:
        rows = client.data(
            perspective="interval",
            resolution_time="day",
            restrict_kind="activity",
            restrict_begin=DAYS[0],
            restrict_end=DAYS[-1],
        ).records()
    for row in rows:
        day, activity, seconds = (
            str(row["Date"])[:10],
            str(row["Activity"]),
            int(row["Time Spent (seconds)"]),
        )
        if activity in sites:
            totals[(day, activity)] += seconds
            totals[(day, "Firefox")] += seconds
        else:
            totals[(day, apps[activity])] += seconds
    return dict(totals)


@pytest.fixture(scope="module")
def aw_export(tmp_path_factory) -> Iterator[tuple[Path, dict[tuple[str, str], int], str]]:
    """An export file made by a real aw-server from the events it was sent, and its own answers."""
    folder = tmp_path_factory.mktemp("aw")
    with running_aw_server(folder) as url:
        fill(url)
        expected = activitywatch_says(url)
        target = folder / "export.json"
        with (
            httpx.stream("GET", f"{url}/api/0/export", timeout=60) as answer,
            target.open("wb") as out,
        ):
            for chunk in answer.iter_bytes():
                out.write(chunk)
        yield target, expected, url


def import_file(live_server, engine, account, path: Path, progress=None) -> ActivityWatchReport:
    """`dayglass import activitywatch FILE`, in process."""
    services = live_server.services
    cursors = build_import_cursors(engine, services.clock)
    with Spill() as spill, path.open("rb") as stream:
        spill_export(stream, spill)
        return ActivityWatchImport(services, cursors, progress).run(account.user_id, spill)


def test_active_time_per_app_and_day_is_activitywatchs(live_server, engine, account, aw_export):
    path, expected, _ = aw_export
    report = import_file(live_server, engine, account, path)
    assert sorted(report.hosts) == ["desktop", "laptop"] and report.store.rejected == 0
    assert dayglass_says(live_server.url, account.key) == expected
    assert any(name == "github.com" for _, name in expected)  # browser time has its sites


def test_twice_adds_nothing_and_a_killed_import_completes(live_server, engine, account, aw_export):
    path, expected, _ = aw_export

    class Dies:
        """A progress that kills the import after three days."""

        done = 0

        def start(self, total: int, what: str) -> None:
            """Nothing to size."""

        def advance(self, steps: int = 1) -> None:
            """Die after the third day."""
            self.done += steps
            if self.done == 3:
                raise KeyboardInterrupt("killed halfway")

    with pytest.raises(KeyboardInterrupt):
        import_file(live_server, engine, account, path, Dies())
    resumed = import_file(live_server, engine, account, path)
    assert resumed.skipped_days > 0
    assert dayglass_says(live_server.url, account.key) == expected
    again = import_file(live_server, engine, account, path)
    assert again.store.stored == 0
    assert dayglass_says(live_server.url, account.key) == expected


def test_a_running_aw_server_imports_the_same(live_server, engine, account, aw_export, clock):
    _, expected, url = aw_export
    services = live_server.services
    cursors = build_import_cursors(engine, clock)
    with Spill() as spill, httpx.Client(base_url=url, timeout=60) as http:
        spill_server(http, Pacer(clock, interval=0.0), spill)
        report = ActivityWatchImport(services, cursors).run(account.user_id, spill)
    assert sorted(report.hosts) == ["desktop", "laptop"]
    assert dayglass_says(live_server.url, account.key) == expected
