"""dayglass.client imports httpx and the standard library, none of the server."""

from __future__ import annotations

import subprocess
import sys

SERVER_MODULES = [
    "fastapi",
    "starlette",
    "pydantic",
    "sqlalchemy",
    "dayglass.core",
    "dayglass.services",
    "dayglass.http",
    "dayglass.storage",
]


def test_importing_the_client_loads_nothing_of_the_server():
    probe = (
        "import dayglass.client, sys; "
        f"print(','.join(m for m in {SERVER_MODULES!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""
