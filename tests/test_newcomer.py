"""A newcomer's first look: `dayglass serve --demo`, then sign in with what it printed.

The server reads the machine's clock here (it is a real process), so scripts/test also runs this
under libfaketime at 00:30, 04:00, across new year's midnight and across the end of summer time:
at every one of those hours the first dashboard shows time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from free_port import free_port


@pytest.fixture
def demo_server(tmp_path) -> Iterator[tuple[str, str, str]]:
    """A `dayglass serve --demo` process on a fresh data directory: its URL, email, password."""
    port = free_port()
    env = {**os.environ, "DAYGLASS_DATA_DIR": str(tmp_path)}
    env.pop("DAYGLASS_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "dayglass", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        printed = []
        assert server.stdout is not None
        for line in server.stdout:
            printed.append(line)
            if "API key:" in line:
                break
        text = "".join(printed)
        email = re.search(r"account:\s+(\S+)", text)
        password = re.search(r"password:\s+(\S+)", text)
        assert email and password, text
        url = f"http://127.0.0.1:{port}"
        for _ in range(400):
            try:
                httpx.get(f"{url}/login", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield url, email.group(1), password.group(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_first_sign_in_shows_time_on_the_dashboard(demo_server):
    url, email, password = demo_server
    with httpx.Client(base_url=url, timeout=30) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert token
        form = {"csrf": token.group(1), "email": email, "password": password, "next": "/"}
        signed_in = client.post("/login", data=form)
        assert signed_in.status_code == 303, signed_in.text
        page = client.get("/").text
    total = re.search(r'data-testid="total">([^<]*)<', page)
    assert total, page
    assert total.group(1).strip() != "no time"
    activities = re.search(r'data-testid="activities">(.*?)</table>', page, re.S)
    assert activities and "No time recorded" not in activities.group(1)
