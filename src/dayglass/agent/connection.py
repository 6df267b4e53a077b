"""The agent's HTTP connection to its server, and the check that setup makes."""

from __future__ import annotations

import httpx

from dayglass import __version__
from dayglass.core.errors import InvalidInput, NotAuthenticated


def server_client(server: str, key: str, timeout_s: float = 20.0) -> httpx.Client:
    """An HTTP client for the server that sends the key as a Bearer token."""
    return httpx.Client(
        base_url=server.rstrip("/"),
        headers={"Authorization": f"Bearer {key}", "User-Agent": f"dayglass-agent/{__version__}"},
        timeout=timeout_s,
    )


def check_server(client: httpx.Client) -> None:
    """Make sure the server answers and takes the key; a clear error otherwise."""
    try:
        response = client.get("/api/v1/keys")
    except httpx.HTTPError as failure:
        raise InvalidInput(f"cannot reach the server at {client.base_url}: {failure}") from None
    if response.status_code in (401, 403):
        raise NotAuthenticated("the server refused the key: check it, or make a new one")
    if response.status_code != 200:
        raise InvalidInput(
            f"{client.base_url} answered {response.status_code}: is it a Dayglass server?"
        )
