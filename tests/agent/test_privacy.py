"""Privacy: exclusion rules and pause act before anything is stored, on a real X desktop."""

from __future__ import annotations

import pytest

from dayglass.agent.pause import pause, resume
from dayglass.agent.privacy import HIDDEN_TITLE, PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.agent.uploader import Outcome, Uploader
from dayglass.agent.x11 import X11Watcher
from dayglass.core.heartbeats import Sample

from .scripted_screen import ms
from .test_x11_watcher import NoSessionLock

RULES = PrivacyRules(
    drop_apps=("keepass*",),
    drop_patterns=(r"(?i)bank",),
    redact_apps=("mail",),
    redact_patterns=(r"diagnosis",),
)


def test_rules_drop_or_redact():
    assert RULES.apply(Sample("KeePassXC", "Passwords")) is None
    assert RULES.apply(Sample("firefox", "Login", "https://mybank.example/")) is None
    assert RULES.apply(Sample("Mail", "Re: salary")) == Sample("Mail", HIDDEN_TITLE)
    redacted = RULES.apply(Sample("firefox", "My diagnosis", "https://health.example/me?id=7"))
    assert redacted == Sample("firefox", HIDDEN_TITLE, "https://health.example/")
    assert RULES.apply(Sample("code", "main.py")) == Sample("code", "main.py")
    no_titles = PrivacyRules(send_titles=False)
    assert no_titles.apply(Sample("firefox", "Page", "https://a.example/x")) == Sample(
        "firefox", HIDDEN_TITLE, "https://a.example/"
    )


def test_a_bad_pattern_is_refused():
    with pytest.raises(Exception, match="unterminated"):
        PrivacyRules(drop_patterns=("(oops",))


@pytest.fixture
def clock(manual_clock):
    """The server runs on the agent's clock, so its events are never in the server's future."""
    return manual_clock


def record(recorder: Recorder, desktop, window: str, seconds: float, clock) -> None:
    """Focus window and poll (with some input) five times a second for seconds of the clock."""
    desktop.activate(window)
    for _ in range(round(seconds * 5)):
        desktop.touch()
        recorder.poll()
        clock.advance(seconds=0.2)


def test_excluded_and_paused_time_never_reaches_the_queue_or_the_server(
    desktop, tmp_path, live_server, account, clock
):
    secret = desktop.open_window("Online bank statement", "Firefox")
    vault = desktop.open_window("Vault", "KeePassXC")
    mail = desktop.open_window("Re: diagnosis results", "Mail")
    work = desktop.open_window("main.py", "Code")
    private = desktop.open_window("Holiday plans", "Planner")
    watcher = X11Watcher(clock, desktop.display, NoSessionLock())
    queue_file = tmp_path / "queue.sqlite3"
    queue = Queue(queue_file)
    recorder = Recorder(watcher, queue, RULES, away_after_ms=60_000, pulse_ms=5_000, clock=clock)
    for window in (secret, vault, mail, work):
        record(recorder, desktop, window, 1.0, clock)
    pause(queue, ms(clock.now()), None)
    record(recorder, desktop, private, 1.0, clock)
    resume(queue)
    record(recorder, desktop, work, 0.6, clock)
    recorder.finish()
    watcher.close()
    stored = queue_file.read_bytes() + queue_file.with_name("queue.sqlite3-wal").read_bytes()
    for word in (b"bank", b"Vault", b"KeePass", b"diagnosis", b"Holiday", b"Planner"):
        assert word not in stored
    samples = {e.attention.sample for e in queue.pending(100)}
    assert samples == {Sample("Mail", HIDDEN_TITLE), Sample("Code", "main.py")}
    with live_server.client(account.key) as client:
        assert Uploader(queue, client, "desk", clock).flush() is Outcome.SENT
        day = clock.now().date().isoformat()
        params = {"begin": day, "end": day, "group_by": "document"}
        rows = client.get("/api/v1/report", params=params).json()["rows"]
    assert {r["document"] for r in rows} == {HIDDEN_TITLE, "main.py"}
    queue.close()
