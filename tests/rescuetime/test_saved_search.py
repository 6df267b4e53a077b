"""The draft's "Client XYZ" example: a report searched for a keyword, saved as an embed key with
raw access, fetched through `/anapi/data` by that key, with nothing else, on both databases."""

from __future__ import annotations

import json

import httpx
import pytest
from tests.security.conftest import form_token, post_login

from dayglass.core.clock import ManualClock
from dayglass.core.embeds import EmbeddedReport, RelativePeriod
from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy
from dayglass.http.compat.rescuetime.embed_data import NO_RAW, NO_SHAPE
from dayglass.services.export_files import DirectorySink
from serving import PASSWORD

DAY, NEXT = "2026-11-20", "2026-11-21"  # a Friday and a Saturday in Europe/Berlin (+01:00)
SEARCH = "Client XYZ"
# What a caller might add to widen, move or reshape the answer: all of it is ignored.
WIDENING = [
    {"restrict_begin": "2026-01-01", "restrict_end": "2026-12-31"},
    {"rb": NEXT, "re": NEXT},
    {"perspective": "interval", "resolution_time": "hour"},
    {"restrict_kind": "category", "restrict_thing": "Editing & IDEs"},
    {"taxonomy": "overview", "by": "rank"},
    {"restrict_project": "Acme", "rj": "nothing"},
    {"restrict_thingy": "main.py", "restrict_source_type": "mobile", "restrict_schedule_id": "7"},
    {"search": "main", "group_by": "activity", "begin": NEXT, "project": "1"},
]


@pytest.fixture
def clock() -> ManualClock:
    """Friday 2026-11-20 18:00 in Berlin, after the day's events, at any real time."""
    return ManualClock.at_local(f"{DAY}T18:00")


def _event(i: int, day: str, hhmm: str, seconds: int, app: str, title: str, url=None) -> dict:
    start = f"{day}T{hhmm}:00+01:00"
    return {"id": f"s{i}", "start": start, "duration": seconds, "app": app, "title": title,
            "url": url}  # fmt: skip


def _post(live_server, account, *events: dict) -> None:
    batch = {"device": "laptop", "source_type": "computers", "events": list(events)}
    answer = live_server.client(account.key).post("/api/v1/events", json=batch)
    assert answer.status_code == 200, answer.text


# Client XYZ in a title (twice, any case) and in a page, and other work around it.
FRIDAY = [
    _event(1, DAY, "09:00", 900, "code", "main.py"),
    _event(2, DAY, "09:15", 600, "code", "client xyz notes.txt"),
    _event(3, DAY, "10:00", 1200, "winword", "Invoice Client XYZ.docx"),
    _event(4, DAY, "11:00", 300, "slack", "general"),
    _event(5, DAY, "12:00", 420, "firefox", "Client XYZ board", "https://crm.example/xyz"),
    _event(6, DAY, "13:00", 480, "winword", "Invoice Other Client.docx"),
]
SATURDAY = [
    _event(11, NEXT, "10:00", 660, "winword", "Client XYZ contract.docx"),
    _event(12, NEXT, "11:00", 540, "code", "main.py"),
]


def _friday(live_server, account) -> None:
    _post(live_server, account, *FRIDAY)


def _data(url: str, key: str, **params: str) -> httpx.Response:
    answer = httpx.get(f"{url}/anapi/data", params={"key": key, **params})
    assert answer.status_code == 200, answer.text
    return answer


def _rows(url: str, key: str, **params: str) -> list[list[object]]:
    return _data(url, key, format="json", **params).json()["rows"]


def _searched_by_hand(url: str, api_key: str, day: str) -> list[list[object]]:
    """The day's document rows asked with the ordinary API key, kept when they mention
    SEARCH in the activity or the document (ignoring case), ranks renumbered."""
    params = {"restrict_kind": "document", "restrict_begin": day, "restrict_end": day}
    rows = _rows(url, api_key, **params)
    kept = [r for r in rows if SEARCH.casefold() in f"{r[3]}\n{r[4]}".casefold()]
    return [[rank, *row[1:]] for rank, row in enumerate(kept, start=1)]


def _embed(services, account, group_by: GroupBy, *, allow_raw: bool = True, **saved) -> str:
    report = EmbeddedReport(DAY, DAY, group_by, Resolution.NONE, **saved)
    return services.embeds.create(account.user_id, report, "Client XYZ", allow_raw)[1]


