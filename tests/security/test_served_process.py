"""A real `dayglass serve`: no secret in its log, owner-only files, a body read timeout."""

from __future__ import annotations

import socket
import stat
from pathlib import Path
from urllib.parse import urlsplit

import httpx

SECRETS = {
    "access_token": "tok_abcdefghijklmnop1234",
    "code": "code_abcdefghijklmnop5678",
    "client_secret": "cs_abcdefghijklmnop9012",
    "password": "pw_abcdefghijklmnop3456",
    "refresh_token": "rt_abcdefghijklmnop7890",
}


def test_the_server_log_holds_no_key_or_token(served):
    with httpx.Client(base_url=served.url, timeout=30) as client:
        for _ in range(3):
            assert client.get("/anapi/data", params={"key": served.key}).status_code == 200
            client.get("/api/v1/report", headers={"Authorization": f"Bearer {served.key}"})
            client.get("/anapi/daily_summary_feed", params=SECRETS)
            client.get(
                f"/oauth/token?grant_type=x&{'&'.join(f'{k}={v}' for k, v in SECRETS.items())}"
            )
            client.get(f"/embed/dge_{'x' * 32}/chart.json")
            client.post("/login", params={"password": SECRETS["password"]}, data={"email": "a"})
    # What the server logs while serving (the first start's banner shows the new key once).
    log = served.log_text().split("Application startup complete", 1)[1]
    assert "GET /anapi/data?key=[redacted]" in log  # the access log is on and redacted
    assert served.key not in log
    for value in SECRETS.values():
        assert value not in log
    assert "x" * 32 not in log


def test_the_database_and_secret_files_are_owner_only(served):
    data_dir = Path(served.log).parent / "data"
    with httpx.Client(base_url=served.url, timeout=30) as client:
        client.get("/anapi/data", params={"key": served.key})  # the WAL exists while serving
    for name in ("dayglass.sqlite3", "dayglass.sqlite3-wal", "dayglass.sqlite3-shm"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE((data_dir / "session-secret").stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_a_short_body_gets_an_error_within_the_timeout(served):
    """The served process reads bodies with a 2-second timeout (DAYGLASS_BODY_TIMEOUT_SECONDS)."""
    address = urlsplit(served.url)
    with socket.create_connection((address.hostname, address.port), timeout=60) as raw:
        raw.sendall(
            b"POST /login HTTP/1.1\r\nHost: dayglass\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
            b"email=a"
        )
        answer = b""
        while chunk := raw.recv(4096):  # the server answers and closes the connection
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408 "), answer
