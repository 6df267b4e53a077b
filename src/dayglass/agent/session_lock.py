"""Whether the session's screen locker is active, asked over D-Bus (GNOME, KDE, Xfce, ...)."""

from __future__ import annotations

from typing import Protocol

from dayglass.agent.gdbus import DbusCallFailed, Runner, call, run_gdbus

# Services implementing GetActive, the freedesktop one first (KDE, Xfce, Cinnamon, MATE).
_SERVICES = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)
ASK_AFTER_IDLE_MS = 10_000  # a locked screen sees no input: asking earlier is wasted work
ASK_EVERY_MS = 10_000


class LockProbe(Protocol):
    """Tells whether the session's screen is locked, beyond what the display server says."""

    def locked(self, now_ms: int, idle_ms: int) -> bool:
        """Whether the screen is locked at now_ms, the user idle for idle_ms."""
        ...


class DbusLockProbe:
    """Asks the screen saver service, sparingly: only once the user has been idle a while.

    Being away is counted from the last input, so learning of the lock ten seconds late
    loses nothing; asking every second would cost a process start each second.
    """

    def __init__(self, runner: Runner = run_gdbus) -> None:
        self._runner = runner
        self._services = list(_SERVICES)
        self._asked_at: int | None = None
        self._locked = False

    def locked(self, now_ms: int, idle_ms: int) -> bool:
        """Whether the screen is locked, as far as the last question told."""
        if idle_ms < ASK_AFTER_IDLE_MS:
            self._locked = False
            return False
        if self._asked_at is None or now_ms - self._asked_at >= ASK_EVERY_MS:
            self._asked_at = now_ms
            self._locked = self._ask()
        return self._locked

    def _ask(self) -> bool:
        for service in list(self._services):
            name, path = service
            try:
                reply = call(name, path, f"{name}.GetActive", runner=self._runner)
            except DbusCallFailed:
                self._services.remove(service)  # not on this desktop: never ask it again
                continue
            return "true" in reply
        return False
