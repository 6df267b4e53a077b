"""Starting a real `dayglass serve` for a benchmark, and reading its first API key."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BenchServer:
    """`dayglass serve` in a subprocess on a fresh data directory."""

    def __init__(
        self, data_dir: Path, extra_env: dict[str, str] | None = None, workers: int = 1
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DAYGLASS_DATA_DIR": str(data_dir),
            "DAYGLASS_LOG_LEVEL": "warning",
            **(extra_env or {}),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dayglass",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.email = self.password = ""
        self.key = self._read_account()
        self._wait_ready()

    def _read_account(self) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            found = re.search(r"(account|password|API key):\s+(\S+)", line)
            if not found:
                continue
            if found.group(1) == "account":
                self.email = found.group(2)
            elif found.group(1) == "password":
                self.password = found.group(2)
            else:
                return found.group(2)
        raise RuntimeError("the server printed no API key")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/api/v1/keys", params={"key": self.key}, timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def peak_rss_mb(self) -> float:
        """The peak resident memory (VmHWM) of the largest server process, in MB."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return max(_peak_kb(pid) for pid in pids) / 1024

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        self.process.wait(timeout=30)


def settle(server: BenchServer, limit: float = 600, databases: bool = False) -> float:
    """Wait until the server's processes use under a tenth of a core for a second (each worker
    catches up on closed days at start; each stored batch wakes work that runs after it); the
    seconds waited. With databases, this machine's PostgreSQL processes too (autovacuum and
    checkpoints after a load), each under a tenth of a core the same second."""
    ticks = os.sysconf("SC_CLK_TCK")
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        groups = [[server.process.pid, *_children(server.process.pid)]]
        if databases:
            groups += [[pid] for pid in _postgres_pids()]
        before = [_cpu_ticks_of(group) for group in groups]
        time.sleep(1)
        after = [_cpu_ticks_of(group) for group in groups]
        if all((b - a) / ticks < 0.1 for a, b in zip(before, after, strict=True)):
            break
    return time.perf_counter() - began


def _postgres_pids() -> list[int]:
    """This machine's PostgreSQL server processes."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _cpu_ticks_of(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            total += _cpu_ticks(pid)
        except OSError:
            continue  # a process that ended meanwhile (a finished backend)
    return total


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _peak_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))


@contextmanager
def scratch_postgres(name: str, admin_url: str | None = None) -> Iterator[str]:
    """The URL of a new database `name` (dropped first and after) on the PostgreSQL server of
    admin_url, by default the one `scripts/test-postgres start` prints."""
    if not admin_url:
        script = ROOT / "scripts" / "test-postgres"
        admin_url = subprocess.run(
            [script, "start"], check=True, capture_output=True, text=True
        ).stdout.strip()
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    drop()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(False)
    finally:
        drop()
        admin.dispose()
