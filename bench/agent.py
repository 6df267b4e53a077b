"""Agent benchmark: the real agent on Xvfb for 5 minutes, windows changing every few seconds.

Prints the agent's CPU share of one core while polling (startup excluded), its peak RSS,
and what reached the server. Run: .venv/bin/python bench/agent.py [--seconds 300]
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).parent), str(ROOT)]
from tests.agent.agent_process import AgentProcess, configure  # noqa: E402
from tests.agent.desktop import start_desktop  # noqa: E402

from server import BenchServer  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--switch-every", type=float, default=3)
    args = parser.parse_args()
    desktop = start_desktop()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        server = BenchServer(home / "server")
        try:
            windows = [desktop.open_window(f"Document {n}", f"App{n}") for n in range(3)]
            desktop.activate(windows[0])
            configure(home, server.url, server.key)  # the defaults: poll 1 s, sync 30 s
            agent = AgentProcess(home, desktop)
            pid = agent.process.pid
            began, cpu_began = time.monotonic(), cpu_seconds(pid)
            for window in itertools.cycle(windows):
                if time.monotonic() - began >= args.seconds:
                    break
                time.sleep(args.switch_every)
                desktop.activate(window)
                desktop.touch()
            wall, cpu = time.monotonic() - began, cpu_seconds(pid) - cpu_began
            peak = peak_rss_mb(pid)
            agent.stop()
            with server_client(server) as client:
                rows = client.get("/api/v1/report", params={"group_by": "activity"}).json()["rows"]
        finally:
            server.stop()
            desktop.close()
    print(f"agent ran {wall:.0f} s, windows switched every {args.switch_every:g} s")
    print(f"CPU while polling: {100 * cpu / wall:.2f}% of one core ({cpu:.2f} s)")
    print(f"peak RSS: {peak:.1f} MB")
    print(f"on the server: {sum(r['seconds'] for r in rows)} s in {len(rows)} activities")


def server_client(server: BenchServer):
    """An HTTP client with the benchmark server's key."""
    import httpx

    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.key}"})


if __name__ == "__main__":
    main()
