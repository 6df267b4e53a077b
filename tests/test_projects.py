"""Projects on both databases: rules claim time in order, hand assignments win, history follows
a changed rule, and restrict_project limits every Data API answer to a project's time."""

from __future__ import annotations

import itertools

import pytest

from serving import add_account
from test_ingest_api import DAY, batch, event, report

T = f"{DAY}T"  # the test day in Europe/Berlin (+01:00 in November)
PERSPECTIVES_AND_KINDS = [
    (p, k)
    for p, k in itertools.product(
        ["rank", "interval", "member"],
        ["overview", "category", "activity", "productivity", "efficiency", "document"],
    )
    if (p, k) != ("rank", "efficiency")
]


def _post(client, *events, device="laptop"):
    answer = client.post("/api/v1/events", json=batch(*events, device=device))
    assert answer.status_code == 200, answer.text


def _project(client, name, *rules):
    made = client.post("/api/v1/projects", json={"name": name})
    assert made.status_code == 201, made.text
    project = made.json()
    for kind, value in rules:
        added = client.post(
            f"/api/v1/projects/{project['id']}/rules", json={"kind": kind, "value": value}
        )
        assert added.status_code == 201, added.text
    return project


def _by_project(client) -> dict[str | None, int]:
    return {r["project"]: r["seconds"] for r in report(client, group_by="project")}


def _seed(client):
    """10 min of code on main.py, 5 min on notes.txt, 20 min of a Client XYZ page, 4 min chat."""
    _post(
        client,
        event(1, f"{T}09:00:00+01:00", 600, "code", "main.py"),
        event(2, f"{T}09:10:00+01:00", 300, "code", "notes.txt"),
        event(3, f"{T}10:00:00+01:00", 1200, "firefox", "Client XYZ invoice", "https://crm.io/a"),
        event(4, f"{T}11:00:00+01:00", 240, "slack", "general"),
    )


