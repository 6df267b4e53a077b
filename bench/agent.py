"""Agent benchmark: the real agent on Xvfb, windows changing every few seconds, for 5 minutes
alone and 5 minutes with the browser extension feeding it.

With the extension, one window is a browser: while it has the focus the benchmark switches its
tab (a new title) and posts the reports the extension sends on a tab change and on the page's
title update to the agent's loopback endpoint, as the extension does with its secret and origin;
leaving it posts the extension's "no browser window focused", and every 30 s the heartbeat posts
the current state. Prints, for each run, the agent's CPU share of one core while polling
(startup excluded), its peak RSS, what reached the server, and how many reports were posted.
Targets: ≤ 0.5% of a core, ≤ 60 MB. Run: .venv/bin/python bench/agent.py [--seconds 300]
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).parent), str(ROOT)]
from tests.agent.agent_process import AgentProcess, configure  # noqa: E402
from tests.agent.desktop import Desktop, start_desktop  # noqa: E402

from server import BenchServer, free_port  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
HEARTBEAT_SECONDS = 30  # the extension's alarm (HEARTBEAT_MINUTES in background.js)
BROWSER = "Chromium"
# What the extension sends on leaving the browser (windows.onFocusChanged, no window).
UNFOCUSED = {"focused": False}
SITES = [
    ("https://docs.python.org/3/library/", "The Python Standard Library"),
    ("https://news.example/today", "Today's news"),
    ("https://mail.example/inbox", "Inbox (3)"),
    ("https://tracker.example/issue/13", "Issue 13: Wayland and the browser"),
]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def retitle(desktop: Desktop, window: str, title: str) -> None:
    """Set a window's title as a browser does (UTF-8 _NET_WM_NAME; xdotool would write STRING)."""
    subprocess.run(
        ["xprop", "-id", window, "-f", "_NET_WM_NAME", "8u", "-set", "_NET_WM_NAME", title],
        env=desktop.env,
        check=True,
        timeout=30,
    )


class Extension:
    """Posts tab reports to the agent's endpoint the way the extension's background script does."""

    def __init__(self, port: int, secret: str) -> None:
        self._client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={
                "X-Dayglass-Secret": secret,
                "Origin": "chrome-extension://dayglassbenchextensionid",
            },
        )
        self.state: dict[str, object] = UNFOCUSED
        self.posted = 0

    def report(self, state: dict[str, object]) -> None:
        """Post state as the active tab (or no focus), and remember it for the heartbeat."""
        self.state = state
        self.heartbeat()

    def heartbeat(self) -> None:
        """Post the current state again."""
        answer = self._client.post("/browser/tab", json=self.state)
        assert answer.status_code == 200, answer.text
        self.posted += 1

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


@dataclass
class Run:
    """What one run measured."""

    name: str
    wall: float
    cpu: float
    peak_mb: float
    rows: list[dict[str, object]]
    reports: int


def run(desktop: Desktop, home: Path, seconds: float, every: float, extension: bool) -> Run:
    """The agent for seconds against a fresh server, windows switched every `every` seconds."""
    server = BenchServer(home / "server")
    try:
        titles = ["Document 0", "Document 1", SITES[0][1] if extension else "Document 2"]
        apps = ["App0", "App1", BROWSER if extension else "App2"]
        windows = [desktop.open_window(t, a) for t, a in zip(titles, apps, strict=True)]
        desktop.activate(windows[0])
        port, secret = free_port(), secrets.token_urlsafe(16)
        # The defaults otherwise: poll 1 s, sync 30 s.
        settings = {"browser_port": port, "browser_secret": secret} if extension else {}
        configure(home, server.url, server.key, **settings)
        agent = AgentProcess(home, desktop)
        feeder = Extension(port, secret) if extension else None
        pid = agent.process.pid
        began, cpu_began = time.monotonic(), cpu_seconds(pid)
        next_beat, sites = began + HEARTBEAT_SECONDS, itertools.cycle(SITES)
        for window in itertools.cycle(windows):
            if time.monotonic() - began >= seconds:
                break
            time.sleep(every)
            desktop.activate(window)
            desktop.touch()
            if feeder is not None:
                if window == windows[-1]:
                    url, title = next(sites)
                    retitle(desktop, window, f"{title} - {BROWSER}")
                    tab = {"focused": True, "url": url, "title": title}
                    feeder.report(tab)  # tabs.onActivated
                    feeder.report(tab)  # tabs.onUpdated: the page's title arrived
                else:
                    feeder.report(UNFOCUSED)
                if time.monotonic() >= next_beat:
                    feeder.heartbeat()
                    next_beat += HEARTBEAT_SECONDS
        wall, cpu = time.monotonic() - began, cpu_seconds(pid) - cpu_began
        peak = peak_rss_mb(pid)
        agent.stop()
        with server_client(server) as client:
            rows = client.get("/api/v1/report", params={"group_by": "activity"}).json()["rows"]
        reports = feeder.posted if feeder is not None else 0
        if feeder is not None:
            feeder.close()
    finally:
        server.stop()
    name = "with the extension feeding it" if extension else "windows only"
    return Run(name, wall, cpu, peak, rows, reports)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300, help="for each of the two runs")
    parser.add_argument("--switch-every", type=float, default=3)
    args = parser.parse_args()
    results = []
    for extension in (False, True):
        desktop = start_desktop()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                results.append(run(desktop, Path(tmp), args.seconds, args.switch_every, extension))
        finally:
            desktop.close()
    for result in results:
        print(f"== the agent, {result.name}")
        print(f"agent ran {result.wall:.0f} s, windows switched every {args.switch_every:g} s")
        if result.reports:
            print(f"extension reports posted: {result.reports}")
        print(f"CPU while polling: {100 * result.cpu / result.wall:.2f}% of one core", end="")
        print(f" ({result.cpu:.2f} s; target ≤ 0.5%)")
        print(f"peak RSS: {result.peak_mb:.1f} MB (target ≤ 60 MB)")
        total = sum(int(str(row["seconds"])) for row in result.rows)
        names = ", ".join(sorted(str(row["activity"]) for row in result.rows))
        print(f"on the server: {total} s in {len(result.rows)} activities: {names}")


def server_client(server: BenchServer) -> httpx.Client:
    """An HTTP client with the benchmark server's key."""
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.key}"})


if __name__ == "__main__":
    main()
