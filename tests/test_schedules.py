"""Schedules: parsing windows, the native API and the `dayglass schedule` command."""

from __future__ import annotations

from datetime import date

import pytest

from commands import run, run_here
from dayglass.core.errors import InvalidInput
from dayglass.core.localtime import day_to_local
from dayglass.core.schedules import (
    Window,
    describe_days,
    in_schedule,
    merged,
    parse_clock,
    parse_days,
    week_ranges,
    week_second,
    windows_of,
)


def test_clock_times_are_on_five_minute_steps_up_to_midnight():
    assert parse_clock("09:05") == 545 and parse_clock("24:00") == 1440 and parse_clock("0:00") == 0
    for bad in ("9", "09:07", "24:05", "12:60", "noon", "-1:00"):
        with pytest.raises(InvalidInput):
            parse_clock(bad)


def test_day_names_ranges_and_lists():
    assert parse_days("mon-fri") == [0, 1, 2, 3, 4]
    assert parse_days("Sat,sun") == [5, 6] and parse_days("daily") == list(range(7))
    assert describe_days([0, 2, 3, 4, 6]) == "mon,wed-fri,sun"
    for bad in ("fri-mon", "funday", ""):
        with pytest.raises(InvalidInput):
            parse_days(bad)


def test_windows_merge_when_they_overlap_or_touch():
    spans = windows_of(["mon", "mon"], "09:00", "12:00") + windows_of("mon", "11:00", "13:00")
    assert merged(spans + windows_of("mon", "13:00", "14:00")) == (Window(0, 540, 840),)
    with pytest.raises(InvalidInput):
        windows_of("mon", "12:00", "12:00")


def test_week_seconds_start_on_monday_in_local_time():
    monday = day_to_local(date(2026, 11, 9))
    assert week_second(monday) == 0 and week_second(monday - 300) == 7 * 86400 - 300
    ranges = week_ranges(windows_of("mon-fri", "09:00", "17:30"))
    assert in_schedule(monday + 9 * 3600, ranges)
    assert not in_schedule(monday + 17 * 3600 + 1800, ranges)
    assert not in_schedule(monday + 5 * 86400 + 10 * 3600, ranges)  # Saturday


def test_schedules_through_the_native_api(in_process_server, account):
    client = in_process_server.client(account.key)
    made = client.post(
        "/api/v1/schedules",
        json={
            "name": "work",
            "windows": [
                {"days": "mon-fri", "start": "09:00", "end": "12:00"},
                {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "13:00", "end": "17:30"},
                {"days": ["sat"], "start": "10:00", "end": "11:00"},
            ],
        },
    )
    assert made.status_code == 201, made.text
    shown = made.json()
    assert shown["name"] == "work" and shown["windows"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "12:00"},
        {"days": ["sat"], "start": "10:00", "end": "11:00"},
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "13:00", "end": "17:30"},
    ]
    assert client.get("/api/v1/schedules").json() == [shown]
    assert client.get(f"/api/v1/schedules/{shown['id']}").json() == shown
    again = client.post(
        "/api/v1/schedules", json={"name": "work", "windows": made.json()["windows"]}
    )
    assert again.status_code == 409
    bad = client.post(
        "/api/v1/schedules",
        json={"name": "x", "windows": [{"days": "mon", "start": "9", "end": "10:00"}]},
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_input"
    empty = client.post("/api/v1/schedules", json={"name": "x", "windows": []})
    assert empty.status_code == 400
    assert client.delete(f"/api/v1/schedules/{shown['id']}").status_code == 204
    assert client.get(f"/api/v1/schedules/{shown['id']}").status_code == 404
    assert client.delete(f"/api/v1/schedules/{shown['id']}").status_code == 404


def test_another_users_schedule_is_not_found(in_process_server, account):
    services = in_process_server.services
    other = services.accounts.add_user("bo@example.org", "password12")
    theirs = services.schedules.add(other.id, "x", windows_of("mon", "09:00", "10:00"))
    client = in_process_server.client(account.key)
    assert client.get(f"/api/v1/schedules/{theirs.id}").status_code == 404
    assert client.delete(f"/api/v1/schedules/{theirs.id}").status_code == 404
    assert client.get("/api/v1/schedules").json() == []


def test_schedule_command(database_url, tmp_path, services):
    services.accounts.add_user("kim@example.org", "long enough password")
    env = {"DAYGLASS_DATABASE_URL": database_url, "DAYGLASS_DATA_DIR": str(tmp_path)}
    added = run(
        "schedule",
        "add",
        "work",
        "--user",
        "kim@example.org",
        "--window",
        "mon-fri 09:00-17:30",
        "--window",
        "sat 10:00-12:00",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    schedule_id = added.stdout.strip()
    assert schedule_id.isdigit()
    listed = run_here("schedule", "list", "--user", "kim@example.org", env=env)
    assert "work" in listed.stdout and "mon-fri 09:00-17:30" in listed.stdout
    bad = run_here(
        "schedule", "add", "x", "--user", "kim@example.org", "--window", "mon 9-5", env=env
    )
    assert bad.returncode == 1 and "error:" in bad.stderr
    assert (
        run_here("schedule", "remove", schedule_id, "--user", "kim@example.org", env=env).returncode
        == 0
    )
    assert "work" not in run_here("schedule", "list", "--user", "kim@example.org", env=env).stdout
    gone = run_here("schedule", "remove", schedule_id, "--user", "kim@example.org", env=env)
    assert gone.returncode == 1
