"""The macOS watcher: AppKit for the frontmost app, Quartz for its window, idle time and lock.

Needs pyobjc (`pip install pyobjc-framework-Quartz`). Window titles need the Screen Recording
permission (System Settings > Privacy & Security); without it titles are empty.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

from dayglass.agent.observation import Observation
from dayglass.core.heartbeats import Sample


def _import_frameworks() -> tuple[Any, Any]:
    # By name: pyobjc exists only on macOS, so neither the import nor its types are seen elsewhere.
    return import_module("AppKit"), import_module("Quartz")


class MacWatcher:
    """Asks the window server at each poll; appkit and quartz are pyobjc's modules."""

    def __init__(self, appkit: ModuleType | Any = None, quartz: ModuleType | Any = None) -> None:
        if appkit is None or quartz is None:
            appkit, quartz = _import_frameworks()
        self._appkit = appkit
        self._quartz = quartz

    def observe(self) -> Observation:
        """The frontmost application and its front window, the idle time, the lock state."""
        q = self._quartz
        idle_s = q.CGEventSourceSecondsSinceLastEventType(
            q.kCGEventSourceStateCombinedSessionState, q.kCGAnyInputEventType
        )
        session = q.CGSessionCopyCurrentDictionary() or {}
        locked = bool(session.get("CGSSessionScreenIsLocked", False))
        return Observation(self._frontmost(), int(idle_s * 1000), locked)

    def close(self) -> None:
        """Nothing to release."""

    def _frontmost(self) -> Sample | None:
        app = self._appkit.NSWorkspace.sharedWorkspace().frontmostApplication()
        if app is None:
            return None
        name = app.localizedName() or app.bundleIdentifier() or ""
        return Sample(str(name), self._title_of(app.processIdentifier())) if name else None

    def _title_of(self, pid: int) -> str:
        q = self._quartz
        options = q.kCGWindowListOptionOnScreenOnly | q.kCGWindowListExcludeDesktopElements
        # Windows come front to back; the app's first normal-layer window is the one in front.
        for window in q.CGWindowListCopyWindowInfo(options, q.kCGNullWindowID) or ():
            if window.get("kCGWindowOwnerPID") == pid and window.get("kCGWindowLayer") == 0:
                return str(window.get("kCGWindowName") or "")
        return ""
