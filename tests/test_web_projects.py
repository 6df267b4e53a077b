"""The Projects page, its live rule preview, the project report and the dashboard's project
filter: in a real browser, and over real HTTP on both databases."""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, expect

from dayglass.core.clock import ManualClock
from dayglass.http.web.projects_pages import ACTIONS
from serving import add_account
from test_ingest_api import batch, event
from test_web_feature_pages import nav, page, shot
from test_web_input import signed_in

__all__ = ["page", "signed_in"]  # fixtures, imported for pytest

DAY = "2026-11-20"  # a Friday; its week is Sunday 15 to Saturday 21 November
T = f"{DAY}T"
WEEK = {"span": "week", "day": DAY}


@pytest.fixture
def clock() -> ManualClock:
    """Wednesday 2026-11-25 in Berlin: the test day is within the preview's 30 days."""
    return ManualClock.at_local("2026-11-25T15:30")


def seed(live_server, key: str) -> None:
    """10 min of code, 20 min on a Client XYZ invoice page, 15 min on a Client XYZ contract."""
    answer = live_server.client(key).post(
        "/api/v1/events",
        json=batch(
            event(1, f"{T}09:00:00+01:00", 600, "code", "main.py"),
            event(
                2, f"{T}10:00:00+01:00", 1200, "firefox", "Client XYZ invoice", "https://crm.io/a"
            ),
            event(3, f"{T}11:00:00+01:00", 900, "libreoffice", "Client XYZ contract.odt"),
        ),
    )
    assert answer.status_code == 200, answer.text


def csrf(client: httpx.Client, path: str = "/projects") -> str:
    """The form token on a page."""
    page = client.get(path).text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def post(client: httpx.Client, path: str, **fields: str) -> httpx.Response:
    """Post a form of the Projects page with the session's token."""
    return client.post(path, data={"csrf": csrf(client), **fields})


def alert(answer: httpx.Response) -> str:
    """The error message a page shows."""
    found = re.search(r'<p class="error" role="alert">([^<]*)</p>', answer.text)
    assert found, answer.text[:800]
    return found.group(1).replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_create_a_project_preview_a_keyword_rule_and_see_the_report(
    page: Page, live_server, account
):
    seed(live_server, account.key)
    nav(page, "Projects")
    page.get_by_label("New project").fill("Client XYZ")
    page.get_by_role("button", name="Add project").click()
    project = page.get_by_test_id(re.compile(r"^project-\d+$"))
    expect(project.get_by_role("heading", name="1. Client XYZ")).to_be_visible()
    expect(page.get_by_label("Rule for Client XYZ")).to_have_value("keyword")
    page.get_by_label("Value for Client XYZ").press_sequentially("client xyz")
    preview = project.get_by_test_id(re.compile(r"^preview-\d+$"))
    # 20 min on the invoice page and 15 on the contract: the rule's 35 minutes, before saving.
    expect(preview).to_contain_text("This rule matches 35m from 2026-10-27 to 2026-11-25.")
    expect(preview).to_contain_text("Client XYZ invoice · 20m")
    expect(preview).to_contain_text("Client XYZ contract.odt · 15m")
    shot(page, "projects-preview")
    page.get_by_label("Value for Client XYZ").fill("client (xyz")
    page.get_by_label("Rule for Client XYZ").select_option("regex")
    expect(preview).to_contain_text("value: not a regular expression")
    page.get_by_label("Rule for Client XYZ").select_option("keyword")
    page.get_by_label("Value for Client XYZ").fill("client xyz")
    expect(preview).to_contain_text("This rule matches 35m")
    page.get_by_role("button", name="Add rule to Client XYZ").click()
    expect(project.get_by_test_id(re.compile(r"^rules-\d+$"))).to_contain_text("client xyz")
    shot(page, "projects")
    page.get_by_role("link", name="Project report").click()
    page.get_by_label("of", exact=True).fill(DAY)
    page.get_by_role("button", name="Show").click()
    report = page.get_by_test_id("project-report")
    expect(report.locator("tbody tr", has_text="Client XYZ")).to_contain_text("35m")
    expect(report.locator("tbody tr", has_text="No project")).to_contain_text("10m")
    expect(report.locator("tfoot")).to_contain_text("45m")
    shot(page, "project-report")