def test_rules_claim_time_in_the_order_of_projects(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed(client)
    client_xyz = _project(client, "Client XYZ", ("keyword", "client xyz"), ("keyword", "notes"))
    dayglass = _project(client, "Dayglass", ("activity", "Visual Studio Code"), ("host", "crm.io"))
    # Each moment counts once: code's notes.txt is Client XYZ's (first), main.py is Dayglass's.
    assert _by_project(client) == {"Client XYZ": 1500, "Dayglass": 600, None: 240}
    moved = client.patch(f"/api/v1/projects/{dayglass['id']}", json={"position": 1})
    assert moved.json()["position"] == 1
    assert _by_project(client) == {"Dayglass": 2100, None: 240}
    assert sum(_by_project(client).values()) == 600 + 300 + 1200 + 240
    assert client.get("/api/v1/projects").json()[1]["id"] == client_xyz["id"]


def test_a_changed_rule_changes_history(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed(client)
    project = _project(client, "Chat")
    assert _by_project(client) == {None: 2340}
    rule = client.post(
        f"/api/v1/projects/{project['id']}/rules", json={"kind": "activity_pattern", "value": "sl*"}
    ).json()
    assert _by_project(client) == {"Chat": 240, None: 2100}
    gone = client.delete(f"/api/v1/projects/{project['id']}/rules/{rule['id']}")
    assert gone.status_code == 204
    assert _by_project(client) == {None: 2340}
    regex = {"kind": "regex", "value": r"^(main\.py|general)$"}
    assert client.post(f"/api/v1/projects/{project['id']}/rules", json=regex).status_code == 201
    assert _by_project(client) == {"Chat": 840, None: 1500}


def test_hand_assignments_win_over_rules(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed(client)
    code = _project(client, "Code", ("activity", "Visual Studio Code"))
    admin = _project(client, "Admin")
    # 09:05-09:10 and 10:00-10:10 by hand: 5 minutes of code and 10 of the page.
    for start, end in (("09:05", "09:10"), ("10:00", "10:10")):
        made = client.post(
            f"/api/v1/projects/{admin['id']}/assignments",
            json={"day": DAY, "start": start, "end": end},
        )
        assert made.status_code == 201, made.text
    assert _by_project(client) == {"Code": 600, "Admin": 900, None: 840}
    rows = report(client, project="admin", group_by="activity")
    assert {r["activity"]: r["seconds"] for r in rows} == {
        "Visual Studio Code": 300,
        "crm.io": 600,
    }
    assignment = client.get(f"/api/v1/projects/{admin['id']}").json()["assignments"][0]
    assert client.delete(f"/api/v1/projects/assignments/{assignment['id']}").status_code == 204
    assert _by_project(client) == {"Code": 900, "Admin": 600, None: 840}
    assert client.delete(f"/api/v1/projects/{code['id']}").status_code == 204
    assert _by_project(client) == {"Admin": 600, None: 1740}


def test_bad_project_input_is_refused(in_process_server, account):
    client = in_process_server.client(account.key)
    project = _project(client, "P")
    bad_rule = {"kind": "regex", "value": "("}
    assert client.post(f"/api/v1/projects/{project['id']}/rules", json=bad_rule).status_code == 400
    late = {"day": DAY, "start": "10:00", "end": "09:00"}
    answer = client.post(f"/api/v1/projects/{project['id']}/assignments", json=late)
    assert answer.status_code == 400
    assert client.post("/api/v1/projects", json={"name": "  "}).status_code == 400
    assert client.get("/api/v1/report", params={"project": "nope"}).status_code == 404
    assert client.get("/api/v1/projects/999999").status_code == 404


def _other_person(in_process_server, services, *events):
    """A client of another person (Grace, shown as Ada) who has only these events."""
    only = add_account(services, "grace@example.org", "Ada")
    other = in_process_server.client(only.key)
    _post(other, *events, device="elsewhere")
    return other


def _data(client, **params):
    answer = client.get(
        "/anapi/data", params={"restrict_begin": DAY, "restrict_end": DAY, **params}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize(("perspective", "kind"), PERSPECTIVES_AND_KINDS)
def test_restrict_project_answers_as_if_only_its_time_were_there(
    in_process_server, services, account, perspective, kind
):
    client = in_process_server.client(account.key)
    _seed(client)
    _project(client, "Client XYZ", ("keyword", "Client XYZ"), ("activity", "Visual Studio Code"))
    _project(client, "client xyz", ("activity", "slack"))
    # Another person with only that project's time: the same answer without restrict_project.
    other = _other_person(
        in_process_server,
        services,
        event(1, f"{T}09:00:00+01:00", 600, "code", "main.py"),
        event(2, f"{T}09:10:00+01:00", 300, "code", "notes.txt"),
        event(3, f"{T}10:00:00+01:00", 1200, "firefox", "Client XYZ invoice", "https://crm.io/a"),
    )
    asked = {"perspective": perspective, "restrict_kind": kind, "resolution_time": "hour"}
    expected = _data(other, **asked)
    assert expected["rows"]
    assert _data(client, restrict_project="Client XYZ", **asked) == expected
    assert _data(client, rj="Client XYZ", **asked) == expected
    # Case-insensitively only when no name matches exactly; the first of duplicates.
    assert _data(client, rj="CLIENT XYZ", **asked) == expected
    chat = _data(client, rj="client xyz", **asked)
    assert chat["rows"] and chat != expected
    # As for a restrict_thing that names nothing: the same envelope, no rows.
    assert _data(client, rj="No such project", **asked) == {**expected, "rows": []}
    assert _data(client, restrict_thing="No such activity", **asked)["rows"] == []


# The work laptop's events: 10 min of code on main.py, 5 min of chat.
_LAPTOP = (
    event(1, f"{T}09:00:00+01:00", 600, "code", "main.py"),
    event(2, f"{T}11:00:00+01:00", 300, "slack", "general"),
)


def _seed_devices(client):
    """The same 10 minutes of code on main.py on the laptop and on the desktop (a moment each
    device counts), 20 min of a Client XYZ page on the desktop, 5 min of chat on the laptop, and
    time of no device: a RescueTime import's 3 min and 2 min of offline time."""
    code = ("code", "main.py")
    _post(client, *_LAPTOP, device="Work Laptop")
    _post(
        client,
        event(1, f"{T}09:00:00+01:00", 600, *code),
        event(2, f"{T}10:00:00+01:00", 1200, "firefox", "Client XYZ invoice", "https://crm.io/a"),
        device="desktop",
    )
    _post(client, event(1, f"{T}12:00:00+01:00", 180, *code), device="import/rescuetime")
    offline = {
        **batch(event(1, f"{T}13:00:00+01:00", 120, "Meeting", "")),
        "source_type": "offline",
    }
    assert client.post("/api/v1/events", json=offline).status_code == 200


def test_a_device_rule_claims_exactly_that_devices_time(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed_devices(client)
    _project(client, "Work", ("device", "WORK LAPTOP"))
    assert _by_project(client) == {"Work": 900, None: 1800 + 180 + 120}
    rows = report(client, project="Work", group_by="activity")
    assert {r["activity"]: r["seconds"] for r in rows} == {"Visual Studio Code": 600, "Slack": 300}
    # Imported and offline time has no device: no device rule claims it, whatever its name.
    _project(client, "Imported", ("device", "import/rescuetime"), ("device", "laptop"))
    assert _by_project(client) == {"Work": 900, None: 1800 + 180 + 120}
    listed = client.get("/api/v1/projects").json()
    assert [(r["kind"], r["value"]) for r in listed[0]["rules"]] == [("device", "WORK LAPTOP")]


def test_rule_order_decides_between_a_device_rule_and_a_keyword_rule(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed_devices(client)
    work = _project(client, "Work", ("device", "work laptop"))
    _project(client, "Python", ("keyword", ".py"))
    # The laptop's main.py is Work's (first); the desktop's and the import's are Python's.
    assert _by_project(client) == {"Work": 900, "Python": 780, None: 1320}
    client.patch(f"/api/v1/projects/{work['id']}", json={"position": 2})
    assert _by_project(client) == {"Python": 1380, "Work": 300, None: 1320}


def test_hand_assignments_win_over_a_device_rule(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed_devices(client)
    _project(client, "Work", ("device", "Work Laptop"))
    admin = _project(client, "Admin")
    made = client.post(
        f"/api/v1/projects/{admin['id']}/assignments",
        json={"day": DAY, "start": "09:05", "end": "09:10"},
    )
    assert made.status_code == 201, made.text
    # 09:05-09:10 by hand: 5 minutes of each device's code, the laptop's taken from Work.
    assert _by_project(client) == {"Work": 600, "Admin": 600, None: 1800}


def test_a_changed_device_rule_re_sorts_history(in_process_server, account):
    client = in_process_server.client(account.key)
    _seed_devices(client)
    project = _project(client, "Work")
    rule = client.post(
        f"/api/v1/projects/{project['id']}/rules", json={"kind": "device", "value": "desktop"}
    ).json()
    assert _by_project(client) == {"Work": 1800, None: 900 + 180 + 120}
    client.delete(f"/api/v1/projects/{project['id']}/rules/{rule['id']}")
    assert _by_project(client) == {None: 3000}
    added = {"kind": "device", "value": "Work Laptop"}
    assert client.post(f"/api/v1/projects/{project['id']}/rules", json=added).status_code == 201
    assert _by_project(client) == {"Work": 900, None: 2100}
    # Whole days by day and by week (which read the daily rollups without device rules) agree.
    for resolution in ("day", "week"):
        rows = report(client, project="Work", resolution=resolution)
        assert sum(r["seconds"] for r in rows) == 900


@pytest.mark.parametrize(
    ("perspective", "kind"),
    [("rank", "activity"), ("interval", "document"), ("member", "productivity")],
)
def test_restrict_project_with_a_device_project(
    in_process_server, services, account, perspective, kind
):
    client = in_process_server.client(account.key)
    _seed_devices(client)
    _project(client, "Work", ("device", "Work Laptop"))
    # Another person with only the laptop's time: the same answer without restrict_project.
    other = _other_person(in_process_server, services, *_LAPTOP)
    for resolution in ("hour", "day"):
        asked = {"perspective": perspective, "restrict_kind": kind, "resolution_time": resolution}
        expected = _data(other, **asked)
        assert expected["rows"]
        assert _data(client, restrict_project="Work", **asked) == expected
