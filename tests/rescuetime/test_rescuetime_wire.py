"""The Data API against wire-format.md, one test per rule, on a seeded server (both databases).

Section numbers refer to ../shared/reference/wire-format.md.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from rescuetime_seed import (
    SEED,
    Seeded,
    seed_account,
    seeded_server,  # noqa: F401 (the `seeded` fixture)
)

from dayglass.core.schedules import make_windows
from serving import add_account

NOTES = "data is an array of arrays (rows), column names for rows in row_headers"
KEY_NOT_FOUND = b'{"error":"# key not found","messages":"key not found"}'
QUERY_ERROR = (
    b'{"error": "# query error","messages": "Error: Likely a badly formatted or missing parameter"}'
)
DAYS = {"restrict_begin": "2026-11-06", "restrict_end": "2026-11-08"}
FRIDAY = {"restrict_begin": "2026-11-06", "restrict_end": "2026-11-06"}
ACTIVITY_TAIL = ["Activity", "Category", "Productivity"]
DOCUMENT_TAIL = ["Activity", "Document", "Category", "Productivity"]
TIME = ["Time Spent (seconds)", "Number of People"]
BERLIN = ZoneInfo("Europe/Berlin")

# --- 2.3 the envelope -----------------------------------------------------------------------


def test_envelope_is_compact_with_notes_headers_and_rows_in_order(seeded: Seeded):
    answer = seeded.get(format="json", restrict_kind="productivity", **DAYS)
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert answer.content == (
        b'{"notes":"' + NOTES.encode() + b'","row_headers":["Rank","Time Spent (seconds)",'
        b'"Number of People","Productivity"],"rows":[[1,3600,1,2],[2,720,1,0],[3,480,1,-2]]}'
    )


def test_no_data_is_an_empty_rows_array_with_status_200(seeded: Seeded):
    answer = seeded.get(format="json", restrict_begin="2026-01-01", restrict_end="2026-01-31")
    assert answer.status_code == 200
    assert answer.json() == {
        "notes": NOTES,
        "row_headers": ["Rank", *TIME, *ACTIVITY_TAIL],
        "rows": [],
    }


# --- 2.4 row_headers by perspective and kind ---------------------------------------------------

HEADERS = [
    ({"perspective": "rank", "restrict_kind": "overview"}, ["Rank", *TIME, "Category"]),
    ({"perspective": "rank", "restrict_kind": "category"}, ["Rank", *TIME, "Category"]),
    ({"perspective": "rank", "restrict_kind": "activity"}, ["Rank", *TIME, *ACTIVITY_TAIL]),
    ({}, ["Rank", *TIME, *ACTIVITY_TAIL]),
    ({"perspective": "rank", "restrict_kind": "productivity"}, ["Rank", *TIME, "Productivity"]),
    ({"perspective": "rank", "restrict_kind": "document"}, ["Rank", *TIME, *DOCUMENT_TAIL]),
    ({"perspective": "interval", "restrict_kind": "overview"}, ["Date", *TIME, "Category"]),
    ({"perspective": "interval", "restrict_kind": "category"}, ["Date", *TIME, "Category"]),
    ({"perspective": "interval", "restrict_kind": "activity"}, ["Date", *TIME, *ACTIVITY_TAIL]),
    ({"perspective": "interval"}, ["Date", *TIME, *ACTIVITY_TAIL]),
    ({"perspective": "interval", "restrict_kind": "productivity"}, ["Date", *TIME, "Productivity"]),
    (
        {"perspective": "interval", "restrict_kind": "efficiency"},
        ["Date", *TIME, "Efficiency (-2:2)", "Efficiency (percent)"],
    ),
    ({"perspective": "interval", "restrict_kind": "document"}, ["Date", *TIME, *DOCUMENT_TAIL]),
    (
        {"perspective": "member", "restrict_kind": "activity"},
        ["Person", "Time Spent (seconds)", *ACTIVITY_TAIL],
    ),
]


@pytest.mark.parametrize(("params", "headers"), HEADERS, ids=lambda v: str(v))
def test_row_headers(seeded: Seeded, params: dict, headers: list[str]):
    as_json = seeded.get(format="json", **DAYS, **params).json()
    assert as_json["row_headers"] == headers
    assert as_json["rows"] and all(len(row) == len(headers) for row in as_json["rows"])
    as_csv = seeded.get(format="csv", **DAYS, **params).text
    assert as_csv.split("\n", 1)[0] == ",".join(headers)


def test_efficiency_in_the_rank_perspective_is_the_query_error(seeded: Seeded):
    assert seeded.get(restrict_kind="efficiency", **DAYS).content == QUERY_ERROR
    assert seeded.get(perspective="rank", taxonomy="efficiency").content == QUERY_ERROR


def test_overview_drill_down_lists_its_activities(seeded: Seeded):
    answer = seeded.get(restrict_kind="overview", restrict_thing="Software Development", **DAYS)
    assert answer.json()["row_headers"] == ["Rank", *TIME, *ACTIVITY_TAIL]
    assert answer.json()["rows"] == [
        [1, 3000, 1, "Visual Studio Code", "Editing & IDEs", 2],
        [2, 600, 1, "github.com", "General Software Development", 2],
    ]


def test_category_drill_down_lists_its_activities(seeded: Seeded):
    rows = seeded.rows(restrict_kind="category", restrict_thing="Video", **DAYS)
    assert rows == [[1, 480, 1, "youtube.com", "Video", -2]]


def test_activity_drill_down_puts_documents_in_the_activity_column(seeded: Seeded):
    answer = seeded.get(
        restrict_kind="activity", restrict_thing="Visual Studio Code", restrict_begin="2026-10-28"
    )
    assert answer.json()["row_headers"] == ["Rank", *TIME, *ACTIVITY_TAIL]
    assert answer.json()["rows"] == [
        [1, 2100, 1, "main.py - dayglass", "Editing & IDEs", 2],
        [2, 1200, 1, "test.py - dayglass…", "Editing & IDEs", 2],
    ]


def test_time_without_a_document_is_the_no_details_bucket(seeded: Seeded):
    rows = seeded.rows(restrict_kind="activity", restrict_thing="unknown-tool", **DAYS)
    assert rows == [[1, 120, 1, "No Details", "Uncategorized", 0]]
    narrowed = seeded.rows(restrict_thing="unknown-tool", restrict_thingy="No Details", **DAYS)
    assert narrowed == rows


def test_thingy_narrows_to_one_document(seeded: Seeded):
    rows = seeded.rows(
        restrict_kind="activity",
        restrict_thing="Visual Studio Code",
        restrict_thingy="test.py - dayglass…",
        **DAYS,
    )
    assert rows == [[1, 1200, 1, "test.py - dayglass…", "Editing & IDEs", 2]]


def test_a_site_may_be_named_with_a_leading_www(seeded: Seeded):
    rows = seeded.rows(restrict_kind="activity", restrict_thing="www.youtube.com", **DAYS)
    assert [r[3] for r in rows] == ['Cats, dogs and "quotes"', "Shorts"]


def test_member_perspective_names_the_person_and_drops_people(seeded: Seeded):
    rows = seeded.rows(perspective="member", restrict_kind="overview", **DAYS)
    assert rows[0] == ["Ada", 3600, "Software Development"]


# --- 2.5 cells, labels and order --------------------------------------------------------------


@pytest.mark.parametrize("perspective", ["rank", "interval"])
@pytest.mark.parametrize("kind", ["overview", "category", "activity", "productivity", "document"])
def test_cell_types(seeded: Seeded, perspective: str, kind: str):
    answer = seeded.get(perspective=perspective, restrict_kind=kind, **DAYS).json()
    headers = answer["row_headers"]
    for row in answer["rows"]:
        cells = dict(zip(headers, row, strict=True))
        first = cells.pop(headers[0])
        assert type(first) is (int if perspective == "rank" else str)
        assert type(cells.pop("Time Spent (seconds)")) is int
        assert cells.pop("Number of People") == 1 and type(row[2]) is int
        if "Productivity" in cells:
            assert type(cells["Productivity"]) is int and -2 <= cells["Productivity"] <= 2
        assert all(type(v) is str for k, v in cells.items() if k != "Productivity")


def test_rank_counts_from_one_by_time_spent(seeded: Seeded):
    rows = seeded.rows(**DAYS)
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)


LABELS = [
    ("minute", FRIDAY, ["2026-11-06T10:00:00", "2026-11-06T10:05:00", "2026-11-06T10:10:00"]),
    ("hour", FRIDAY, ["2026-11-06T10:00:00", "2026-11-06T11:00:00", "2026-11-06T12:00:00"]),
    ("day", {"restrict_begin": "2026-10-28"}, ["2026-10-28T00:00:00", "2026-11-06T00:00:00"]),
    (  # weeks start on Sunday: 2026-11-08 is a Sunday, 2026-11-06 a Friday
        "week",
        {"restrict_begin": "2026-10-28"},
        ["2026-10-25T00:00:00", "2026-11-01T00:00:00", "2026-11-08T00:00:00"],
    ),
    ("month", {"restrict_begin": "2026-10-28"}, ["2026-10-01T00:00:00", "2026-11-01T00:00:00"]),
]


@pytest.mark.parametrize(("resolution", "days", "first_labels"), LABELS, ids=[x[0] for x in LABELS])
def test_date_labels_are_local_bucket_starts(seeded, resolution, days, first_labels):
    rows = seeded.rows(perspective="interval", resolution_time=resolution, **days)
    labels = list(dict.fromkeys(r[0] for r in rows))
    assert labels[: len(first_labels)] == first_labels


def test_interval_rows_go_by_date_then_most_time_first(seeded: Seeded):
    rows = seeded.rows(perspective="interval", restrict_kind="document", **FRIDAY)
    assert [(r[0], r[1]) for r in rows] == [
        ("2026-11-06T10:00:00", 1800),
        ("2026-11-06T10:00:00", 600),
        ("2026-11-06T10:00:00", 300),
        ("2026-11-06T11:00:00", 120),
        ("2026-11-06T12:00:00", 180),
        ("2026-11-06T14:00:00", 1200),
    ]


def test_empty_buckets_are_left_out(seeded: Seeded):
    rows = seeded.rows(perspective="interval", restrict_kind="overview", **FRIDAY)
    hours = [r[0][11:13] for r in rows]
    assert "13" not in hours and all(r[1] > 0 for r in rows)


def test_a_five_minute_bucket_holds_at_most_300_seconds(seeded: Seeded):
    rows = seeded.rows(perspective="interval", interval="minute", restrict_kind="overview", **DAYS)
    per_bucket: dict[str, int] = {}
    for label, seconds, *_ in rows:
        per_bucket[label] = per_bucket.get(label, 0) + seconds
    assert max(per_bucket.values()) == 300 and len(per_bucket) == 17


def test_efficiency_is_the_weighted_mean_and_the_pulse_to_two_places(seeded: Seeded):
    answer = seeded.get(perspective="interval", restrict_kind="efficiency", format="csv", **FRIDAY)
    assert answer.text == (
        "Date,Time Spent (seconds),Number of People,Efficiency (-2:2),Efficiency (percent)\n"
        "2026-11-06T10:00:00,2700,1,1.56,88.89\n"
        "2026-11-06T11:00:00,120,1,0.0,50.0\n"
        "2026-11-06T12:00:00,180,1,-2.0,0.0\n"
        "2026-11-06T14:00:00,1200,1,2.0,100.0\n"
    )
    rows = seeded.rows(perspective="interval", restrict_kind="efficiency", **FRIDAY)
    assert rows[0] == ["2026-11-06T10:00:00", 2700, 1, 1.56, 88.89]
    assert type(rows[1][3]) is float and type(rows[1][4]) is float


# --- 2.6 CSV -----------------------------------------------------------------------------------


def test_csv_bytes(seeded: Seeded):
    answer = seeded.get(format="csv", perspective="interval", restrict_kind="document", **FRIDAY)
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["cache-control"] == "no-cache, no-store, max-age=0, must-revalidate"
    assert (
        answer.content
        == (
            "Date,Time Spent (seconds),Number of People,Activity,Document,Category,Productivity\n"
            "2026-11-06T10:00:00,1800,1,Visual Studio Code,main.py - dayglass,Editing & IDEs,2\n"
            "2026-11-06T10:00:00,600,1,github.com,Pull requests,General Software Development,2\n"
            '2026-11-06T10:00:00,300,1,youtube.com,"Cats, dogs and ""quotes""",Video,-2\n'
            "2026-11-06T11:00:00,120,1,unknown-tool,No Details,Uncategorized,0\n"
            "2026-11-06T12:00:00,180,1,youtube.com,Shorts,Video,-2\n"
            "2026-11-06T14:00:00,1200,1,Visual Studio Code,test.py - dayglass…,Editing & IDEs,2\n"
        ).encode()
    )