def test_bad_input_gets_its_message_and_keeps_what_was_typed(signed_in, services, account):
    answer = post(signed_in, "/projects", name="   ")
    assert answer.status_code == 400
    assert alert(answer) == "name: must not be blank"
    project = services.projects.add(account.user_id, "Dayglass")
    answer = post(signed_in, f"/projects/{project.id}/rules", kind="regex", value="(unclosed")
    assert answer.status_code == 400
    assert alert(answer).startswith("value: not a regular expression")
    assert 'value="(unclosed"' in answer.text
    answer = post(signed_in, f"/projects/{project.id}/rules", kind="colour", value="red")
    assert answer.status_code == 400
    assert alert(answer).startswith("kind: must be one of activity, ")
    for start, end, message in [
        ("25:00", "26:00", "time '25:00': not a time of day"),
        ("09:03", "10:00", "time '09:03': must be on a 5-minute step"),
        ("nine", "10:00", "time 'nine': expected HH:MM"),
        ("11:00", "10:00", "start, end: need 00:00 <= start < end <= 24:00"),
    ]:
        answer = post(
            signed_in, f"/projects/{project.id}/assignments", day=DAY, start=start, end=end
        )
        assert answer.status_code == 400, answer.text[:300]
        assert alert(answer) == message
        assert f'value="{start}"' in answer.text
    answer = post(
        signed_in,
        f"/projects/{project.id}/assignments",
        day="2026-02-30",
        start="09:00",
        end="10:00",
    )
    assert (answer.status_code, alert(answer)) == (400, "day: expected YYYY-MM-DD")
    answer = post(signed_in, f"/projects/{project.id}/move", direction="up")
    assert (answer.status_code, alert(answer)) == (400, "position: must be from 1 to 1")
    preview = signed_in.get("/projects/preview", params={"kind": "regex", "value": "a("})
    assert preview.status_code == 400
    assert preview.json()["error"].startswith("value: not a regular expression")
    assert services.projects.book(account.user_id).projects[0].rules == ()
    assert services.projects.book(account.user_id).assignments == []


def test_a_form_without_the_session_token_is_refused(signed_in, services, account):
    answer = signed_in.post("/projects", data={"csrf": "forged", "name": "Sneaky"})
    assert answer.status_code == 400
    assert alert(answer) == "This form has expired. Reload the page and try again."
    project = services.projects.add(account.user_id, "Kept")
    answer = signed_in.post(f"/projects/{project.id}/delete", data={"name": "x"})
    assert answer.status_code == 400
    assert [p.name for p in services.projects.book(account.user_id).projects] == ["Kept"]


