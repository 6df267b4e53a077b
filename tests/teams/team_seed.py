"""An organization whose answers are known by construction.

Acme has two groups. Every member spent time on DAY in `code` (Editing & IDEs, Software
Development, very productive) on the document `main.py`, each a different number of seconds:

| member | group | shares     | by name | seconds |
| Tess   | A     | totals     | yes     | 600     |
| Cato   | A     | categories | yes     | 1200    |
| Avi    | A     | activities | no      | 1800    |
| Dora   | B     | documents  | yes     | 2400    |

Olivia owns Acme, Alan is an admin, Mona manages group A only. Mona also spent 60 s of her
own (she is in no group). Zed's organization Other has Yuri, who spent 3000 s.
"""

from __future__ import annotations

from dataclasses import dataclass

from dayglass.core.teams import Role, Share
from dayglass.services.registry import Services
from serving import Account, add_account

DAY = "2026-11-20"
NOW = "2026-11-25T15:30"


def spend(
    services: Services, user_id: int, seconds: int, app: str = "code", title: str = "main.py"
) -> None:
    """Seconds in app on DAY at 09:00 Berlin time."""
    event = {
        "id": f"{app}-{title}",
        "start": f"{DAY}T09:00:00+01:00",
        "duration": seconds,
        "app": app,
        "title": title,
    }
    services.ingest.ingest(user_id, {"device": "laptop", "events": [event]})


@dataclass
class Team:
    """The seeded organizations and the keys that read them."""

    org_id: int
    other_org_id: int
    groups: dict[str, int]
    people: dict[str, Account]
    admin_key: str  # Alan's organization key
    manager_key: str  # Mona's organization key (group A)
    other_key: str  # Zed's organization key for Other


def join(
    services: Services, org_id: int, person: Account, share: Share, by_name: bool = True
) -> None:
    """The person joins with an invitation's code."""
    _, code = services.teams.invite(None, org_id)
    services.teams.join(person.user_id, code, share, by_name)


def seed_team(services: Services) -> Team:
    """Acme and Other as the module docstring says."""
    teams = services.teams
    people = {
        name: add_account(services, f"{name.lower()}@example.org", name)
        for name in ("Olivia", "Alan", "Mona", "Tess", "Cato", "Avi", "Dora", "Zed", "Yuri")
    }
    org = teams.create("Acme", people["Olivia"].user_id)
    for name, share, by_name in (
        ("Alan", Share.TOTALS, True),
        ("Mona", Share.TOTALS, True),
        ("Tess", Share.TOTALS, True),
        ("Cato", Share.CATEGORIES, True),
        ("Avi", Share.ACTIVITIES, False),
        ("Dora", Share.DOCUMENTS, True),
    ):
        join(services, org.id, people[name], share, by_name)
    owner = people["Olivia"].user_id
    teams.set_role(owner, org.id, people["Alan"].user_id, Role.ADMIN)
    teams.set_role(owner, org.id, people["Mona"].user_id, Role.MANAGER)
    groups = {name: teams.add_group(owner, org.id, name).id for name in ("A", "B")}
    for name, group in (("Tess", "A"), ("Cato", "A"), ("Avi", "A"), ("Dora", "B")):
        teams.link(owner, org.id, groups[group], people[name].user_id, "members", True)
    teams.link(owner, org.id, groups["A"], people["Mona"].user_id, "managers", True)
    for name, seconds in (("Tess", 600), ("Cato", 1200), ("Avi", 1800), ("Dora", 2400)):
        spend(services, people[name].user_id, seconds)
    spend(services, people["Mona"].user_id, 60)
    other = teams.create("Other", people["Zed"].user_id)
    join(services, other.id, people["Yuri"], Share.DOCUMENTS)
    spend(services, people["Yuri"].user_id, 3000)
    return Team(
        org.id,
        other.id,
        groups,
        people,
        teams.create_key(people["Alan"].user_id, org.id)[1],
        teams.create_key(people["Mona"].user_id, org.id)[1],
        teams.create_key(people["Zed"].user_id, other.id)[1],
    )
