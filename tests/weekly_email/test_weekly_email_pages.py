"""The account page's weekly email choice, the email's HTML in Chromium, the settings and CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from commands import run, run_here
from dayglass.settings import load_settings, settings_environment
from serving import in_process_server_on, signed_in
from weekly_email.conftest import smtp_settings
from weekly_email.sending import ingest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture
def database_url(sqlite_database_url) -> str:
    """Pages and commands on SQLite (the sending tests cover both engines)."""
    return sqlite_database_url


def csrf(page: str) -> str:
    """The form token of a page."""
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_without_smtp_settings_the_account_page_says_email_is_off(engine, tmp_path, clock, account):
    with in_process_server_on(engine, tmp_path, clock) as server:
        client = signed_in(server, account.email)
        page = client.get("/account").text
        assert 'data-testid="weekly-email-off"' in page
        assert "Email is off on this server" in page
        assert 'name="weekday"' not in page
        assert server.services.weekly_email.send_due() == 0


def test_the_account_page_turns_the_weekly_email_on_for_a_day(mailing_app, mailbox, clock, account):
    with mailing_app() as server:
        client = signed_in(server, account.email)
        page = client.get("/account").text
        assert "Email is off" not in page and "at 07:00 in your time zone" in page
        answer = client.post(
            "/account/weekly-email", data={"csrf": csrf(page), "enabled": "on", "weekday": "2"}
        )
        assert answer.status_code == 303
        page = client.get(answer.headers["location"]).text
        assert "Weekly report on." in page
        assert re.search(r'<option value="2" selected>Wednesday</option>', page)
        assert 'id="weekly_enabled" name="enabled" checked' in page
        choice = server.services.weekly_email.choice(account.user_id)
        assert (choice.enabled, choice.weekday) == (True, 2)
        refused = client.post(
            "/account/weekly-email", data={"csrf": csrf(page), "enabled": "on", "weekday": "9"}
        )
        assert refused.status_code == 400 and "number from 0 to 6" in refused.text
        stale = client.post("/account/weekly-email", data={"csrf": "x", "weekday": "1"})
        assert stale.status_code == 400
        assert server.services.weekly_email.choice(account.user_id).weekday == 2
        client.post("/account/weekly-email", data={"csrf": csrf(page), "weekday": "2"})
        assert server.services.weekly_email.choice(account.user_id).enabled is False


def test_the_emails_html_in_chromium(mailing_app, mailbox, clock, account, browser: Browser):
    clock.set_local("2026-11-16T07:00")
    with mailing_app() as server:
        ingest(
            server,
            account.key,
            ("2026-11-10T09:00:00+01:00", 2 * 3600, "code", "main.py"),
            ("2026-11-11T13:00:00+01:00", 40 * 60, "slack", "general"),
            ("2026-11-12T21:00:00+01:00", 55 * 60, "steam", "Factorio"),
        )
        server.services.highlights.add(account.user_id, "2026-11-11", "Released 1.2")
        server.services.weekly_email.choose(account.user_id, True, 0)
        server.services.weekly_email.send_due()
        assert mailbox.holds(account.email, 1)
    html = mailbox.to(account.email)[0].get_body(("html",)).get_content()
    context = browser.new_context(viewport={"width": 700, "height": 900})
    try:
        page = context.new_page()
        page.set_content(html)
        total = page.locator("[data-figure=total]")
        assert "3h 35m" in total.inner_text()
        assert page.locator("[data-list=activities] tr").count() == 3
        assert page.get_by_role("link", name="Open your dashboard").get_attribute("href") == (
            "https://time.example.org/?span=week&day=2026-11-15"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "weekly-email.png", full_page=True)
    finally:
        context.close()


def test_the_smtp_password_is_never_shown_but_reaches_worker_processes(monkeypatch):
    monkeypatch.setenv("DAYGLASS_SMTP_PASSWORD", "hunter2-secret")
    monkeypatch.setenv("DAYGLASS_SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("DAYGLASS_CONFIG", "/nonexistent/server.toml")
    settings = load_settings()
    assert "hunter2-secret" not in repr(settings) and "hunter2-secret" not in str(settings)
    assert settings_environment(settings)["DAYGLASS_SMTP_PASSWORD"] == "hunter2-secret"
    assert settings.smtp_tls == "starttls"


def test_email_test_sends_the_report_now_and_uses_up_no_week(
    database_url, mailbox, clock, account, services
):
    env = {
        "DAYGLASS_DATABASE_URL": database_url,
        **{f"DAYGLASS_{k.upper()}": str(v) for k, v in smtp_settings(mailbox).items()},
    }
    done = run("email", "test", "--user", account.email, env=env)
    assert done.returncode == 0, done.stderr
    assert "sent the report of" in done.stderr
    assert len(mailbox.to(account.email)) == 1
    assert services.weekly_email.choice(account.user_id).enabled is False
    unknown = run_here("email", "test", "--user", "nobody@example.org", env=env)
    assert unknown.returncode == 1
    off = run_here("email", "test", "--user", account.email, env={**env, "DAYGLASS_SMTP_HOST": ""})
    assert off.returncode == 1 and "Email is off" in off.stderr
