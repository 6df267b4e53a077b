"""OAuth consent and embeds in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from oauth_helpers import register
from playwright.sync_api import Browser, Page, expect

from dayglass.core.clock import ManualClock
from dayglass.core.embeds import EmbeddedReport
from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy

DAY = "2026-11-20"
EVENTS = {
    "device": "laptop",
    "events": [
        {
            "id": "a",
            "start": f"{DAY}T10:00:00+01:00",
            "duration": 1200,
            "app": "code",
            "title": "main.py",
        },
        {
            "id": "b",
            "start": f"{DAY}T11:00:00+01:00",
            "duration": 600,
            "app": "slack",
            "title": "general",
        },
    ],
}


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 15:30 in Berlin: after every day these tests store, at any real time."""
    return ManualClock.at_local("2026-11-25T15:30")


@pytest.fixture
def page(browser: Browser, live_server, account) -> Iterator[Page]:
    """A browser tab, and an account with some time."""
    live_server.client(account.key).post("/api/v1/events", json=EVENTS).raise_for_status()
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    yield tab
    context.close()


def test_authorize_in_a_browser_then_call_the_api(page: Page, live_server, services, account):
    client = register(services, f"{live_server.url}/callback", "Timesheet Pro")
    page.goto(
        f"/oauth/authorize?client_id={client.client_id}&response_type=code"
        f"&redirect_uri={client.redirect_uri}&scope=time_data%20alert_data&state=s1"
    )
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Connect Timesheet Pro?")).to_be_visible()
    expect(page.get_by_test_id("scopes")).to_contain_text("the time you spent")
    expect(page.get_by_test_id("scopes")).to_contain_text("your alerts")
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(f"{client.redirect_uri}**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["state"] == ["s1"]
    token = httpx.post(
        f"{live_server.url}/oauth/token",
        json={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "redirect_uri": client.redirect_uri,
            "client_id": client.client_id,
            "client_secret": client.secret,
        },
    ).json()["access_token"]
    rows = httpx.get(
        f"{live_server.url}/api/oauth/data",
        params={"access_token": token, "restrict_begin": DAY, "restrict_end": DAY},
    ).json()["rows"]
    assert [r[3] for r in rows] == ["Visual Studio Code", "Slack"]
    page.goto("/connected-apps")
    grants = page.get_by_test_id("grants")
    expect(grants).to_contain_text("Timesheet Pro")
    page.get_by_role("button", name="Disconnect Timesheet Pro").click()
    expect(grants).to_contain_text("disconnected")
    assert (
        httpx.get(f"{live_server.url}/api/oauth/data", params={"access_token": token}).status_code
        == 401
    )


@pytest.fixture
def other_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A second web server on another port: the page that embeds a report."""
    handler = lambda *a, **k: SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()


def test_an_embed_draws_its_chart_on_another_site(page: Page, live_server, account, other_site):
    page.goto("/login")
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/reports?begin={DAY}&end={DAY}&group_by=activity&resolution=hour")
    page.get_by_text("Embed this report on another page").click()
    page.get_by_label("Title").fill("My Friday")
    page.get_by_role("button", name="Embed").click()
    snippet = page.get_by_test_id("snippet").inner_text()
    site, folder = other_site
    (folder / "index.html").write_text(f"<!doctype html><title>Blog</title>{snippet}")
    page.goto(f"{site}/index.html")
    embed = page.locator("[data-dayglass-embed]")
    expect(embed).to_have_attribute("data-drawn", "yes")
    page.screenshot(path=str(folder / "embed.png"))


def test_an_embed_key_answers_its_report_and_nothing_else(live_server, services, account):
    live_server.client(account.key).post("/api/v1/events", json=EVENTS).raise_for_status()
    report = EmbeddedReport(DAY, DAY, GroupBy.ACTIVITY, Resolution.NONE)
    _, key = services.embeds.create(account.user_id, report, "Friday")
    base = f"{live_server.url}/embed/{key}"
    chart = httpx.get(
        f"{base}/chart.json", params={"restrict_begin": "2020-01-01", "group_by": "document"}
    ).json()
    assert [s["name"] for s in chart["series"]] == ["Visual Studio Code", "Slack"]
    assert chart["series"][0]["minutes"] == [20.0]
    assert "main.py" not in str(chart)
    assert httpx.get(f"{base}/data.json").status_code == 403
    for refused in (
        httpx.get(f"{live_server.url}/anapi/data", params={"key": key}),
        httpx.get(f"{live_server.url}/api/v1/report", params={"key": key}),
        httpx.get(f"{live_server.url}/api/oauth/data", params={"access_token": key}),
    ):
        assert refused.status_code in (200, 401) and "Visual Studio Code" not in refused.text
    _, raw_key = services.embeds.create(account.user_id, report, "raw", allow_raw=True)
    rows = httpx.get(f"{live_server.url}/embed/{raw_key}/data.json").json()
    assert {r["activity"] for r in rows} == {"Visual Studio Code", "Slack"}
    record = services.embeds.keys(account.user_id)[-1]
    services.embeds.revoke(account.user_id, record.id)
    assert httpx.get(f"{base}/chart.json").status_code == 404