def test_csv_rank_of_overviews_as_recorded(seeded: Seeded):
    answer = seeded.get(format="csv", restrict_kind="overview", **DAYS)
    assert answer.content == (
        b"Rank,Time Spent (seconds),Number of People,Category\n"
        b"1,3600,1,Software Development\n"
        b"2,600,1,Communication & Scheduling\n"
        b"3,480,1,Entertainment\n"
        b"4,120,1,Uncategorized\n"
    )


def test_csv_with_no_rows_is_the_header_line(seeded: Seeded):
    answer = seeded.get(format="csv", restrict_begin="2026-01-01", restrict_end="2026-01-02")
    assert (
        answer.content
        == b"Rank,Time Spent (seconds),Number of People,Activity,Category,Productivity\n"
    )


def test_large_answers_stream_in_chunks(seeded: Seeded):
    titles = [
        {
            "id": f"t{i}",
            "start": f"2026-11-02T{8 + i // 600:02d}:{i % 600 // 10:02d}:{i % 10 * 6:02d}+01:00",
            "duration": 5,
            "app": "code",
            "title": f"file {i:04d}, a rather long window title to make the body large",
        }
        for i in range(3000)
    ]
    account = add_account(seeded.services, "streams@example.org")
    with seeded.server.client(account.key) as client:
        stored = client.post("/api/v1/events", json={"device": "d", "events": titles})
        assert stored.json()["stored"] == 3000
        answer = client.get(
            "/anapi/data.json",
            params={
                "restrict_kind": "document",
                "restrict_begin": "2026-11-02",
                "restrict_end": "2026-11-02",
            },
        )
    assert answer.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in answer.headers and len(answer.content) > 200_000
    rows = answer.json()["rows"]
    assert len(rows) == 3000 and [r[0] for r in rows] == list(range(1, 3001))


