"""Signing in over real HTTP, as a browser does: the form token first, then the form."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from free_port import free_port
from serving import PASSWORD, TLS

SignIn = Callable[..., httpx.Client]


def form_token(client: httpx.Client, path: str = "/login") -> str:
    """The form token on the page at path."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, path
    return found.group(1)


def post_login(client: httpx.Client, email: str, password: str) -> httpx.Response:
    """Post the sign-in form."""
    data = {"csrf": form_token(client), "email": email, "password": password, "next": "/"}
    return client.post("/login", data=data)


@pytest.fixture
def sign_in(live_server) -> SignIn:
    """A new client (its own cookie jar) signed in to the live server as email."""

    def signed_in(email: str, password: str = PASSWORD, agent: str = "pytest") -> httpx.Client:
        client = httpx.Client(
            base_url=live_server.url, timeout=30, verify=TLS, headers={"User-Agent": agent}
        )
        answer = post_login(client, email, password)
        assert answer.status_code == 303, answer.text
        return client

    return signed_in


@dataclass
class ServedProcess:
    """`dayglass serve` in its own process: its address, first account, pid and log file."""

    url: str
    email: str
    password: str
    key: str
    process: subprocess.Popen[str]
    log: Path

    def rss_kib(self) -> int:
        """The server process's resident memory, in KiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))

    def log_text(self) -> str:
        """Everything the server has printed so far."""
        return self.log.read_text(errors="replace")


@pytest.fixture
def served(tmp_path) -> Iterator[ServedProcess]:
    """A fresh `dayglass serve` on SQLite with its access log on, stopped after the test."""
    data_dir, log = tmp_path / "data", tmp_path / "serve.log"
    port = free_port()
    env = {
        **os.environ,
        "DAYGLASS_DATA_DIR": str(data_dir),
        "DAYGLASS_LOG_LEVEL": "info",
        "PYTHONUNBUFFERED": "1",
        "DAYGLASS_BODY_TIMEOUT_SECONDS": "2",
    }
    env.pop("DAYGLASS_DATABASE_URL", None)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dayglass", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/login", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(
                        "dayglass serve did not start:\n" + log.read_text()
                    ) from None
                time.sleep(0.05)
        printed = log.read_text()
        found = {
            name: re.search(rf"{name}:\s+(\S+)", printed).group(1)
            for name in ("account", "password", "API key")
        }
        yield ServedProcess(
            url, found["account"], found["password"], found["API key"], process, log
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
