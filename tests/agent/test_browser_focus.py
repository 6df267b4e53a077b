"""Which sites a focus session blocks: the person's own ratings from the server."""

from __future__ import annotations

from dayglass.agent.browser_focus import FocusBlock, Session, blocked_sites

ACTIVITIES = [
    {"activity": "youtube.com", "overview": "Entertainment", "productivity": -2},
    {"activity": "news.example", "overview": "News & Opinion", "productivity": -1},
    {"activity": "mail.example", "overview": "Communication & Scheduling", "productivity": 0},
    {"activity": "docs.python.org", "overview": "Software Development", "productivity": 2},
    {"activity": "Steam", "overview": "Entertainment", "productivity": -2},  # an application
    {"activity": "intranet:8080", "overview": "Uncategorized", "productivity": -1},
]


def test_distracting_sites_and_optionally_communication_are_blocked():
    assert blocked_sites(ACTIVITIES, communication=False) == {"youtube.com", "news.example"}
    assert blocked_sites(ACTIVITIES, communication=True) == {
        "youtube.com",
        "news.example",
        "mail.example",
    }


def test_nothing_is_blocked_outside_a_session_and_an_allowance_lasts_one_session():
    block = FocusBlock()
    block.update(None, frozenset({"youtube.com"}))
    assert block.verdict("https://www.youtube.com/watch?v=1") is None
    first = Session("2026-11-10T09:00:00+01:00", "2026-11-10T09:25:00+01:00")
    block.update(first)
    assert block.verdict("https://www.youtube.com/watch?v=1") == {
        "site": "youtube.com",
        "started_at": first.started_at,
        "ends_at": first.ends_at,
    }
    assert block.verdict("https://docs.python.org/3/") is None
    assert block.verdict(None) is None
    block.allow("https://youtube.com/")
    assert block.verdict("https://www.youtube.com/watch?v=1") is None
    block.update(first)  # the same session, asked again
    assert block.verdict("https://www.youtube.com/watch?v=1") is None
    block.update(Session("2026-11-10T10:00:00+01:00", "2026-11-10T10:25:00+01:00"))
    assert block.verdict("https://www.youtube.com/watch?v=1") is not None