# --- 3 errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_unknown_key_gets_the_recorded_body(seeded: Seeded, fmt: str):
    with seeded.client() as client:
        answer = client.get("/anapi/data", params={"key": "INVALID KEY", "format": fmt})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert answer.content == KEY_NOT_FOUND and len(answer.content) == 54


def test_a_missing_key_and_a_revoked_key_get_the_same_body(seeded: Seeded):
    with seeded.client() as client:
        assert client.get("/anapi/data.csv").content == KEY_NOT_FOUND
        # A key of this test's own: the module's other tests keep using the seeded one.
        made, key = seeded.services.accounts.create_key(seeded.user_id, "to revoke")
        with_key = {"key": key, "format": "csv"}
        assert client.get("/anapi/data", params=with_key).content != KEY_NOT_FOUND
        seeded.services.accounts.revoke_key(made.id)
        assert client.get("/anapi/data", params=with_key).content == KEY_NOT_FOUND


BAD_QUERIES = [
    {"restrict_kind": "nonsense"},
    {"perspective": "sideways"},
    {"resolution_time": "fortnight", "perspective": "interval"},
    {"restrict_begin": "2023-02-30"},
    {"restrict_end": "yesterday"},
    {"restrict_source_type": "tablet"},
    {"restrict_schedule_id": "abc"},
    {"restrict_schedule_id": "999"},
    {"format": "xml"},
    {"restrict_thingy": "a\x00b"},
]


