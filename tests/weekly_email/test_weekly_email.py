"""The weekly report by email, sent to a real SMTP server on loopback at a pinned local time."""

from __future__ import annotations

import re

from dayglass.core.alerts import AlertRule, Comparison, Target
from dayglass.core.clock import ManualClock
from dayglass.core.durations import short_duration
from dayglass.core.pulse import pulse
from dayglass.services.registry import Services
from dayglass.services.weekly_email import LEASE
from dayglass.services.weekly_email_ports import SendState
from dayglass.services.weekly_email_schedule import period_for
from serving import LiveServer, add_account
from weekly_email.sending import ingest

MONDAY = period_for(ManualClock.at_local("2026-11-16T12:00").now().date())
THIS_WEEK = (
    ("2026-11-09T09:00:00+01:00", 3 * 3600 + 17, "code", "main.py"),
    ("2026-11-10T10:00:00+01:00", 45 * 60 + 3, "slack", "general"),
    ("2026-11-12T14:00:00+01:00", 80 * 60, "code", "tests.py"),
    ("2026-11-15T20:00:00+01:00", 2 * 3600, "steam", "Factorio"),
    # Runs past Sunday midnight: only its first ten minutes belong to the week.
    ("2026-11-15T23:50:00+01:00", 20 * 60, "code", "late.py"),
)
WEEK_BEFORE = (
    ("2026-11-03T09:00:00+01:00", 2 * 3600, "code", "main.py"),
    ("2026-11-05T11:00:00+01:00", 3 * 3600, "slack", "general"),
    ("2026-11-08T23:00:00+01:00", 30 * 60, "steam", "Factorio"),
)


def seed(server: LiveServer, clock: ManualClock, key: str, user_id: int) -> None:
    """Two weeks of time, an alert that fires in the reported week, and a highlight."""
    now = clock.now()
    clock.set_local("2026-11-02T08:00")
    server.services.alerts.add(user_id, AlertRule(Comparison.MORE, 3.0, Target.ALL_PRODUCTIVE))
    clock.set(now)
    ingest(server, key, *THIS_WEEK, *WEEK_BEFORE)
    server.services.highlights.add(user_id, "2026-11-12", "Shipped the weekly email")
    server.services.day_closer.close_due()
    # The server's background loop may have closed the days before the time arrived, and adds
    # late time (and fires the alert) on its own schedule: do it now, as it would.
    server.services.day_closer.catch_up(user_id)


