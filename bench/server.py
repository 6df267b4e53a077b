"""Starting a real `dayglass serve` for a benchmark, and reading its first API key."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BenchServer:
    """`dayglass serve` in a subprocess on a fresh data directory."""

    def __init__(self, data_dir: Path, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DAYGLASS_DATA_DIR": str(data_dir),
            "DAYGLASS_LOG_LEVEL": "warning",
            **(extra_env or {}),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dayglass", "serve", "--port", str(self.port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.key = self._read_key()
        self._wait_ready()

    def _read_key(self) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            match = re.search(r"API key:\s+(\S+)", line)
            if match:
                return match.group(1)
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
        """The server's peak resident memory (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        return kb / 1024

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        self.process.wait(timeout=30)