@pytest.mark.parametrize("params", BAD_QUERIES, ids=lambda p: str(p))
def test_a_bad_query_gets_the_query_error_even_for_csv(seeded: Seeded, params: dict):
    answer = seeded.get(**{"format": "csv", **params})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert answer.content == QUERY_ERROR


def test_an_unreadable_body_gets_the_query_error(seeded: Seeded):
    with seeded.client() as client:
        answer = client.post(
            "/anapi/data", content=b"{not json", headers={"Content-Type": "application/json"}
        )
    assert answer.content == QUERY_ERROR


# --- 2.1 URLs and credentials ----------------------------------------------------------------


def test_suffixes_choose_the_format_without_a_format_parameter(seeded: Seeded):
    assert seeded.get("/anapi/data.json", **DAYS).json()["rows"][0][3] == "Visual Studio Code"
    assert seeded.get("/anapi/data.csv", **DAYS).text.startswith("Rank,")
    assert seeded.get("/anapi/data.csv", format="json", **DAYS).text.startswith("Rank,")


def test_the_key_may_come_in_a_form_a_json_body_or_a_bearer_header(seeded: Seeded):
    expected = seeded.rows(**DAYS)
    with seeded.client() as client:
        form = client.post("/anapi/data", data={"key": seeded.key, "format": "json", **DAYS})
        body = client.post("/anapi/data.json", json={"key": seeded.key, **DAYS})
        bearer = client.get(
            "/anapi/data", params=DAYS, headers={"Authorization": f"Bearer {seeded.key}"}
        )
        query_post = client.post("/anapi/data", params={"key": seeded.key, **DAYS})
    for answer in (form, body, bearer, query_post):
        assert answer.status_code == 200 and answer.json()["rows"] == expected


