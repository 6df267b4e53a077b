"""The web app's data page: a zip of the export, and deletions that ask for confirmation."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import httpx
import orjson
import pytest
from sqlalchemy import Engine

from dayglass.composition import build_services
from dayglass.core.clock import ManualClock
from dayglass.core.errors import NotFound
from export.seeding import seed_person
from serving import PASSWORD, LiveServer, in_process_server_on


@pytest.fixture
def clock() -> ManualClock:
    """The seeding's clock."""
    return ManualClock.at_local("2026-11-10T12:00")


@pytest.fixture
def server(engine: Engine, tmp_path, clock: ManualClock) -> Iterator[LiveServer]:
    """The app in process over a database holding the seeded person."""
    seed_person(build_services(engine, clock), engine, clock)
    with in_process_server_on(engine, tmp_path, clock) as served:
        yield served


def _token(client: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


@pytest.fixture
def browser(server: LiveServer) -> Iterator[httpx.Client]:
    """A client signed in as the seeded person."""
    with server.client() as client:
        client.follow_redirects = False
        form = {"csrf": _token(client, "/login"), "email": "grace@example.org"}
        answer = client.post("/login", data={**form, "password": PASSWORD, "next": "/"})
        assert answer.status_code == 303, answer.text
        yield client


def _day_seconds(server: LiveServer, day: str) -> int:
    user = server.services.accounts.user_by_email("grace@example.org")
    _, key = server.services.accounts.create_key(user.id, "check")
    params = {"restrict_begin": day, "restrict_end": day, "format": "json"}
    with server.client(key) as client:
        rows = client.get("/anapi/data", params=params).json()["rows"]
    return sum(row[1] for row in rows)


def test_the_page_downloads_a_zip_of_the_export(browser: httpx.Client) -> None:
    """The zip holds the manifest and each kind's file with the rows the manifest counts."""
    page = browser.get("/account/data")
    assert page.status_code == 200 and "Download (JSON Lines)" in page.text
    for file_format in ("jsonl", "csv"):
        answer = browser.get("/account/data/export.zip", params={"format": file_format})
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/zip"
        assert "attachment" in answer.headers["content-disposition"]
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            manifest = orjson.loads(archive.read("manifest.json"))
            assert manifest["file_format"] == file_format
            events = archive.read(manifest["kinds"]["events"]["file"]).splitlines()
            header = 1 if file_format == "csv" else 0
            assert len(events) - header == manifest["kinds"]["events"]["rows"] > 600


def test_signed_out_the_page_and_the_zip_ask_to_sign_in(server: LiveServer) -> None:
    """Nothing is downloaded without a session."""
    with server.client() as client:
        answer = client.get("/account/data/export.zip", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_deleting_a_range_needs_the_form_token_and_the_email(
    browser: httpx.Client, server: LiveServer
) -> None:
    """Without the token or with another email nothing goes; confirmed, the days' time goes."""
    before = _day_seconds(server, "2026-11-04")
    assert before > 0
    form = {"first": "2026-11-04", "last": "2026-11-04", "confirm": "grace@example.org"}
    assert browser.post("/account/data/delete-range", data=form).status_code == 400
    token = _token(browser, "/account/data")
    wrong = browser.post(
        "/account/data/delete-range", data={**form, "csrf": token, "confirm": "x@example.org"}
    )
    assert wrong.status_code == 400 and "type your email" in wrong.text
    assert _day_seconds(server, "2026-11-04") == before
    done = browser.post("/account/data/delete-range", data={**form, "csrf": token})
    assert done.status_code == 200 and "Deleted your time" in done.text
    assert _day_seconds(server, "2026-11-04") == 0
    assert _day_seconds(server, "2026-11-03") > 0


def test_deleting_the_account_needs_confirmation_then_signs_out(
    browser: httpx.Client, server: LiveServer
) -> None:
    """A wrong email keeps the account; the right one deletes it and ends the session."""
    token = _token(browser, "/account/data")
    accounts = server.services.accounts
    wrong = browser.post(
        "/account/data/delete-account", data={"csrf": token, "confirm": "grace@example"}
    )
    assert wrong.status_code == 400
    user = accounts.user_by_email("grace@example.org")
    done = browser.post(
        "/account/data/delete-account", data={"csrf": token, "confirm": "Grace@example.org"}
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/login")
    with pytest.raises(NotFound):
        accounts.user(user.id)
    assert browser.get("/account/data").status_code == 303
