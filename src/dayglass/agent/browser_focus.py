"""FocusTime that blocks: which sites the extension turns away while a focus session runs."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import httpx

from dayglass.agent.browser_tabs import BrowserTabs
from dayglass.agent.connection import server_client
from dayglass.agent.focus import FOCUS_PATH
from dayglass.core.naming import site_of

log = logging.getLogger(__name__)
ACTIVITIES_PATH = "/api/v1/activities"
FOCUS_POLL_SECONDS = 3.0  # how soon a session started elsewhere starts blocking
RATINGS_EVERY_POLLS = 20  # the person's ratings are read again every minute of a session
COMMUNICATION = "Communication & Scheduling"


@dataclass(frozen=True, slots=True)
class Session:
    """The running focus session as the server tells it."""

    started_at: str
    ends_at: str


def blocked_sites(activities: list[dict[str, Any]], communication: bool) -> frozenset[str]:
    """The sites rated distracting or very distracting (and communication, when chosen)."""
    blocked = set()
    for row in activities:
        site = site_of(str(row.get("activity", "")))
        # Applications are activities too; only names that are hosts (a dot) are sites.
        if site is None or "." not in site:
            continue
        productivity = row.get("productivity")
        distracting = isinstance(productivity, int) and productivity < 0
        if distracting or (communication and row.get("overview") == COMMUNICATION):
            blocked.add(site)
    return frozenset(blocked)


class FocusBlock:
    """The session, the sites it blocks and the ones the person allowed; shared by threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session: Session | None = None
        self._blocked: frozenset[str] = frozenset()
        self._allowed: set[str] = set()

    def update(self, session: Session | None, blocked: frozenset[str] | None = None) -> None:
        """A new state from the server; None blocked keeps the sites known so far."""
        with self._lock:
            if session != self._session:
                self._allowed = set()  # an allowance lasts one session
            self._session = session
            if blocked is not None:
                self._blocked = blocked

    def verdict(self, url: str | None) -> dict[str, str] | None:
        """For a blocked URL: the site, the session's start and end; None when it may open."""
        site = site_of(url) if url else None
        with self._lock:
            session = self._session
            if session is None or site is None or site in self._allowed:
                return None
            if site not in self._blocked:
                return None
        return {"site": site, "started_at": session.started_at, "ends_at": session.ends_at}

    def allow(self, url: str) -> None:
        """Let the person open url's site for the rest of this session."""
        site = site_of(url)
        with self._lock:
            if site is not None and self._session is not None:
                self._allowed.add(site)


class FocusWatch(threading.Thread):
    """Follows the server's focus session while the extension is connected."""

    def __init__(
        self, server: str, key: str, block: FocusBlock, tabs: BrowserTabs, choice: str
    ) -> None:
        super().__init__(name="dayglass-focus-block", daemon=True)
        self._server, self._key = server, key
        self._block, self._tabs = block, tabs
        self._communication = choice == "distracting_and_communication"
        self._stopping = threading.Event()

    def stop(self) -> None:
        """End the thread."""
        self._stopping.set()
        self.join(timeout=10)

    def run(self) -> None:
        """Ask every few seconds, and only while the extension speaks (no browser, no calls)."""
        polls = 0
        with server_client(self._server, self._key) as client:
            while not self._stopping.wait(FOCUS_POLL_SECONDS):
                if not self._tabs.extension_alive():
                    continue
                try:
                    polls = self._poll(client, polls)
                except (httpx.HTTPError, ValueError) as failure:
                    log.info("focus blocking: cannot ask the server now: %s", failure)

    def _poll(self, client: httpx.Client, polls: int) -> int:
        answer = client.get(FOCUS_PATH)
        if answer.status_code != 200:
            return polls  # a server without focus sessions, or trouble: keep the last state
        body = answer.json()
        if not body.get("active"):
            self._block.update(None)
            return 0
        session = Session(str(body.get("started_at")), str(body.get("ends_at")))
        blocked = None
        if polls % RATINGS_EVERY_POLLS == 0:
            blocked = blocked_sites(client.get(ACTIVITIES_PATH).json(), self._communication)
        self._block.update(session, blocked)
        return polls + 1
