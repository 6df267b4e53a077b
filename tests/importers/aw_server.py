"""A real aw-server (ActivityWatch's Python server) on a loopback port, for the import tests.

aw-server 0.12.0 pins libraries older than Dayglass's (Werkzeug, platformdirs), so it lives in
its own virtualenv: DAYGLASS_TEST_AW_SERVER names its `aw-server` program (default:
`.venv-aw/bin/aw-server` in the repository). Made with:
`python3 -m venv .venv-aw`, then (as scripts/test does)
`.venv-aw/bin/pip install --no-deps -r tests/importers/aw-server-requirements.txt`
(its query API needs Flask 2.2's JSON encoder hook; its peewee storage does not run on the only
peewee on the index, 4.x, so the server keeps its data in memory: `--storage memory`).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from free_port import free_port

REPOSITORY = Path(__file__).resolve().parents[2]
PROGRAM_ENV = "DAYGLASS_TEST_AW_SERVER"


def aw_server_program() -> str:
    """The aw-server program, or a failed test saying how to install it."""
    program = os.environ.get(PROGRAM_ENV) or str(REPOSITORY / ".venv-aw" / "bin" / "aw-server")
    if not Path(program).exists():
        pytest.fail(f"aw-server is not installed at {program}: see tests/importers/aw_server.py")
    return program


@contextmanager
def running_aw_server(folder: Path) -> Iterator[str]:
    """Start aw-server with its data and config in folder; yield its API's base URL."""
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder)}
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    command = [aw_server_program(), "--testing", "--storage", "memory"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    log = (folder / "aw-server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/api/0/info", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "aw-server.log").read_text()[-2000:]) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