def test_an_embed_key_answers_exactly_the_saved_search(live_server, services, account):
    _friday(live_server, account)
    url = live_server.url
    expected = _searched_by_hand(url, account.key, DAY)
    assert {r[4] for r in expected} == {
        "client xyz notes.txt",
        "Invoice Client XYZ.docx",
        "Client XYZ board",
    }
    key = _embed(services, account, GroupBy.DOCUMENT, search=SEARCH)
    assert _rows(url, key) == expected
    for extra in WIDENING:
        assert _rows(url, key, **extra) == expected, extra


def test_an_activities_report_searched_sums_only_the_matching_time(live_server, services, account):
    _friday(live_server, account)
    url = live_server.url
    by_hand: dict[str, int] = {}
    for row in _searched_by_hand(url, account.key, DAY):
        by_hand[str(row[3])] = by_hand.get(str(row[3]), 0) + int(str(row[1]))
    key = _embed(services, account, GroupBy.ACTIVITY, search=SEARCH)
    rows = _rows(url, key)
    assert {str(r[3]): r[1] for r in rows} == by_hand
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    normal = _rows(url, account.key, restrict_begin=DAY, restrict_end=DAY)
    assert len(normal) > len(rows)  # the ordinary key still answers everything, as before


def test_every_way_of_asking_gives_the_same_rows(live_server, services, account):
    _friday(live_server, account)
    url = live_server.url
    key = _embed(services, account, GroupBy.DOCUMENT, search=SEARCH)
    as_json = _rows(url, key)
    posted = httpx.post(f"{url}/anapi/data", data={"key": key, "format": "json"})
    assert posted.json()["rows"] == as_json
    bearer = httpx.get(f"{url}/anapi/data.json", headers={"Authorization": f"Bearer {key}"})
    assert bearer.json()["rows"] == as_json
    csv = _data(url, key, format="csv")
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("Rank,Time Spent (seconds),Number of People,Activity")
    assert [line.split(",")[1] for line in lines[1:]] == [str(r[1]) for r in as_json]
    assert httpx.get(f"{url}/anapi/data.csv", params={"key": key}).text == csv.text
    assert _data(url, key, format="xml").json()["error"] == "# query error"


def test_a_saved_project_narrows_the_search(live_server, services, account):
    _friday(live_server, account)
    project = services.projects.add(account.user_id, "Acme")
    services.projects.add_rule(account.user_id, project.id, "keyword", "invoice")
    key = _embed(services, account, GroupBy.DOCUMENT, search=SEARCH, project_id=project.id)
    rows = _rows(live_server.url, key, restrict_project="")
    assert [(r[3], r[4], r[1]) for r in rows] == [
        ("Microsoft Word", "Invoice Client XYZ.docx", 1200)
    ]
    services.projects.remove(account.user_id, project.id)
    assert _rows(live_server.url, key) == []  # never every project instead


def test_a_relative_period_follows_the_owners_calendar(
    live_server, services, account, clock: ManualClock
):
    _friday(live_server, account)
    url = live_server.url
    today = _embed(services, account, GroupBy.DOCUMENT, search=SEARCH, period=RelativePeriod.TODAY)
    yesterday = _embed(
        services, account, GroupBy.DOCUMENT, search=SEARCH, period=RelativePeriod.YESTERDAY
    )
    friday = _searched_by_hand(url, account.key, DAY)
    assert _rows(url, today) == friday
    assert _rows(url, yesterday) == []
    clock.advance(days=1)  # Saturday 18:00: the same keys now mean the next day
    _post(live_server, account, *SATURDAY)
    saturday = _searched_by_hand(url, account.key, NEXT)
    assert [r[4] for r in saturday] == ["Client XYZ contract.docx"]
    assert _rows(url, today) == saturday
    assert _rows(url, yesterday) == friday
    assert _rows(url, today, restrict_begin=DAY, restrict_end=NEXT) == saturday


def test_an_interval_report_keeps_its_cut(live_server, services, account):
    _friday(live_server, account)
    report = EmbeddedReport(DAY, DAY, GroupBy.ACTIVITY, Resolution.HOUR, search=SEARCH)
    key = services.embeds.create(account.user_id, report, "", True)[1]
    rows = _rows(live_server.url, key, perspective="rank")
    by_hand = _rows(
        live_server.url,
        account.key,
        perspective="interval",
        resolution_time="hour",
        restrict_begin=DAY,
        restrict_end=DAY,
    )
    assert {r[0] for r in rows} == {f"{DAY}T09:00:00", f"{DAY}T10:00:00", f"{DAY}T12:00:00"}
    assert {(r[0], r[3]) for r in rows} < {(r[0], r[3]) for r in by_hand}