# --- 2.2 parameters --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["perspective", "pv", "by"])
def test_every_name_of_perspective(seeded: Seeded, name: str):
    rows = seeded.rows(**{name: "interval"}, **FRIDAY)
    assert rows[0][0] == "2026-11-06T10:00:00"


@pytest.mark.parametrize("name", ["resolution_time", "rs", "interval", "i"])
def test_every_name_of_resolution(seeded: Seeded, name: str):
    rows = seeded.rows(perspective="interval", **{name: "day"}, **FRIDAY)
    assert {r[0] for r in rows} == {"2026-11-06T00:00:00"}


@pytest.mark.parametrize(("begin", "end"), [("restrict_begin", "restrict_end"), ("rb", "re")])
def test_every_name_of_the_dates(seeded: Seeded, begin: str, end: str):
    rows = seeded.rows(**{begin: "2026-11-08", end: "2026-11-08"})
    assert rows == [[1, 600, 1, "Slack", "Instant Message", 0]]


@pytest.mark.parametrize("name", ["restrict_kind", "rk", "taxonomy", "ty"])
def test_every_name_of_kind(seeded: Seeded, name: str):
    assert seeded.rows(**{name: "productivity"}, **DAYS)[0] == [1, 3600, 1, 2]


@pytest.mark.parametrize("thing", ["restrict_thing", "rt", "taxon", "tx"])
@pytest.mark.parametrize("thingy", ["restrict_thingy", "ry", "sub_taxon", "tn"])
def test_every_name_of_thing_and_thingy(seeded: Seeded, thing: str, thingy: str):
    rows = seeded.rows(
        restrict_kind="activity", **{thing: "github.com", thingy: "Pull requests"}, **DAYS
    )
    assert rows == [[1, 600, 1, "Pull requests", "General Software Development", 2]]


def test_source_type_restricts_to_one_kind_of_device(seeded: Seeded):
    assert seeded.rows(restrict_source_type="mobile", **DAYS) == [
        [1, 180, 1, "youtube.com", "Video", -2]
    ]
    assert len(seeded.rows(restrict_source_type="computers", **DAYS)) == 5
    assert seeded.rows(restrict_source_type="offline", **DAYS) == []


@pytest.mark.parametrize("name", ["restrict_schedule_id", "rsi", "schedule_id", "s"])
def test_every_name_of_schedule_id_keeps_time_inside_the_schedule(seeded: Seeded, name: str):
    with seeded.client() as client:
        made = client.post(
            "/api/v1/schedules",
            params={"key": seeded.key},
            json={
                "name": f"mornings ({name})",  # schedule names are unique per account
                "windows": [{"days": "mon-fri", "start": "10:00", "end": "11:00"}],
            },
        )
    assert made.status_code == 201, made.text
    rows = seeded.rows(**{name: str(made.json()["id"])}, **DAYS)
    assert rows == [
        [1, 1800, 1, "Visual Studio Code", "Editing & IDEs", 2],
        [2, 600, 1, "github.com", "General Software Development", 2],
        [3, 300, 1, "youtube.com", "Video", -2],
    ]


