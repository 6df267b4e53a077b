"""The agent's loopback endpoint for the extension (real HTTP) and `dayglass agent browser`."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest

from dayglass.agent.browser_endpoint import (
    ALLOW_PATH,
    CHECK_PATH,
    MAX_BODY,
    PATH,
    SECRET_HEADER,
    BrowserEndpoint,
)
from dayglass.agent.browser_focus import FocusBlock, Session
from dayglass.agent.browser_setup import EXTENSION_DIR
from dayglass.agent.browser_tabs import BrowserTabs
from dayglass.agent.config import AgentConfig, load_config, write_config
from dayglass.core.heartbeats import Sample

from .test_agent_commands import agent_cli

SECRET = "s3cret-for-tests"
EXTENSION = "chrome-extension://nnfnpominimpopgifkbpemipjbbngklc"


@pytest.fixture
def tabs(manual_clock) -> BrowserTabs:
    """What the endpoint feeds."""
    return BrowserTabs(manual_clock)


@pytest.fixture
def focus() -> FocusBlock:
    """No focus session yet."""
    return FocusBlock()


@pytest.fixture
def endpoint(tabs, focus) -> Iterator[BrowserEndpoint]:
    """The endpoint on a free port."""
    server = BrowserEndpoint(tabs, focus, 0, SECRET)
    server.start()
    yield server
    server.stop()


def call(endpoint, method="POST", body=b"", **headers: str) -> tuple[int, dict[str, str]]:
    """One request; the status and the response headers (and its JSON under "json")."""
    connection = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    headers = {"Host": f"127.0.0.1:{endpoint.port}", **headers}
    connection.request(method, headers.pop("path", PATH), body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, {**dict(response.getheaders()), "json": data and json.loads(data)}


def report(url: str, title: str) -> bytes:
    """A report's body as the extension sends it."""
    return json.dumps({"focused": True, "url": url, "title": title}).encode()


def test_the_secret_and_an_extension_origin_are_needed(endpoint, tabs):
    body = report("https://docs.python.org/3/", "Docs")
    secret = {SECRET_HEADER: SECRET, "Origin": EXTENSION}
    assert call(endpoint, body=body, Origin=EXTENSION)[0] == 401
    assert call(endpoint, body=body, **{SECRET_HEADER: "guess", "Origin": EXTENSION})[0] == 401
    assert tabs.merge(Sample("Chromium", "Docs - Chromium")) == (
        Sample("Chromium", "Docs - Chromium"),
        False,
    )
    status, headers = call(endpoint, body=body, **secret)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == EXTENSION
    assert headers["json"] == {"block": None}
    merged, _ = tabs.merge(Sample("Chromium", "Docs - Chromium"))
    assert merged == Sample("Chromium", "Docs", "https://docs.python.org/3/")


def test_web_pages_foreign_hosts_and_big_bodies_are_refused(endpoint):
    web = {SECRET_HEADER: SECRET, "Origin": "https://evil.example"}
    status, headers = call(endpoint, body=report("https://a.example/", "A"), **web)
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, headers = call(endpoint, "OPTIONS", Origin="https://evil.example")
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    rebound = {SECRET_HEADER: SECRET, "Host": "evil.example:80"}
    assert call(endpoint, body=report("https://a.example/", "A"), **rebound)[0] == 403
    huge = b'{"focused": true, "title": "' + b"x" * MAX_BODY + b'"}'
    assert call(endpoint, body=huge, **{SECRET_HEADER: SECRET})[0] == 413
    assert call(endpoint, body=b"{not json", **{SECRET_HEADER: SECRET})[0] == 400
    assert call(endpoint, body=b"{}", path="/other", **{SECRET_HEADER: SECRET})[0] == 404
    assert call(endpoint, "GET")[0] == 405


def test_a_focus_session_blocks_rated_sites_until_one_is_allowed(endpoint, focus, tabs):
    focus.update(Session("2026-11-10T09:00:00+01:00", "2026-11-10T09:30:00+01:00"))
    focus.update(
        Session("2026-11-10T09:00:00+01:00", "2026-11-10T09:30:00+01:00"),
        frozenset({"video.example"}),
    )
    secret = {SECRET_HEADER: SECRET}
    blocked = call(endpoint, body=report("https://www.video.example/watch", "Cats"), **secret)
    assert blocked[1]["json"]["block"] == {
        "site": "video.example",
        "started_at": "2026-11-10T09:00:00+01:00",
        "ends_at": "2026-11-10T09:30:00+01:00",
    }
    assert call(endpoint, body=report("https://docs.example/", "Docs"), **secret)[1]["json"] == {
        "block": None
    }
    video = report("https://video.example/other", "")
    assert call(endpoint, body=video, path=CHECK_PATH, **secret)[1]["json"]["block"]
    assert call(endpoint, body=video, path=ALLOW_PATH, **secret)[0] == 204
    assert call(endpoint, body=video, path=CHECK_PATH, **secret)[1]["json"] == {"block": None}
    # The next session blocks it again.
    focus.update(Session("2026-11-10T10:00:00+01:00", "2026-11-10T10:30:00+01:00"))
    assert call(endpoint, body=video, path=CHECK_PATH, **secret)[1]["json"]["block"]
    focus.update(None)
    assert call(endpoint, body=video, path=CHECK_PATH, **secret)[1]["json"] == {"block": None}


def test_the_preflight_answers_the_extension(endpoint):
    status, headers = call(
        endpoint, "OPTIONS", Origin="moz-extension://0c9e3d55-5b54-4c1f-a6b4-3f1a7d1e2b8a"
    )
    assert status == 204
    assert headers["Access-Control-Allow-Origin"].startswith("moz-extension://")
    assert SECRET_HEADER in headers["Access-Control-Allow-Headers"]


def test_agent_browser_prints_the_folder_port_and_secret(tmp_path):
    path = tmp_path / "config" / "dayglass" / "agent.toml"
    write_config(path, AgentConfig("http://127.0.0.1:8425", "dg_k", browser_port=9123))
    done = agent_cli(tmp_path, "browser")
    assert done.returncode == 0, done.stderr
    secret = load_config(path).browser_secret
    assert len(secret) >= 24  # made for settings written before the extension existed
    for text in (str(EXTENSION_DIR), "chrome://extensions", "about:debugging", "9123", secret):
        assert text in done.stdout
    again = agent_cli(tmp_path, "browser")
    assert secret in again.stdout and load_config(path).browser_secret == secret
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert set(manifest["background"]) == {"service_worker", "scripts"}