def test_another_users_project_answers_404(signed_in, services, account, live_server):
    bob = add_account(services, "bob@example.org", "Bob")
    seed(live_server, bob.key)
    theirs = services.projects.add(bob.user_id, "Bob's")
    rule = services.projects.add_rule(bob.user_id, theirs.id, "keyword", "client")
    assigned = services.projects.assign(
        bob.user_id, theirs.id, services.clock.now().date(), "09:00", "10:00"
    )
    for path, fields in [
        (f"/projects/{theirs.id}/rename", {"name": "Mine now"}),
        (f"/projects/{theirs.id}/move", {"direction": "down"}),
        (f"/projects/{theirs.id}/delete", {}),
        (f"/projects/{theirs.id}/rules", {"kind": "keyword", "value": "x"}),
        (f"/projects/{theirs.id}/rules/{rule.id}/delete", {}),
        (f"/projects/{theirs.id}/assignments", {"day": DAY, "start": "09:00", "end": "10:00"}),
        (f"/projects/assignments/{assigned.id}/delete", {}),
    ]:
        answer = post(signed_in, path, **fields)
        assert answer.status_code == 404, (path, answer.text[:300])
    assert signed_in.get(f"/projects/{theirs.id}/delete").status_code == 404
    assert "Bob&#39;s" not in signed_in.get("/projects").text
    kept = services.projects.project(bob.user_id, theirs.id)
    assert (kept.name, kept.rules) == ("Bob's", (rule,))
    assert [a.id for a in services.projects.book(bob.user_id).assignments] == [assigned.id]
    # A preview reads only the signed-in user's time: Ada has none, Bob's is not hers to see.
    preview = signed_in.get("/projects/preview", params={"kind": "keyword", "value": "client"})
    assert preview.json()["seconds"] == 0
    assert preview.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_device_rule_offers_the_devices_and_previews_their_time(page: Page, live_server, account):
    seed(live_server, account.key)
    other = batch(event(9, f"{T}12:00:00+01:00", 300, "code", "main.py"), device="desktop")
    assert live_server.client(account.key).post("/api/v1/events", json=other).status_code == 200
    nav(page, "Projects")
    page.get_by_label("New project").fill("Work")
    page.get_by_role("button", name="Add project").click()
    project = page.get_by_test_id(re.compile(r"^project-\d+$"))
    value = page.get_by_label("Value for Work")
    expect(value).not_to_have_attribute("list", "device-names")
    page.get_by_label("Rule for Work").select_option("device")
    # The devices' names are offered while the rule is a device rule.
    expect(value).to_have_attribute("list", "device-names")
    options = page.locator("#device-names option")
    expect(options).to_have_count(2)
    assert [options.nth(i).get_attribute("value") for i in range(2)] == ["desktop", "laptop"]
    value.press_sequentially("LAPTOP")
    preview = project.get_by_test_id(re.compile(r"^preview-\d+$"))
    # The laptop's 45 minutes; the desktop's 5 are not the rule's.
    expect(preview).to_contain_text("This rule matches 45m from 2026-10-27 to 2026-11-25.")
    page.get_by_role("button", name="Add rule to Work").click()
    rules = project.get_by_test_id(re.compile(r"^rules-\d+$"))
    expect(rules).to_contain_text("Device is")
    expect(rules).to_contain_text("LAPTOP")
    shot(page, "projects-device-rule")


def test_the_preview_answers_what_the_rule_would_claim(signed_in, live_server, account, services):
    seed(live_server, account.key)
    earlier = services.projects.add(account.user_id, "Earlier")
    services.projects.add_rule(account.user_id, earlier.id, "host", "crm.io")
    # The rule is previewed on its own: the invoice page counts though Earlier claims it.
    answer = signed_in.get("/projects/preview", params={"kind": "keyword", "value": "CLIENT xyz"})
    assert answer.status_code == 200
    assert answer.json() == {
        "begin": "2026-10-27",
        "end": "2026-11-25",
        "seconds": 2100,
        "total": "35m",
        "activities": [
            {"name": "crm.io", "time": "20m"},
            {"name": "LibreOffice", "time": "15m"},
        ],
        "documents": [
            {"activity": "crm.io", "name": "Client XYZ invoice", "time": "20m"},
            {"activity": "LibreOffice", "name": "Client XYZ contract.odt", "time": "15m"},
        ],
    }


def test_order_rename_assign_and_delete_with_a_confirmation(signed_in, services, account):
    first = services.projects.add(account.user_id, "First")
    second = services.projects.add(account.user_id, "Second")
    answer = post(signed_in, f"/projects/{second.id}/move", direction="up")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/projects#project-{second.id}"
    book = services.projects.book(account.user_id)
    assert [p.name for p in book.projects] == ["Second", "First"]
    assert post(signed_in, f"/projects/{first.id}/rename", name=" Renamed ").status_code == 303
    assert (
        post(
            signed_in, f"/projects/{first.id}/assignments", day=DAY, start="09:00", end="24:00"
        ).status_code
        == 303
    )
    page = signed_in.get("/projects").text
    assert "2. Renamed" in page and "09:00" in page and "24:00" in page
    (assigned,) = services.projects.book(account.user_id).assignments
    assert post(signed_in, f"/projects/assignments/{assigned.id}/delete").status_code == 303
    assert services.projects.book(account.user_id).assignments == []
    confirm = signed_in.get(f"/projects/{first.id}/delete")
    assert confirm.status_code == 200
    assert "Delete the project Renamed?" in confirm.text
    assert services.projects.project(account.user_id, first.id).name == "Renamed"
    assert post(signed_in, f"/projects/{first.id}/delete").status_code == 303
    assert [p.name for p in services.projects.book(account.user_id).projects] == ["Second"]


