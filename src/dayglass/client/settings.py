"""The client's defaults: where the servers are, how long to wait, who is asking."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

RESCUETIME_URL = "https://www.rescuetime.com"
DAYGLASS_URL = "http://127.0.0.1:8425"  # `dayglass serve`'s default address
TIMEOUT = 30.0  # seconds; a year of minute rows takes a while to stream


def user_agent() -> str:
    """`dayglass-client/VERSION`, so server logs can tell this client's requests apart."""
    try:
        return f"dayglass-client/{version('dayglass')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "dayglass-client"
