"""Projects: a user's named, ordered projects, the rules that claim time for them, and hand
assignments of local time that win over every rule.

A moment belongs to at most one project: the one it is assigned to by hand, else the first
project (in the user's order) that has a rule matching it. Like categories, projects apply at
query time, so a new or changed rule re-sorts all of history at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fnmatch import fnmatchcase
from functools import lru_cache

from dayglass.core.errors import InvalidInput
from dayglass.core.localtime import day_to_local
from dayglass.core.query import contains

MAX_NAME = 200
MAX_RULE_VALUE = 500


class RuleKind(StrEnum):
    """What a project rule looks at, and how."""

    ACTIVITY = "activity"  # the activity's name, exactly (case-insensitive)
    ACTIVITY_PATTERN = "activity_pattern"  # a shell-style pattern over the activity's name
    KEYWORD = "keyword"  # a word or phrase inside the document (case-insensitive)
    REGEX = "regex"  # a regular expression searched in the document
    HOST = "host"  # a site's host (a site's activity is its host), subdomains included
    PATH = "path"  # a page's path (the document of a page without a title) and what is below
    DEVICE = "device"  # the device's name as its agent reports it, exactly (case-insensitive)


@dataclass(frozen=True, slots=True)
class ProjectRule:
    """One rule of a project."""

    kind: RuleKind
    value: str
    id: int = 0

    def matches(self, activity: str, document: str, device: str | None = None) -> bool:
        """Whether time in this activity and document, on this device (None: time of no
        known device), is claimed by the rule."""
        return _MATCHERS[self.kind](self.value, activity, document, device)


def _exact(value: str, activity: str, document: str, device: str | None) -> bool:
    return activity.casefold() == value.casefold()


def _pattern(value: str, activity: str, document: str, device: str | None) -> bool:
    return fnmatchcase(activity.casefold(), value.casefold())


def _keyword(value: str, activity: str, document: str, device: str | None) -> bool:
    return contains(document, value)


def _regex(value: str, activity: str, document: str, device: str | None) -> bool:
    return _compiled(value).search(document) is not None


def _host(value: str, activity: str, document: str, device: str | None) -> bool:
    host = value.casefold().removeprefix("www.")
    name = activity.casefold()
    return name == host or name.endswith("." + host)


def _device(value: str, activity: str, document: str, device: str | None) -> bool:
    return device is not None and device.casefold() == value.strip().casefold()


def _path(value: str, activity: str, document: str, device: str | None) -> bool:
    path = value if value.startswith("/") else "/" + value
    if not document.startswith("/"):
        return False
    return document == path or document.startswith(path.rstrip("/") + "/")


_MATCHERS = {
    RuleKind.ACTIVITY: _exact,
    RuleKind.ACTIVITY_PATTERN: _pattern,
    RuleKind.KEYWORD: _keyword,
    RuleKind.REGEX: _regex,
    RuleKind.HOST: _host,
    RuleKind.PATH: _path,
    RuleKind.DEVICE: _device,
}
# Rules of these kinds look only at the activity, so every document of it is decided at once.
ACTIVITY_KINDS = frozenset({RuleKind.ACTIVITY, RuleKind.ACTIVITY_PATTERN, RuleKind.HOST})
# Rules of these kinds look only at the document, whatever the activity.
DOCUMENT_KINDS = frozenset({RuleKind.KEYWORD, RuleKind.REGEX, RuleKind.PATH})
_REGEXES: dict[str, re.Pattern[str]] = {}


def _compiled(value: str) -> re.Pattern[str]:
    pattern = _REGEXES.get(value)
    if pattern is None:
        if len(_REGEXES) > 10_000:
            _REGEXES.clear()
        pattern = _REGEXES[value] = re.compile(value)
    return pattern


@lru_cache(maxsize=1024)
def _document_test(rules: tuple[ProjectRule, ...]) -> Callable[[str], bool]:
    """One test for the rules that look at documents, their values prepared once: a report
    tests every document of a user against them."""
    keywords = [r.value.casefold() for r in rules if r.kind is RuleKind.KEYWORD]
    regexes = [_compiled(r.value) for r in rules if r.kind is RuleKind.REGEX]
    paths = [r.value for r in rules if r.kind is RuleKind.PATH]

    def test(document: str) -> bool:
        folded = document.casefold() if keywords else document
        return (
            any(keyword in folded for keyword in keywords)
            or any(regex.search(document) for regex in regexes)
            or any(_path(path, "", document, None) for path in paths)
        )

    return test


def checked_rule(kind: str, value: str) -> ProjectRule:
    """A rule from user input, or InvalidInput saying what is wrong with it."""
    try:
        rule_kind = RuleKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in RuleKind)
        raise InvalidInput(f"kind: must be one of {kinds}") from None
    if not value.strip():
        raise InvalidInput("value: must not be blank")
    if len(value) > MAX_RULE_VALUE:
        raise InvalidInput(f"value: at most {MAX_RULE_VALUE} characters")
    if rule_kind is RuleKind.REGEX:
        try:
            _compiled(value)
        except re.error as error:
            raise InvalidInput(f"value: not a regular expression ({error})") from None
    return ProjectRule(rule_kind, value)


def checked_name(name: str) -> str:
    """A project's name from user input, trimmed, or InvalidInput."""
    trimmed = name.strip()
    if not trimmed:
        raise InvalidInput("name: must not be blank")
    if len(trimmed) > MAX_NAME:
        raise InvalidInput(f"name: at most {MAX_NAME} characters")
    return trimmed


