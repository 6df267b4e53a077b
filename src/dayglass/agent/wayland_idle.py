"""Idle time on Wayland from the compositor's idle notifications (ext-idle-notify or KDE's)."""

from __future__ import annotations

from typing import Any

from pywayland.protocol.wayland import WlSeat

from dayglass.agent.wayland_client import WaylandConnection
from dayglass.agent.wayland_protocols import EXT_IDLE_NOTIFY, KDE_IDLE, protocol_module
from dayglass.core.clock import Clock

# Notifications say "idle for at least this long", so idle time is known to within this step;
# a short step keeps away time exact at the cost of one tiny event per pause in typing.
IDLE_STEP_MS = 1000


class WaylandIdle:
    """The time since the last input, as the compositor's idle notification tells it."""

    def __init__(self, connection: WaylandConnection, clock: Clock) -> None:
        self._clock = clock
        self._idle_since_ms: float | None = None  # the monotonic ms of the last input, when idle
        # Every proxy is kept in self: pywayland forgets the events of a collected one.
        self._seat = seat = connection.bind(WlSeat, 1)
        if connection.offers("ext_idle_notifier_v1"):
            self._notifier = notifier = connection.bind(
                protocol_module(EXT_IDLE_NOTIFY).ExtIdleNotifierV1, 1
            )
            self._notification: Any = notifier.get_idle_notification(IDLE_STEP_MS, seat)
            self._notification.dispatcher["idled"] = self._idled
            self._notification.dispatcher["resumed"] = self._resumed
            self.protocol = "ext-idle-notify-v1"
        else:
            self._notifier = idle = connection.bind(protocol_module(KDE_IDLE).OrgKdeKwinIdle, 1)
            self._notification = idle.get_idle_timeout(seat, IDLE_STEP_MS)
            self._notification.dispatcher["idle"] = self._idled
            self._notification.dispatcher["resumed"] = self._resumed
            self.protocol = "org_kde_kwin_idle"

    def idle_ms(self) -> int:
        """Milliseconds since the last input (0 while input came within the last step)."""
        if self._idle_since_ms is None:
            return 0
        return int(self._clock.monotonic() * 1000 - self._idle_since_ms)

    def _idled(self, _notification: Any) -> None:
        self._idle_since_ms = self._clock.monotonic() * 1000 - IDLE_STEP_MS

    def _resumed(self, _notification: Any) -> None:
        self._idle_since_ms = None


def offers_idle(connection: WaylandConnection) -> bool:
    """Whether the compositor offers an idle protocol the agent speaks."""
    return any(connection.offers(i) for i in ("ext_idle_notifier_v1", "org_kde_kwin_idle"))