def _refusal(url: str, key: str) -> dict[str, str]:
    answer = _data(url, key, format="csv")
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["error"] == "# key not found"  # the Data API's bad-key error, as clients match it
    return body


def test_a_key_without_raw_access_is_refused(live_server, services, account):
    _friday(live_server, account)
    key = _embed(services, account, GroupBy.DOCUMENT, search=SEARCH, allow_raw=False)
    assert _refusal(live_server.url, key)["messages"] == NO_RAW
    assert httpx.get(f"{live_server.url}/embed/{key}/chart.json").status_code == 200


def test_a_revoked_key_is_refused(live_server, services, account):
    _friday(live_server, account)
    report = EmbeddedReport(DAY, DAY, GroupBy.DOCUMENT, Resolution.NONE, search=SEARCH)
    record, key = services.embeds.create(account.user_id, report, "", True)
    assert _rows(live_server.url, key)
    services.embeds.revoke(account.user_id, record.id)
    assert _refusal(live_server.url, key)["messages"] == "embed key revoked"
    assert _refusal(live_server.url, "dge_no_such_key")["messages"] == "embed key not found"


def test_a_project_report_has_no_data_api_shape(live_server, services, account):
    key = _embed(services, account, GroupBy.PROJECT)
    assert _refusal(live_server.url, key)["messages"] == NO_SHAPE


def test_the_export_lists_what_each_key_keeps(services, account, tmp_path):
    _embed(services, account, GroupBy.DOCUMENT, search=SEARCH, period=RelativePeriod.LAST_WEEK)
    folder = tmp_path / "export"
    services.exports.write(account.user_id, DirectorySink(folder))
    (line,) = (folder / "embed_keys.jsonl").read_text().splitlines()
    saved = json.loads(line)
    assert (saved["search"], saved["project_id"], saved["period"]) == (SEARCH, None, "last_week")
    assert "dge_" not in line.replace(saved["prefix"], "")


def _signed_in(live_server, account) -> httpx.Client:
    client = httpx.Client(base_url=live_server.url, timeout=30)
    assert post_login(client, account.email, PASSWORD).status_code == 303
    return client


def test_the_reports_page_searches_and_saves_the_search(live_server, services, account):
    _friday(live_server, account)
    project = services.projects.add(account.user_id, "Acme")
    services.projects.add_rule(account.user_id, project.id, "keyword", "invoice")
    browser = _signed_in(live_server, account)
    shown = {"begin": DAY, "end": DAY, "group_by": "document", "search": "client XYZ"}
    page = browser.get("/reports", params=shown).text
    assert "Invoice Client XYZ.docx" in page and "client xyz notes.txt" in page
    assert "main.py" not in page and "Invoice Other Client.docx" not in page
    page = browser.get("/reports", params=shown | {"project": str(project.id)}).text
    assert "Invoice Client XYZ.docx" in page and "client xyz notes.txt" not in page
    form = shown | {"resolution": "none", "csrf": form_token(browser, "/reports")}
    made = browser.post(
        "/reports/embed",
        data=form | {"project": str(project.id), "period": "this_week", "allow_raw": "1"},
    )
    assert made.status_code == 201, made.text
    (record,) = services.embeds.keys(account.user_id)
    assert (record.report.search, record.report.project_id) == ("client XYZ", project.id)
    assert record.report.period is RelativePeriod.THIS_WEEK and record.allow_raw
    assert "this week, per none, search “client XYZ”, project Acme" in browser.get("/keys").text


def test_the_reports_page_refuses_what_is_not_the_users(live_server, services, account):
    browser = _signed_in(live_server, account)
    shown = {"begin": DAY, "end": DAY, "group_by": "project"}
    for project in ("424242", "x", "²", "-1"):
        page = browser.get("/reports", params=shown | {"project": project, "search": "\x00"})
        assert page.status_code == 200
        assert "Project: not one of yours" in page.text and "Search: at most" in page.text
    form = shown | {"resolution": "none", "csrf": form_token(browser, "/reports")}
    for bad in ({"project": "424242"}, {"period": "fortnight"}, {"search": "x" * 201}):
        answer = browser.post("/reports/embed", data=form | bad)
        assert answer.status_code == 400, bad
        assert 'role="alert"' in answer.text
    assert services.embeds.keys(account.user_id) == []
