"""Desktop notifications through the freedesktop notification service (D-Bus)."""

from __future__ import annotations

import logging

from dayglass.agent.gdbus import DbusCallFailed, Runner, call, run_gdbus

log = logging.getLogger(__name__)
_SERVICE = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"


def _gvariant_string(text: str) -> str:
    """A GVariant text literal for a string, quoted so that any title is safe."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class DbusNotifier:
    """Calls org.freedesktop.Notifications.Notify; a missing service is logged, not fatal."""

    def __init__(self, runner: Runner = run_gdbus, timeout_ms: int = 8_000) -> None:
        self._runner = runner
        self._timeout_ms = timeout_ms

    def notify(self, summary: str, body: str) -> None:
        """Show a notification from Dayglass."""
        args = ["'Dayglass'", "0", "''", _gvariant_string(summary), _gvariant_string(body)]
        try:
            call(
                _SERVICE,
                _PATH,
                f"{_SERVICE}.Notify",
                *args,
                "[]",
                "{}",
                str(self._timeout_ms),
                runner=self._runner,
            )
        except DbusCallFailed as failure:
            log.warning("cannot show a notification: %s", failure)