def test_another_users_schedule_is_the_query_error(seeded: Seeded):
    other = seeded.services.accounts.add_user("bo@example.org", "password12")
    theirs = seeded.services.schedules.add(other.id, "all", make_windows(range(7), 0, 1440))
    assert seeded.get(restrict_schedule_id=str(theirs.id), **DAYS).content == QUERY_ERROR


TOLERATED = [
    {"operation": "select", "version": "0"},
    {"op": "select", "vn": "0"},
    # restrict_project is no longer ignored: tests/test_projects.py covers it.
    {"restrict_group": "team", "restrict_user": "someone"},
    {"scopes": "time_data", "end_date": "2020-01-01"},
    {"access_token": "ignored-on-anapi"},
    {"resolution": "minute"},
]


@pytest.mark.parametrize("extra", TOLERATED, ids=lambda p: ",".join(p))
def test_legacy_and_unknown_parameters_are_ignored(seeded: Seeded, extra: dict):
    assert seeded.rows(**DAYS, **extra) == seeded.rows(**DAYS)


def test_repeated_parameters_use_the_last_value(seeded: Seeded):
    with seeded.client() as client:
        answer = client.get(
            "/anapi/data.json?restrict_kind=productivity&restrict_kind=productivity"
            f"&key={seeded.key}&restrict_begin=2026-11-06&restrict_end=2026-11-08"
        )
        last = client.get(
            "/anapi/data.json?restrict_kind=document&restrict_kind=overview"
            f"&key={seeded.key}&restrict_begin=2026-11-06&restrict_end=2026-11-08"
        )
    assert answer.json()["row_headers"][-1] == "Productivity"
    assert last.json()["row_headers"][-1] == "Category"


def test_dates_without_zero_padding(seeded: Seeded):
    assert seeded.rows(restrict_begin="2026-11-6", restrict_end="2026-11-8") == seeded.rows(**DAYS)


def test_end_before_begin_is_no_rows(seeded: Seeded):
    assert seeded.rows(restrict_begin="2026-11-08", restrict_end="2026-11-06") == []


def test_a_ten_year_range_at_five_minutes_answers(seeded: Seeded):
    rows = seeded.rows(
        perspective="interval", i="minute", restrict_begin="2020-01-01", restrict_end="2029-12-31"
    )
    assert sum(r[1] for r in rows) == 5100


@pytest.fixture(scope="module")
def today_seeded(seeded: Seeded) -> Seeded:
    """Another account: the seed plus two minutes of Slack at the start of today in Berlin."""
    midnight = seeded.services.clock.now().astimezone(BERLIN)
    midnight = midnight.replace(hour=0, minute=0, second=0, microsecond=0)
    today = ("laptop", "computers", midnight.strftime("%Y-%m-%dT%H:%M:%S"), 120, "slack")
    account = seed_account(seeded.server, "today@example.org", [*SEED, (*today, "today", None)])
    found = Seeded(seeded.url, account.key, account.user_id, seeded.services, seeded.server)
    found.today = midnight.date().isoformat()  # type: ignore[attr-defined]
    return found


def test_no_dates_means_today_in_the_users_time_zone(today_seeded: Seeded):
    assert today_seeded.rows() == [[1, 120, 1, "Slack", "Instant Message", 0]]


def test_begin_alone_runs_to_today(today_seeded: Seeded):
    assert today_seeded.rows(restrict_begin="2026-11-08") == [
        [1, 720, 1, "Slack", "Instant Message", 0]
    ]


def test_interval_defaults_to_hours_and_json(today_seeded: Seeded):
    with today_seeded.client() as client:
        answer = client.get(
            "/anapi/data", params={"key": today_seeded.key, "perspective": "interval"}
        )
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert answer.json()["rows"] == [
        [f"{today_seeded.today}T00:00:00", 120, 1, "Slack", "Instant Message", 0]
    ]
