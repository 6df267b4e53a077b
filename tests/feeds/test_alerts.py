"""Alerts: defined by the native API, fired once a day by ingested time, sent to a webhook."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dayglass.adapters.name_resolver import system_resolver
from dayglass.adapters.webhook_sender import HttpWebhookSender
from dayglass.composition import build_services
from dayglass.core.alerts import AlertRule, Comparison, Target
from dayglass.core.clock import ManualClock
from dayglass.services.webhook_targets import WebhookTargets
from dayglass.services.webhooks import WebhookService
from dayglass.storage.alert_store import SqlAlertStore

# The receivers listen on loopback: these tests' servers allow internal webhook targets.
INTERNAL_ALLOWED = WebhookTargets(system_resolver, allow_internal=True)


@pytest.fixture(autouse=True)
def _internal_webhooks_allowed(monkeypatch) -> None:
    monkeypatch.setenv("DAYGLASS_ALLOW_INTERNAL_WEBHOOKS", "true")


@pytest.fixture
def services(engine, clock):
    """Services allowing internal webhook targets."""
    return build_services(engine, clock, INTERNAL_ALLOWED)


class Receiver:
    """A real local HTTP server that records the JSON posted to it; fails the first `fail`."""

    def __init__(self, fail: int = 0) -> None:
        self.received: list[dict] = []
        self.fail = fail
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(json.loads(body))
                failing = len(receiver.received) <= receiver.fail
                self.send_response(500 if failing else 200)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver."""
    found = Receiver()
    yield found
    found.close()


