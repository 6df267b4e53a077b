"""Signing in over real HTTP, as a browser does: the form token first, then the form."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

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