def test_the_project_report_csv(signed_in, live_server, account, services):
    seed(live_server, account.key)
    client_xyz = services.projects.add(account.user_id, "=Client XYZ")
    services.projects.add_rule(account.user_id, client_xyz.id, "keyword", "client xyz")
    services.projects.add(account.user_id, "Idle project")
    code = services.projects.add(account.user_id, "Code")
    services.projects.assign(
        account.user_id, code.id, services.clock.now().date(), "09:00", "10:00"
    )
    services.projects.assign(account.user_id, code.id, date.fromisoformat(DAY), "09:00", "09:05")
    answer = signed_in.get("/projects/report", params={**WEEK, "format": "csv"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == (
        'attachment; filename="dayglass-projects-2026-11-15-2026-11-21.csv"'
    )
    assert answer.text == (
        "project,2026-11-15,2026-11-16,2026-11-17,2026-11-18,2026-11-19,2026-11-20,2026-11-21,total\n"
        "'=Client XYZ,0,0,0,0,0,2100,0,2100\n"
        "Idle project,0,0,0,0,0,0,0,0\n"
        "Code,0,0,0,0,0,300,0,300\n"
        "No project,0,0,0,0,0,300,0,300\n"
    )
    weekly = signed_in.get(
        "/projects/report", params={"span": "month", "day": DAY, "per": "week", "format": "csv"}
    )
    assert weekly.text == (
        "project,2026-11-01,2026-11-08,2026-11-15,2026-11-22,2026-11-29,total\n"
        "'=Client XYZ,0,0,2100,0,0,2100\n"
        "Idle project,0,0,0,0,0,0\n"
        "Code,0,0,300,0,0,300\n"
        "No project,0,0,300,0,0,300\n"
    )
    html = signed_in.get("/projects/report", params=WEEK)
    assert html.status_code == 200
    assert "=Client XYZ" in html.text and "No project" in html.text


def test_the_dashboard_filter_keeps_the_project_between_days(
    signed_in, live_server, account, services
):
    seed(live_server, account.key)
    project = services.projects.add(account.user_id, "Client XYZ")
    services.projects.add_rule(account.user_id, project.id, "keyword", "client xyz")
    everything = signed_in.get("/", params={"day": DAY})
    assert 'data-testid="total">45m<' in everything.text
    assert '<option value="">every project</option>' in everything.text
    only = signed_in.get("/", params={"day": DAY, "project": str(project.id)})
    assert only.status_code == 200
    assert 'data-testid="total">35m<' in only.text
    assert f'<option value="{project.id}" selected>Client XYZ</option>' in only.text
    assert "in the project <strong>Client XYZ</strong>" in only.text
    assert f'day=2026-11-19&project={project.id}">← Previous' in only.text
    assert f'day=2026-11-21&project={project.id}">Next →' in only.text
    assert f"&activity=LibreOffice&project={project.id}" in only.text
    for unknown in ["999999", "abc", "-1", ""]:
        ignored = signed_in.get("/", params={"day": DAY, "project": unknown})
        assert ignored.status_code == 200
        assert 'data-testid="total">45m<' in ignored.text


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
ODD = st.one_of(
    TEXT,
    st.sampled_from(
        ["week", "month", "day", "2026-02-30", DAY, "9999-12-31", "csv", "regex", "(", "24:00"]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        ["/projects", "/projects/report", "/projects/preview", "/projects/1/delete", "/"]
    ),
    params=st.dictionaries(
        st.sampled_from(["span", "day", "per", "format", "kind", "value", "project"]),
        ODD,
        max_size=4,
    ),
)
def test_project_pages_never_answer_500(signed_in, path, params):
    answer = signed_in.get(path, params=params)
    assert answer.status_code < 500, (path, params, answer.text[:500])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from([action.path for action in ACTIONS]),
    fields=st.dictionaries(
        st.sampled_from(["name", "direction", "kind", "value", "day", "start", "end"]),
        ODD,
        max_size=4,
    ),
)
def test_project_forms_never_answer_500(signed_in, services, account, path, fields):
    if not services.projects.book(account.user_id).projects:
        services.projects.add(account.user_id, "Some project")
    ids = {"project_id": 1, "rule_id": 1, "assignment_id": 1}
    url = re.sub(r"\{(\w+):int\}", lambda m: str(ids[m.group(1)]), path)
    answer = post(signed_in, url, **fields)
    assert answer.status_code < 500, (url, fields, answer.text[:500])
