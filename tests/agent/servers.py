"""Servers for the agent's tests: a real `dayglass serve`, and a tiny scripted HTTP server."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """`dayglass serve` as a process on a fixed port, which can be stopped and started again."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key = ""
        self.process: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        """Start the server (the first start prints the key) and wait until it answers."""
        env = {
            **os.environ,
            "DAYGLASS_DATA_DIR": str(self.data_dir),
            "DAYGLASS_LOG_LEVEL": "warning",
        }
        env.pop("DAYGLASS_DATABASE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dayglass", "serve", "--port", str(self.port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if not self.key:
            printed = []
            for line in self.process.stdout:
                printed.append(line)
                if match := re.search(r"API key:\s+(\S+)", line):
                    self.key = match.group(1)
                    break
            else:
                raise RuntimeError("dayglass serve printed no key:\n" + "".join(printed))
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.client().get("/api/v1/keys")
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("dayglass serve did not start")

    def stop(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def client(self) -> httpx.Client:
        """A client with the first user's key."""
        headers = {"Authorization": f"Bearer {self.key}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=10)

    def seconds(self, group_by: str, around: float) -> dict[str, float]:
        """Seconds per activity or document on the days around a unix time, in any zone."""
        day = datetime.fromtimestamp(around, UTC).date()
        params = {
            "begin": (day - timedelta(days=1)).isoformat(),
            "end": (day + timedelta(days=1)).isoformat(),
            "group_by": group_by,
        }
        with self.client() as client:
            rows = client.get("/api/v1/report", params=params).json()["rows"]
        totals: dict[str, float] = {}
        for row in rows:
            totals[row[group_by]] = totals.get(row[group_by], 0) + row["seconds"]
        return totals


Handler = Callable[[str, str, bytes], tuple[int, object]]


class ScriptedServer:
    """An HTTP server on loopback whose answers a test scripts: (method, path, body) -> answer."""

    def __init__(self, handler: Handler) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.requests.append((self.command, self.path, body))
                status, payload = handler(self.command, self.path, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        serve = self._server.serve_forever
        # A short poll interval: close() waits for the serving loop to notice.
        threading.Thread(target=serve, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