@dataclass(frozen=True, slots=True)
class Project:
    """A named project and its rules, in the order they were added."""

    id: int
    name: str
    position: int
    rules: tuple[ProjectRule, ...] = ()

    def claims(self, activity: str, document: str, device: str | None = None) -> bool:
        """Whether any of the project's rules matches."""
        return any(rule.matches(activity, document, device) for rule in self.rules)

    def has_device_rules(self) -> bool:
        """Whether a rule looks at the device (which may claim time of any activity)."""
        return any(r.kind is RuleKind.DEVICE for r in self.rules)

    def claims_device(self, device: str | None) -> bool:
        """Whether a rule that looks only at the device claims all of its time."""
        return any(r.kind is RuleKind.DEVICE and r.matches("", "", device) for r in self.rules)

    def claims_activity(self, activity: str) -> bool:
        """Whether a rule that looks only at the activity claims all of its time."""
        return any(r.kind in ACTIVITY_KINDS and r.matches(activity, "") for r in self.rules)

    def claims_document(self, document: str) -> bool:
        """Whether a rule that looks at the document claims it (whatever the activity)."""
        return self.document_test()(document)

    def document_test(self) -> Callable[[str], bool]:
        """claims_document as one prepared function, for testing many documents."""
        return _document_test(self.rules)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Local time of one day given to a project by hand: minutes [start, end) of the day."""

    id: int
    project_id: int
    day: date
    start_minute: int
    end_minute: int

    @property
    def span(self) -> tuple[int, int]:
        """The local epoch seconds [low, high) the assignment covers.

        Time is stored in local 5-minute buckets; a bucket is assigned when it starts inside.
        """
        midnight = day_to_local(self.day)
        return (midnight + self.start_minute * 60, midnight + self.end_minute * 60)


def checked_minutes(start_minute: int, end_minute: int) -> tuple[int, int]:
    """Minutes of a day [start, end) from user input, or InvalidInput."""
    if not 0 <= start_minute < end_minute <= 24 * 60:
        raise InvalidInput("start, end: need 00:00 <= start < end <= 24:00")
    return start_minute, end_minute


@dataclass(frozen=True)
class ProjectBook:
    """One user's projects in their order, and hand assignments (later ones win overlaps)."""

    projects: Sequence[Project] = ()
    assignments: Sequence[Assignment] = ()
    _names: dict[int, str] = field(init=False, repr=False, compare=False)
    # The index of the first project claiming an activity (a document, a device) by its rules.
    _by_activity: dict[str, int] = field(init=False, repr=False, compare=False)
    _by_document: dict[str, int] = field(init=False, repr=False, compare=False)
    _by_device: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", {p.id: p.name for p in self.projects})
        object.__setattr__(self, "_by_activity", {})
        object.__setattr__(self, "_by_document", {})
        object.__setattr__(self, "_by_device", {})

    def name_of(self, project_id: int | None) -> str | None:
        """A project's name (None for time in no project)."""
        return None if project_id is None else self._names.get(project_id)

    def by_rules(self, activity: str, document: str, device: str | None = None) -> int | None:
        """The first project, in order, with a rule matching the activity, document or device
        (None: time of no known device, which no device rule claims)."""
        # A rule looks at one of the activity, the document or the device: the first project
        # claiming any of them wins, and each is worked out once per book.
        first = min(self._first_by_activity(activity), self._first_by_document(document))
        if device is not None and first > 0:
            first = min(first, self._first_by_device(device))
        return self.projects[first].id if first < len(self.projects) else None

    def _first_by_device(self, device: str) -> int:
        return self._first(self._by_device, device, Project.claims_device)

    def _first_by_activity(self, activity: str) -> int:
        return self._first(self._by_activity, activity, Project.claims_activity)

    def _first_by_document(self, document: str) -> int:
        return self._first(self._by_document, document, Project.claims_document)

    def _first(
        self, seen: dict[str, int], value: str, claims: Callable[[Project, str], bool]
    ) -> int:
        """The index of the first project that claims value (len(projects) if none)."""
        found = seen.get(value)
        if found is None:
            found = seen[value] = next(
                (i for i, p in enumerate(self.projects) if claims(p, value)), len(self.projects)
            )
        return found

    def needs_documents(self) -> bool:
        """Whether some rule looks at documents (else the activity decides alone)."""
        return any(r.kind in DOCUMENT_KINDS for p in self.projects for r in p.rules)

    def device_matters(self, activity: str, wanted: int | None = None) -> bool:
        """Whether the device can change which project an activity's time belongs to (with
        wanted: whether it belongs to that project): a project with a device rule comes
        before the first that claims the whole activity (and no later than wanted)."""
        for project in self.projects:
            if project.claims_activity(activity):
                return False
            if project.has_device_rules():
                return True
            if project.id == wanted:
                return False
        return False

    def possible(self, activity: str) -> frozenset[int | None]:
        """The projects an activity's time may belong to by rules (None: no project).

        One member means the activity alone decides, whatever the document and device.
        """
        found: set[int | None] = set()
        for project in self.projects:
            if project.claims_activity(activity):
                found.add(project.id)
                return frozenset(found)
            if any(r.kind not in ACTIVITY_KINDS for r in project.rules):
                found.add(project.id)
        found.add(None)
        return frozenset(found)

    def project(self, project_id: int) -> Project | None:
        """One of the projects by id."""
        return next((p for p in self.projects if p.id == project_id), None)

    def spans(self, low: int, high: int) -> list[tuple[tuple[int, int], int]]:
        """Assigned local spans touching [low, high) with their project, the winner first."""
        live = {p.id for p in self.projects}
        chosen = [
            (a.span, a.project_id)
            for a in sorted(self.assignments, key=lambda a: -a.id)
            if a.project_id in live and a.span[0] < high and a.span[1] > low
        ]
        return chosen

    def assigned(self, bucket: int) -> int | None:
        """The project a local bucket is assigned to by hand, if any (the latest assignment)."""
        for (low, high), project_id in self.spans(bucket, bucket + 1):
            if low <= bucket < high:
                return project_id
        return None

    def project_of(
        self, bucket: int, activity: str, document: str, device: str | None = None
    ) -> int | None:
        """The one project a moment belongs to: by hand, else the first matching rule."""
        assigned = self.assigned(bucket)
        return assigned if assigned is not None else self.by_rules(activity, document, device)