def data_api(server: LiveServer, key: str, kind: str, first: str, last: str) -> list[list]:
    """/anapi/data rows for the days first..last, ranked by kind."""
    params = {
        "key": key,
        "format": "json",
        "perspective": "rank",
        "restrict_kind": kind,
        "restrict_begin": first,
        "restrict_end": last,
    }
    with server.client() as client:
        answer = client.get("/anapi/data", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def figures(server: LiveServer, key: str, first: str, last: str) -> tuple[int, int]:
    """Total seconds and rounded pulse from the Data API's productivity rows."""
    rows = data_api(server, key, "productivity", first, last)
    by_level = {row[3]: row[1] for row in rows}
    return sum(by_level.values()), round(pulse(by_level) or 0)


def parts(message) -> tuple[str, str]:
    """The plain-text and HTML bodies of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    # SMTP carries lines ending in CRLF.
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    return text, html


def send_round(services: Services) -> None:
    """One round of the sending the background loop does."""
    services.weekly_email.send_due()


def test_an_opted_in_user_gets_one_email_at_seven_local_with_the_data_apis_numbers(
    mailing_app, mailbox, clock, account
):
    with mailing_app() as server:
        seed(server, clock, account.key, account.user_id)
        server.services.weekly_email.choose(account.user_id, True, 0)  # Monday
        send_round(server.services)
        assert mailbox.to(account.email) == []  # 06:59: not yet
        clock.advance(minutes=2)
        send_round(server.services)
        assert mailbox.holds(account.email, 1)
        send_round(server.services)
        [message] = mailbox.to(account.email)
        assert server.services.weekly_email.state(account.user_id, MONDAY) is SendState.SENT

        text, html = parts(message)
        first, last = MONDAY.first.isoformat(), MONDAY.last.isoformat()
        assert (first, last) == ("2026-11-09", "2026-11-15")
        total, score = figures(server, account.key, first, last)
        before_total, before_score = figures(server, account.key, "2026-11-02", "2026-11-08")
        assert total == 3 * 3600 + 17 + 45 * 60 + 3 + 80 * 60 + 2 * 3600 + 10 * 60
        assert f"Total time: {short_duration(total)}" in text
        assert f"(the week before: {short_duration(before_total)})" in text
        change = score - before_score
        sign = f"+{change}" if change > 0 else ("±0" if change == 0 else str(change))
        assert f"Productivity pulse: {score} ({sign} against the week before)" in text
        for _, seconds, _, overview in data_api(server, account.key, "overview", first, last)[:5]:
            assert f"  {overview}: {short_duration(seconds)}\n" in text
        for row in data_api(server, account.key, "activity", first, last)[:5]:
            assert f"  {row[3]} ({row[4]}): {short_duration(row[1])}\n" in text
        assert "2026-11-12  Shipped the weekly email" in text
        assert re.search(r"2026-11-09  .+", text.split("Alerts that fired:")[1])
        assert "https://time.example.org/?span=week&amp;day=2026-11-15" in html
        assert short_duration(total) in html and "Productivity pulse" in html

        # Every figure the email holds, to the second, against the Data API.
        report = server.services.weekly_email.report(
            server.services.accounts.user(account.user_id), MONDAY
        )
        assert (report.week.seconds, report.week.pulse) == (total, score)
        assert (report.before.seconds, report.before.pulse) == (before_total, before_score)
        overviews = data_api(server, account.key, "overview", first, last)[:5]
        assert [(r.name, r.seconds) for r in report.overviews] == [(o[3], o[1]) for o in overviews]
        activities = data_api(server, account.key, "activity", first, last)[:5]
        assert [(r.name, r.seconds) for r in report.activities] == [
            (a[3], a[1]) for a in activities
        ]
        assert message["From"] == "reports@time.example.org"
        assert message["Subject"].startswith("Your week in Dayglass, Nov 9 - Nov 15")


def test_after_a_restart_the_week_is_not_sent_again_and_next_week_is(
    mailing_app, mailbox, clock, account
):
    clock.set_local("2026-11-16T07:01")
    with mailing_app() as server:
        server.services.weekly_email.choose(account.user_id, True, 0)
        send_round(server.services)
        assert mailbox.holds(account.email, 1)
    clock.advance(hours=2)
    with mailing_app() as restarted:  # a new app and new services on the same database
        send_round(restarted.services)
        send_round(restarted.services)
    assert len(mailbox.to(account.email)) == 1
    clock.set_local("2026-11-23T07:00")  # the next Monday
    with mailing_app() as server:
        send_round(server.services)
        assert mailbox.holds(account.email, 2)
        text, _ = parts(mailbox.to(account.email)[1])
        assert "this is your week from 2026-11-16 to 2026-11-22." in text


def test_only_opted_in_users_on_their_day_and_zone_get_an_email(
    mailing_services, mailbox, clock, account
):
    s = mailing_services
    never = add_account(s, "never@example.org", "Never")
    off = add_account(s, "off@example.org", "Off")
    s.weekly_email.choose(off.user_id, True, 0)
    s.weekly_email.choose(off.user_id, False, 0)
    tuesday = add_account(s, "tuesday@example.org", "Tuesday")
    s.weekly_email.choose(tuesday.user_id, True, 1)
    # 07:01 in Berlin is 01:01 in New York: not yet Monday morning there.
    ny = s.accounts.add_user("ny@example.org", "correct horse", "NY", "America/New_York")
    s.weekly_email.choose(ny.id, True, 0)
    s.weekly_email.choose(account.user_id, True, 0)
    clock.set_local("2026-11-16T07:01")
    assert s.weekly_email.send_due() == 1
    assert [str(m["To"]) for m in mailbox.messages] == ["Ada <ada@example.org>"]
    clock.set_local("2026-11-16T07:01", "America/New_York")
    assert s.weekly_email.send_due() == 1
    assert len(mailbox.to("ny@example.org")) == 1
    clock.set_local("2026-11-17T07:00")
    assert s.weekly_email.send_due() == 1
    assert len(mailbox.to("tuesday@example.org")) == 1
    assert mailbox.to(never.email) == [] and mailbox.to(off.email) == []


def test_a_refusing_server_is_retried_with_backoff_then_given_up(
    mailing_services, mailbox, clock, account
):
    s = mailing_services
    s.weekly_email.choose(account.user_id, True, 0)
    clock.set_local("2026-11-16T07:00")
    mailbox.refuse = 1
    assert s.weekly_email.send_due() == 0
    assert mailbox.refused == 1 and s.weekly_email.state(account.user_id, MONDAY) is SendState.RETRY
    clock.advance(seconds=59)
    assert s.weekly_email.send_due() == 0 and mailbox.refused == 1  # not due yet
    clock.advance(seconds=1)
    assert s.weekly_email.send_due() == 1
    assert len(mailbox.to(account.email)) == 1
    assert s.weekly_email.state(account.user_id, MONDAY) is SendState.SENT

    other = add_account(s, "grace@example.org", "Grace")
    s.weekly_email.choose(other.user_id, True, 0)
    mailbox.refuse = 100
    for _ in range(10):
        s.weekly_email.send_due()
        clock.advance(hours=3)  # past every delay of the backoff, still Monday
    assert mailbox.refused == 1 + 5  # the first try and four retries
    assert s.weekly_email.state(other.user_id, MONDAY) is SendState.FAILED
    assert mailbox.to(other.email) == []


def test_a_claim_left_by_a_crash_before_data_is_taken_over_one_during_data_is_not(
    mailing_services, mailbox, clock, account, engine
):
    from dayglass.storage.weekly_email_store import SqlWeeklyEmailStore

    s = mailing_services
    store = SqlWeeklyEmailStore(engine)
    grace = add_account(s, "grace@example.org", "Grace")
    for user in (account, grace):
        s.weekly_email.choose(user.user_id, True, 0)
    clock.set_local("2026-11-16T07:00")
    now = clock.now()
    # Two processes that died: one before it spoke SMTP, one while handing the message over.
    assert store.claim(account.user_id, MONDAY.week, now, now + LEASE) == 0
    assert store.claim(grace.user_id, MONDAY.week, now, now + LEASE) == 0
    store.sending(grace.user_id, MONDAY.week, now)
    assert store.claim(account.user_id, MONDAY.week, now, now + LEASE) is None  # still held
    assert s.weekly_email.send_due() == 0
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert s.weekly_email.send_due() == 1
    assert len(mailbox.to(account.email)) == 1 and mailbox.to(grace.email) == []
    clock.advance(hours=5)
    assert s.weekly_email.send_due() == 0
    assert s.weekly_email.state(grace.user_id, MONDAY) is SendState.SENDING


def test_the_choice_is_checked(mailing_services, account):
    import pytest

    from dayglass.core.errors import InvalidInput

    for bad in ("7", "-1", "monday", ""):
        with pytest.raises(InvalidInput):
            mailing_services.weekly_email.choose(account.user_id, True, bad)
    assert mailing_services.weekly_email.choice(account.user_id).enabled is False
