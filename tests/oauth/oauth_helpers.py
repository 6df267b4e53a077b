"""Helpers for the OAuth tests: registering a client and getting a token without a browser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx


@dataclass
class Client:
    """A registered OAuth application."""

    client_id: str
    secret: str
    redirect_uri: str


def register(services, redirect_uri: str, name: str = "Timesheet Pro") -> Client:
    """Register an application."""
    record, secret = services.oauth.add_client(name, [redirect_uri])
    return Client(record.client_id, secret, redirect_uri)


def consent(
    browser: httpx.Client, client: Client, scope: str, decision: str = "allow", **extra: str
) -> httpx.Response:
    """Open the consent page and answer it; the redirect back to the application."""
    params = {
        "client_id": client.client_id,
        "redirect_uri": client.redirect_uri,
        "response_type": "code",
        "scope": scope,
        "state": "xyz",
        **extra,
    }
    page = browser.get("/oauth/authorize", params=params)
    assert page.status_code == 200, page.text
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    return browser.post("/oauth/authorize", data={**form, "decision": decision})


def code_from(answer: httpx.Response) -> str:
    """The code in a redirect back to the application."""
    assert answer.status_code in (302, 303), answer.text
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


def token_for(server, browser: httpx.Client, client: Client, scope: str) -> str:
    """Consent and exchange the code at server (a LiveServer): an access token."""
    code = code_from(consent(browser, client, scope))
    answer = server.client().post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": client.redirect_uri,
            "client_id": client.client_id,
            "client_secret": client.secret,
        },
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["access_token"]
