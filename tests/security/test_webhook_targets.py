"""Alert webhooks cannot reach the server's own networks, at creation or at delivery."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tests.security.conftest import form_token

from dayglass.adapters.webhook_sender import HttpWebhookSender
from dayglass.services.webhook_targets import WebhookTargets

RULE = {"comparison": "more", "hours": 1, "target": "all_productive"}
INTERNAL = [
    "http://127.0.0.1:18599/internal-admin?x=1",
    "http://localhost:8080/hook",
    "http://[::1]/hook",
    "http://10.0.0.7/hook",
    "http://172.16.4.2/hook",
    "http://172.31.255.254/hook",
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "https://0.0.0.0/hook",
    "http://[fd00::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://224.0.0.1/hook",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_the_native_api_refuses_internal_targets(live_server, account, url):
    with live_server.client(account.key) as client:
        answer = client.post("/api/v1/alerts", json={**RULE, "webhook_url": url})
        assert answer.status_code == 400, answer.text
        message = answer.json()["error"]["message"]
        assert "internal address" in message and "DAYGLASS_ALLOW_INTERNAL_WEBHOOKS" in message
        assert client.get("/api/v1/alerts").json() == []


def test_the_web_form_says_why(live_server, account, sign_in):
    browser = sign_in(account.email)
    fields = {**RULE, "value": "", "webhook_url": "http://localhost/hook"}
    answer = browser.post("/alerts", data={**fields, "csrf": form_token(browser, "/alerts")})
    assert answer.status_code == 400
    assert "is an internal address" in html.unescape(answer.text)


def test_public_targets_are_accepted(live_server, account):
    with live_server.client(account.key) as client:
        answer = client.post(
            "/api/v1/alerts", json={**RULE, "webhook_url": "http://93.184.215.14/h"}
        )
        assert answer.status_code == 201, answer.text


class Receiver:
    """A local HTTP server counting the posts it gets."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on loopback."""
    found = Receiver()
    yield found
    found.server.shutdown()
    found.server.server_close()


class Rebinding:
    """A resolver whose answer for one name the test changes (DNS rebinding)."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def __call__(self, host: str, port: int) -> Sequence[str]:
        assert host == "hooks.example.net"
        return [self.answer]


def test_a_name_that_starts_resolving_to_loopback_gets_nothing(receiver):
    resolver = Rebinding("93.184.215.14")  # public when the alert is made
    url = f"http://hooks.example.net:{receiver.port}/hook"
    WebhookTargets(resolver).check_url(url)  # accepted at creation
    resolver.answer = "127.0.0.1"
    assert HttpWebhookSender(WebhookTargets(resolver), timeout=5).post_json(url, {"a": 1}) is False
    assert receiver.received == []
    # The same delivery reaches the receiver where the administrator allows internal targets.
    allowed = HttpWebhookSender(WebhookTargets(resolver, allow_internal=True), timeout=5)
    assert allowed.post_json(url, {"a": 1}) is True
    assert receiver.received == [{"a": 1}]
