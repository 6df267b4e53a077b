"""Teams: organizations, their members, groups and invitations, and what a member shares.

What an organization may read of a member is the member's consent: a level of detail (each
level adds to the one before) and whether they appear by name or only inside group totals.
`consented` turns a report question into the part of it a member's consent allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from dayglass.core.query import GroupBy, Question, ReportRow


class Role(StrEnum):
    """A member's role: owners and admins manage, managers read their groups' reports."""

    OWNER = "owner"
    ADMIN = "admin"
    MANAGER = "manager"
    MEMBER = "member"

    @property
    def administers(self) -> bool:
        """Whether the role manages members, groups and invitations (and sees every group)."""
        return self in (Role.OWNER, Role.ADMIN)

    @property
    def reads_reports(self) -> bool:
        """Whether the role may read team reports (managers: of the groups they manage)."""
        return self is not Role.MEMBER


class Share(IntEnum):
    """How much of their time a member lets an organization see; each level adds to the last."""

    TOTALS = 1  # time by productivity level and by overview only
    CATEGORIES = 2  # and by sub-category
    ACTIVITIES = 3  # and by activity (application or site)
    DOCUMENTS = 4  # and by document (window and page titles), keyword search, projects

    @property
    def label(self) -> str:
        """The level's name as the API and the command line spell it."""
        return self.name.lower()

    @classmethod
    def named(cls, name: str) -> Share:
        """The level of a name (`totals`, `categories`, `activities`, `documents`)."""
        try:
            return cls[name.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"share: one of {names}") from None


SHARE_NAMES = tuple(s.label for s in Share)

# The level a grouping needs.
_GROUP_NEEDS = {
    GroupBy.PRODUCTIVITY: Share.TOTALS,
    GroupBy.OVERVIEW: Share.TOTALS,
    GroupBy.CATEGORY: Share.CATEGORIES,
    GroupBy.ACTIVITY: Share.ACTIVITIES,
    GroupBy.DOCUMENT: Share.DOCUMENTS,
    GroupBy.PROJECT: Share.DOCUMENTS,  # project rules look at titles and keywords
}


def needed_share(question: Question) -> Share:
    """The least level of sharing whose holder's time may answer question."""
    f = question.filters
    needs = [_GROUP_NEEDS[question.group_by]]
    if f.category is not None:
        needs.append(Share.CATEGORIES)
    if f.activity is not None:
        needs.append(Share.ACTIVITIES)
    if f.document is not None or f.search is not None or f.project is not None:
        needs.append(Share.DOCUMENTS)
    return max(needs)


def consented(question: Question, share: Share) -> Question | None:
    """The question as a member sharing `share` may answer it, or None: they add nothing.

    Nothing is estimated: a question that needs more than the member shares leaves their time
    out entirely rather than answering part of it.
    """
    return question if needed_share(question) <= share else None


@dataclass(frozen=True, slots=True)
class Organization:
    """A team on this server."""

    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Member:
    """A person in an organization: their role and their consent."""

    org_id: int
    user_id: int
    display_name: str
    email: str
    role: Role
    share: Share
    by_name: bool  # False: only inside group totals, never named
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class Group:
    """A named group of members inside an organization, with its members and managers."""

    id: int
    org_id: int
    name: str
    members: frozenset[int]
    managers: frozenset[int]


@dataclass(frozen=True, slots=True)
class Invitation:
    """An invitation to join as role, until it expires or is revoked (only its hash is kept)."""

    id: int
    org_id: int
    role: Role
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def open_at(self, now: datetime) -> bool:
        """Whether the invitation can still be used at now."""
        return self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class OrgKey:
    """An API key made for an organization: it reads what its owner may see of the team."""

    key_id: int
    user_id: int
    org_id: int


@dataclass(frozen=True, slots=True)
class TeamRow(ReportRow):
    """A report row summed over members, with the ids of the people whose time is in it."""

    people: frozenset[int] = frozenset()
