"""Merging the extension's tab reports into the window watcher's samples (a ManualClock)."""

from __future__ import annotations

import pytest

from dayglass.agent.browser_report import TabReport, parse_report
from dayglass.agent.browser_tabs import (
    FRESH_SECONDS,
    SILENT_AFTER_SECONDS,
    BrowserTabs,
    BrowserWatcher,
)
from dayglass.agent.privacy import HIDDEN_TITLE, PrivacyRules
from dayglass.agent.queue import Queue
from dayglass.agent.recorder import Recorder
from dayglass.core.errors import InvalidInput
from dayglass.core.heartbeats import Sample

from .scripted_screen import ScriptedScreen

DOCS = TabReport(True, "https://docs.python.org/3/", "3.13 Documentation")
NEWS = TabReport(True, "https://news.example/today", "Today's news", audible=True)


def window(title: str, app: str = "Chromium") -> Sample:
    """A browser window as the X11 watcher sees it."""
    return Sample(app, title)


@pytest.fixture
def tabs(manual_clock) -> BrowserTabs:
    """Merge state on the test's clock."""
    return BrowserTabs(manual_clock)


def test_a_browser_window_showing_the_tab_becomes_the_site(tabs):
    tabs.receive(DOCS)
    merged, audible = tabs.merge(window("3.13 Documentation - Chromium"))
    assert merged == Sample("Chromium", "3.13 Documentation", "https://docs.python.org/3/")
    assert not audible
    assert tabs.is_browser("Chromium")


def test_which_apps_are_browsers_is_learned_not_listed(tabs, manual_clock):
    assert tabs.merge(window("Inbox - Mozilla Firefox", "firefox")) == (
        window("Inbox - Mozilla Firefox", "firefox"),
        False,
    )
    tabs.receive(TabReport(True, "https://mail.example/", "Inbox"))
    merged, _ = tabs.merge(window("Inbox — Mozilla Firefox", "firefox"))
    assert merged == Sample("firefox", "Inbox", "https://mail.example/")
    # Another application keeps its own name, even while the report is fresh.
    assert tabs.merge(window("notes.txt", "gedit")) == (window("notes.txt", "gedit"), False)
    assert not tabs.is_browser("gedit")


def test_a_title_matching_long_after_the_report_teaches_nothing(tabs, manual_clock):
    tabs.receive(DOCS)
    manual_clock.advance(seconds=FRESH_SECONDS + 1)
    seen = window("3.13 Documentation - an editor", "Editor")
    assert tabs.merge(seen) == (seen, False)
    assert not tabs.is_browser("Editor")


def test_a_fresh_report_counts_while_the_window_title_catches_up(tabs, manual_clock):
    tabs.receive(DOCS)
    tabs.merge(window("3.13 Documentation - Chromium"))
    tabs.receive(NEWS)
    merged, audible = tabs.merge(window("3.13 Documentation - Chromium"))
    assert merged == Sample("Chromium", "Today's news", "https://news.example/today")
    assert audible
    # Later a title that is not the reported tab's is another browser window (devtools, a
    # profile without the extension): the time stays with the browser.
    manual_clock.advance(seconds=FRESH_SECONDS + 1)
    other = window("DevTools - news.example/today")
    assert tabs.merge(other) == (other, False)


def test_a_silent_extension_leaves_the_time_with_the_browser(tabs, manual_clock):
    tabs.receive(DOCS)
    tabs.merge(window("3.13 Documentation - Chromium"))
    manual_clock.advance(seconds=SILENT_AFTER_SECONDS - 1)
    assert tabs.merge(window("3.13 Documentation - Chromium"))[0].url == DOCS.url
    manual_clock.advance(seconds=2)
    seen = window("3.13 Documentation - Chromium")
    assert tabs.merge(seen) == (seen, False)


def test_private_tabs_and_windows_the_extension_cannot_see_are_not_recorded(manual_clock):
    tabs = BrowserTabs(manual_clock)
    tabs.receive(DOCS)
    tabs.merge(window("3.13 Documentation - Chromium"))
    tabs.receive(TabReport(True, "https://private.example/", "Secret", incognito=True))
    assert tabs.merge(window("Secret - Chromium")) == (None, False)
    # A private window the extension is not allowed into: it sees no focused window.
    tabs.receive(TabReport(False))
    assert tabs.merge(window("Secret - Chromium")) == (None, False)
    # Who asks for private tabs gets them.
    recording = BrowserTabs(manual_clock, record_incognito=True)
    recording.receive(TabReport(True, "https://private.example/", "Secret", incognito=True))
    assert recording.merge(window("Secret - Chromium"))[0] == Sample(
        "Chromium", "Secret", "https://private.example/"
    )


def test_reports_are_checked():
    assert parse_report({"focused": False, "url": 3}) == TabReport(False)
    report = parse_report({"focused": True, "url": "chrome://settings", "title": "Settings"})
    assert report == TabReport(True, None, "Settings")
    assert parse_report({"focused": True, "url": "https://a.example/" + "x" * 9000}).url
    for bad in ([], {"focused": "yes"}, {"focused": True, "title": 5}):
        with pytest.raises(InvalidInput):
            parse_report(bad)


def test_recorded_spans_go_to_sites_once_and_privacy_rules_apply_first(manual_clock, tmp_path):
    screen = ScriptedScreen(manual_clock)
    tabs = BrowserTabs(manual_clock)
    rules = PrivacyRules(drop_sites=("*.bank.example",), redact_sites=("health.example",))
    queue = Queue(tmp_path / "queue.sqlite3")
    recorder = Recorder(BrowserWatcher(screen, tabs), queue, rules, 300_000, 5_000, manual_clock)
    script = [
        (TabReport(True, "https://docs.python.org/3/", "Docs"), "Docs - Chromium", 4),
        (TabReport(True, "https://www.bank.example/login", "My bank"), "My bank - Chromium", 3),
        (TabReport(True, "https://health.example/me?id=7", "Results"), "Results - Chromium", 2),
        (TabReport(False), "Terminal", 5),
    ]
    for report, title, seconds in script:
        tabs.receive(report)
        screen.focus("Terminal" if title == "Terminal" else "Chromium", title)
        for _ in range(seconds):
            recorder.poll()
            manual_clock.advance(seconds=1)
    recorder.finish()
    spans = [(e.attention.sample, e.attention.duration_ms) for e in queue.pending(10)]
    assert spans == [
        (Sample("Chromium", "Docs", "https://docs.python.org/3/"), 4000),
        (Sample("Chromium", HIDDEN_TITLE, "https://health.example/"), 2000),
        (Sample("Terminal", "Terminal"), 5000),
    ]
    stored = (tmp_path / "queue.sqlite3").read_bytes()
    stored += (tmp_path / "queue.sqlite3-wal").read_bytes()
    assert b"bank" not in stored and b"id=7" not in stored
    queue.close()