def wait_for(check, seconds: float = 10.0):
    """Poll check until it answers something truthy (background work is asynchronous)."""
    deadline = time.monotonic() + seconds
    while not (found := check()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def status(s) -> list[dict]:
    """The alerts feed's triggerings."""
    answer = s.get("/anapi/alerts_feed")
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_an_alert_fires_once_a_day_and_its_webhook_receives_it(feed_server, receiver):
    s = feed_server
    with s.client(s.key) as client:
        made = client.post(
            "/api/v1/alerts",
            json={
                "comparison": "more",
                "hours": 1,
                "target": "overview",
                "value": "Software Development",
                "webhook_url": receiver.url,
            },
        )
        assert made.status_code == 201, made.text
    alert_id = made.json()["id"]
    s.ingest(s.key, ("2026-11-10T09:00:00+01:00", 2400, "code"))
    time.sleep(0.3)
    assert status(s) == []
    s.ingest(s.key, ("2026-11-10T09:40:00+01:00", 1800, "code"))  # 70 minutes: crossed
    (fired,) = wait_for(lambda: status(s))
    assert fired == {
        "id": fired["id"],
        "alert_id": alert_id,
        "description": "More than 1 hour of Software Development on 2026-11-10",
        "created_at": "2026-11-10T12:00:00+01:00",
    }
    (sent,) = wait_for(lambda: receiver.received)
    assert sent == {**fired, "date": "2026-11-10"}
    s.ingest(s.key, ("2026-11-10T10:10:00+01:00", 1800, "code"))  # still the same day
    s.clock.set_local("2026-11-11T09:00")
    s.ingest(s.key, ("2026-11-11T07:00:00+01:00", 600, "code"))  # not yet over on the 11th
    time.sleep(0.5)
    assert len(status(s)) == 1 and len(receiver.received) == 1
    s.ingest(s.key, ("2026-11-11T07:10:00+01:00", 3600, "code"))
    assert len(wait_for(lambda: len(status(s)) == 2 and status(s))) == 2
    assert wait_for(lambda: len(receiver.received) == 2)
    listed = s.get("/anapi/alerts_feed", op="list").json()
    assert listed == [
        {"id": alert_id, "description": "More than 1 hour of Software Development", "amount": 1.0}
    ]
    assert [t["created_at"][:10] for t in status(s)] == ["2026-11-11", "2026-11-10"]
    assert s.get("/anapi/alerts_feed.json", alert_id=str(alert_id + 1)).json() == []


def test_a_less_than_alert_is_judged_when_the_day_ends(feed_server):
    s = feed_server
    with s.client(s.key) as client:
        for hours in (2, 0.5):
            rule = {"comparison": "less", "hours": hours, "target": "all_productive"}
            assert client.post("/api/v1/alerts", json=rule).status_code == 201
    s.ingest(s.key, ("2026-11-10T09:00:00+01:00", 3600, "code"))
    time.sleep(0.3)
    assert status(s) == []
    s.clock.set_local("2026-11-11T00:01")
    s.services.day_closer.close_due()
    (fired,) = status(s)
    assert fired["description"] == "Less than 2 hours of All Productive Time on 2026-11-10"
    assert fired["created_at"] == "2026-11-11T00:01:00+01:00"
    s.services.day_closer.close_due()
    s.clock.set_local("2026-11-12T00:01")  # the 11th had no time at all: nothing to judge
    s.services.day_closer.close_due()
    assert len(status(s)) == 1


def test_failed_webhooks_are_retried_then_given_up(engine, services, account, feed_server):
    receiver = Receiver(fail=2)
    try:
        s = feed_server
        rule = {
            "comparison": "more",
            "hours": 0.1,
            "target": "productivity",
            "value": 2,
            "webhook_url": receiver.url,
        }
        with s.client(s.key) as client:
            assert client.post("/api/v1/alerts", json=rule).status_code == 201
        s.ingest(s.key, ("2026-11-10T09:00:00+01:00", 600, "code"))
        assert wait_for(lambda: receiver.received)  # the first attempt, failed
        # The server's own loop keeps the test clock; this sender is half a minute later.
        later = ManualClock(s.clock.now() + timedelta(seconds=31))
        # The receiver answers before the loop records the failure and its retry time.
        assert wait_for(lambda: SqlAlertStore(engine).due_webhooks(later.now(), 10))
        sender = WebhookService(
            SqlAlertStore(engine),
            services.accounts,
            later,
            HttpWebhookSender(INTERNAL_ALLOWED),
            (0, 0),
        )
        assert sender.deliver_due() == 0  # the second attempt fails too
        assert sender.deliver_due() == 1
        assert sender.deliver_due() == 0  # delivered: nothing is due any more
        assert len(receiver.received) == 3
        assert receiver.received[0] == receiver.received[2]
    finally:
        receiver.close()


BAD = [
    ({"comparison": "most", "hours": 1, "target": "all_productive"}, "comparison"),
    ({"comparison": "more", "hours": 0, "target": "all_productive"}, "hours"),
    ({"comparison": "more", "hours": 25, "target": "all_productive"}, "hours"),
    ({"comparison": "more", "hours": "lots", "target": "all_productive"}, "hours"),
    ({"comparison": "more", "hours": 1, "target": "everything"}, "target"),
    ({"comparison": "more", "hours": 1, "target": "overview", "value": "Knitting"}, "overview"),
    ({"comparison": "more", "hours": 1, "target": "category", "value": "Nope"}, "sub-category"),
    ({"comparison": "more", "hours": 1, "target": "activity"}, "value"),
    ({"comparison": "more", "hours": 1, "target": "productivity", "value": 3}, "level"),
    (
        {"comparison": "more", "hours": 1, "target": "all_productive", "webhook_url": "ftp://x"},
        "webhook_url",
    ),
    (
        {"comparison": "more", "hours": 1, "target": "all_productive", "webhook_url": "http://["},
        "webhook_url",
    ),
    ({"hours": 1, "target": "all_productive"}, "comparison"),
]


@pytest.mark.parametrize(("rule", "named"), BAD)
def test_bad_alert_definitions_are_refused(feed_server, rule, named):
    s = feed_server
    with s.client(s.key) as client:
        answer = client.post("/api/v1/alerts", json=rule)
        assert answer.status_code == 400, answer.text
        assert named in answer.json()["error"]["message"]
        assert client.get("/api/v1/alerts").json() == []


def test_alerts_can_be_changed_and_deleted_and_the_feed_checks_its_parameters(
    feed_server, services
):
    s = feed_server
    with s.client(s.key) as client:
        rule = {"comparison": "more", "hours": 3, "target": "activity", "value": "Slack"}
        alert_id = client.post("/api/v1/alerts", json=rule).json()["id"]
        changed = client.put(f"/api/v1/alerts/{alert_id}", json={**rule, "hours": 2.5})
        assert changed.json()["description"] == "More than 2.5 hours of Slack"
        assert client.get(f"/api/v1/alerts/{alert_id}").json()["hours"] == 2.5
        assert s.get("/anapi/alerts_feed", op="explode").status_code == 400
        assert s.get("/anapi/alerts_feed", alert_id="seven").status_code == 400
        huge = "9" * 25  # beyond any SQL integer: refused, not a server error
        assert s.get("/anapi/alerts_feed", alert_id=huge).status_code == 400
        assert client.get(f"/api/v1/alerts/{huge}").status_code == 400
        assert client.delete(f"/api/v1/highlights/{huge}").status_code == 400
        assert client.delete(f"/api/v1/offline/{huge}").status_code == 400
        assert client.delete(f"/api/v1/alerts/{alert_id}").status_code == 204
        assert client.get(f"/api/v1/alerts/{alert_id}").status_code == 404
        assert s.get("/anapi/alerts_feed", op="list").json() == []
    services.accounts.revoke_key(services.accounts.keys(s.user_id)[0].id)
    revoked = s.get("/anapi/alerts_feed")
    assert revoked.status_code == 400 and revoked.json()["error"] == "# key not found"


def test_one_process_takes_each_due_webhook(engine, services, account):
    """With several server processes, a due delivery is taken by exactly one of them."""
    store = SqlAlertStore(engine)
    rule = AlertRule(Comparison.MORE, 1, Target.ALL_PRODUCTIVE)
    alert = services.alerts.add(account.user_id, rule, "http://127.0.0.1:9/hook")
    now = datetime.now(UTC)
    assert store.trigger(alert, now.date(), "More than 1 hour", now) is not None
    (due,) = store.due_webhooks(now, 10)
    later = now + timedelta(minutes=5)
    assert store.claim_webhook(due[0].user_id, due[0].id, now, later) is True
    assert store.claim_webhook(due[0].user_id, due[0].id, now, later) is False
    assert store.due_webhooks(now, 10) == []
    assert len(store.due_webhooks(later, 10)) == 1  # a crashed delivery comes back after the lease


def _batch_at(start: str, seconds: int) -> dict[str, object]:
    return {
        "device": "laptop",
        "events": [{"id": start, "start": start, "duration": seconds, "app": "code"}],
    }


def test_only_time_of_today_or_yesterday_is_evaluated_against_more_than_alerts(services, account):
    rule = AlertRule(Comparison.MORE, 1.0, Target.ALL_PRODUCTIVE)
    services.alerts.add(account.user_id, rule)
    today = services.ingest.ingest(account.user_id, _batch_at("2026-11-10T08:00:00+01:00", 7200))
    long_ago = services.ingest.ingest(account.user_id, _batch_at("2026-10-01T08:00:00+02:00", 60))
    assert today.days == {datetime(2026, 11, 10).date()}
    assert long_ago.days == {datetime(2026, 10, 1).date()}
    # Told only that October's time changed, nothing is read: today's two hours wait for the
    # evaluation told of today.
    assert services.alerts.evaluate_recent(account.user_id, long_ago.days) == []
    (fired,) = services.alerts.evaluate_recent(account.user_id, today.days)
    assert fired.day == datetime(2026, 11, 10).date()
    assert services.alerts.evaluate_recent(account.user_id) == []  # once a day
