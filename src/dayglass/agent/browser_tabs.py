"""Merging the browser extension's reports into what the window watcher sees."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from dayglass.agent.browser_report import TabReport
from dayglass.agent.observation import Observation, Watcher
from dayglass.core.clock import Clock
from dayglass.core.heartbeats import Sample

HEARTBEAT_SECONDS = 30.0  # the extension's heartbeat (background.js HEARTBEAT_MINUTES)
SILENT_AFTER_SECONDS = HEARTBEAT_SECONDS * 2  # no report for longer: the extension is gone
FRESH_SECONDS = 2.0  # a report this young is trusted while the window title catches up


@dataclass(frozen=True, slots=True)
class _Received:
    report: TabReport
    at: float  # the clock's monotonic time of arrival


def title_matches(window_title: str, tab_title: str) -> bool:
    """Whether a browser window's title shows the tab title ("Page - Chromium")."""
    return bool(tab_title) and window_title.startswith(tab_title)


class BrowserTabs:
    """The latest report and the applications learned to be browsers; shared between threads.

    An application is learned to be a browser when its focused window shows the title of a
    tab the extension has just reported: no list of browser names, and a browser the
    extension is not installed in stays an application like any other.
    """

    def __init__(self, clock: Clock, record_incognito: bool = False) -> None:
        self._clock = clock
        self._record_incognito = record_incognito
        self._lock = threading.Lock()
        self._latest: _Received | None = None
        self._browsers: set[str] = set()

    def receive(self, report: TabReport) -> None:
        """Keep a report from the extension (called from the endpoint's threads)."""
        with self._lock:
            self._latest = _Received(report, self._clock.monotonic())

    def extension_alive(self) -> bool:
        """Whether the extension has reported within the last two heartbeats."""
        with self._lock:
            latest = self._latest
        return latest is not None and self._clock.monotonic() - latest.at <= SILENT_AFTER_SECONDS

    def is_browser(self, app: str) -> bool:
        """Whether app has been learned to be a browser with the extension."""
        return app in self._browsers

    def merge(self, seen: Sample | None) -> tuple[Sample | None, bool]:
        """What had attention, given the window seen, and whether a tab is playing sound.

        While a browser window has focus and the extension speaks, the tab replaces the
        window: its URL names the site and its title the document, so the time is never
        counted both for the browser and for the site. A tab that must not be recorded (a
        private one) gives None: nothing has attention that may be kept.
        """
        with self._lock:
            latest = self._latest
        if seen is None or latest is None:
            return seen, False
        age = self._clock.monotonic() - latest.at
        if age > SILENT_AFTER_SECONDS:
            return seen, False  # the extension is gone: the time stays with the application
        report = latest.report
        shows_tab = report.focused and title_matches(seen.title, report.title)
        if shows_tab and age <= FRESH_SECONDS:
            self._browsers.add(seen.app)
        if seen.app not in self._browsers:
            return seen, False
        if not report.focused or (report.incognito and not self._record_incognito):
            return None, False
        if shows_tab or age <= FRESH_SECONDS:
            return Sample(seen.app, report.title, report.url), report.audible
        return seen, False  # another window of the browser (devtools, a profile without it)


class BrowserWatcher:
    """A watcher whose browser windows are described by the extension's reports."""

    def __init__(self, watcher: Watcher, tabs: BrowserTabs) -> None:
        self._watcher = watcher
        self._tabs = tabs

    def observe(self) -> Observation:
        """The platform's observation with a browser window's tab merged in."""
        seen = self._watcher.observe()
        sample, audible = self._tabs.merge(seen.sample)
        # A tab playing sound (a video, a call) holds attention without keyboard or pointer.
        idle_ms = 0 if audible else seen.idle_ms
        return replace(seen, sample=sample, idle_ms=idle_ms)

    def close(self) -> None:
        """Close the platform's watcher."""
        self._watcher.close()
