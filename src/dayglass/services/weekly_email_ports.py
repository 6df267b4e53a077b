"""What the weekly email service needs from outside: where choices and sends are kept, and mail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True, slots=True)
class WeeklyChoice:
    """A user's weekly report choice: on or off, and the day of the week (0 Monday, 6 Sunday)."""

    enabled: bool
    weekday: int


class SendState(StrEnum):
    """Where a (user, week) email stands."""

    CLAIMED = "claimed"  # a process is about to send; before DATA, nothing can have gone out
    SENDING = "sending"  # the message went into SMTP DATA: it may have been delivered
    RETRY = "retry"  # refused for certain; tried again at due_at
    SENT = "sent"
    FAILED = "failed"  # refused on every attempt
    UNKNOWN = "unknown"  # the connection broke during DATA: never sent again, to send at most once


class MailNotSent(Exception):
    """The message certainly did not go out (refused, or no connection): trying again is safe."""


class MailOutcomeUnknown(Exception):
    """The connection broke while the message was being handed over: it may have gone out."""


class WeeklyEmailStore(Protocol):
    """Each user's weekly report choice and the state of each week's email."""

    def choice(self, user_id: int) -> WeeklyChoice | None: ...

    def choose(self, user_id: int, choice: WeeklyChoice, now: datetime) -> None: ...

    def opted_in(self) -> dict[int, int]: ...

    def claim(
        self, user_id: int, week: date, now: datetime, lease_until: datetime
    ) -> int | None: ...

    def sending(self, user_id: int, week: date, now: datetime) -> None: ...

    def attempted(
        self,
        user_id: int,
        week: date,
        state: SendState,
        attempts: int,
        due_at: datetime | None,
        now: datetime,
    ) -> None: ...

    def state(self, user_id: int, week: date) -> SendState | None: ...


class MailSender(Protocol):
    """Hands a message to a mail server."""

    def send(self, message: EmailMessage, committing: Callable[[], None]) -> None:
        """Send message; call committing just before the message itself goes over the wire.

        Raises MailNotSent when it certainly did not go out, MailOutcomeUnknown when it may have.
        """
        ...
