"""The weekly report by email: each user's choice, and sending what is due, at most once a week.

Sending one (user, week) email:
1. claim the (user, week) row in the database (an insert, or taking over a row whose retry is
   due or whose earlier claim ran out): of several processes, and after a restart, one sender;
2. build the report and talk SMTP; just before the message goes over the wire (DATA) the row
   becomes "sending";
3. after the server's answer the row becomes "sent", or "retry" with a later due time (bounded
   backoff) when the server certainly refused, or "unknown" when the connection broke during DATA.

A process that dies during 1-2 leaves a "claimed" row that another round takes over once its
lease ran out (nothing can have gone out before DATA). One that dies during DATA leaves a
"sending" row that is never taken over: the message may have arrived, and a weekly report is
better missed than sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from dayglass.core.accounts import User
from dayglass.core.clock import Clock
from dayglass.core.errors import InvalidInput
from dayglass.core.timestamps import local_today
from dayglass.services.accounts import AccountService
from dayglass.services.weekly_email_message import weekly_message
from dayglass.services.weekly_email_ports import (
    MailNotSent,
    MailOutcomeUnknown,
    MailSender,
    SendState,
    WeeklyChoice,
    WeeklyEmailStore,
)
from dayglass.services.weekly_email_report import WeeklyReport, WeeklyReportBuilder
from dayglass.services.weekly_email_schedule import WeeklyPeriod, due_period, period_for

log = logging.getLogger(__name__)

RETRY_DELAYS = (60.0, 300.0, 1800.0, 7200.0)  # seconds before each retry; then given up
# Longer than any SMTP conversation (each step times out well before), so a live sender's claim
# is never taken over.
LEASE = timedelta(minutes=10)
OFF = WeeklyChoice(enabled=False, weekday=0)


@dataclass(frozen=True, slots=True)
class MailSetup:
    """How weekly emails go out: the sender, the From address, the server's public URL."""

    sender: MailSender
    from_address: str
    public_url: str | None = None


class WeeklyEmailService:
    """Keeps each user's weekly report choice and sends the emails that are due."""

    def __init__(
        self,
        store: WeeklyEmailStore,
        builder: WeeklyReportBuilder,
        accounts: AccountService,
        clock: Clock,
        mail: MailSetup | None,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self._store = store
        self._builder = builder
        self._accounts = accounts
        self._clock = clock
        self._mail = mail
        self._delays = tuple(retry_delays)

    @property
    def available(self) -> bool:
        """Whether the server can send email (SMTP is configured)."""
        return self._mail is not None

    def choice(self, user_id: int) -> WeeklyChoice:
        """The user's choice (off, Monday, until they choose)."""
        return self._store.choice(user_id) or OFF

    def choose(self, user_id: int, enabled: bool, weekday: object) -> WeeklyChoice:
        """Turn the weekly email on or off and pick its day (0 Monday .. 6 Sunday)."""
        try:
            day = int(str(weekday))
        except ValueError:
            raise InvalidInput("The day of the week must be a number from 0 to 6.") from None
        if not 0 <= day <= 6:
            raise InvalidInput("The day of the week must be a number from 0 to 6.")
        chosen = WeeklyChoice(enabled, day)
        self._store.choose(user_id, chosen, self._clock.now())
        return chosen

    def report(self, user: User, period: WeeklyPeriod) -> WeeklyReport:
        """The weekly report of period for user."""
        url = self._mail.public_url if self._mail else None
        link = f"{url.rstrip('/')}/?span=week&day={period.last.isoformat()}" if url else None
        return self._builder.report(user.id, period, link)

    def send_due(self) -> int:
        """Send every email whose moment has come and that no process has sent; how many."""
        if self._mail is None:
            return 0
        sent = 0
        for user_id, weekday in self._store.opted_in().items():
            user = self._accounts.user(user_id)
            period = due_period(self._clock.now(), user.timezone, weekday)
            if period is not None:
                sent += self._attempt(self._mail, user, period)
        return sent

    def send_now(self, user_id: int) -> WeeklyPeriod:
        """Send the user the report of the last seven days now (a test: no week is used up)."""
        if self._mail is None:
            raise InvalidInput("Email is off: set DAYGLASS_SMTP_HOST to send email.")
        user = self._accounts.user(user_id)
        period = period_for(local_today(self._clock.now(), user.timezone))
        message = self._message(self._mail, user, period)
        self._mail.sender.send(message, lambda: None)
        return period

    def state(self, user_id: int, period: WeeklyPeriod) -> SendState | None:
        """Where the user's email of period stands (None: not tried)."""
        return self._store.state(user_id, period.week)

    def _message(self, mail: MailSetup, user: User, period: WeeklyPeriod) -> EmailMessage:
        name = user.display_name or user.email
        return weekly_message(self.report(user, period), mail.from_address, user.email, name)

    def _attempt(self, mail: MailSetup, user: User, period: WeeklyPeriod) -> bool:
        """One try at the user's email of period, if this process can claim it."""
        week, now = period.week, self._clock.now()
        attempts = self._store.claim(user.id, week, now, now + LEASE)
        if attempts is None:
            return False
        message = self._message(mail, user, period)
        attempts += 1
        try:
            mail.sender.send(message, lambda: self._store.sending(user.id, week, self._clock.now()))
        except MailNotSent as refused:
            log.warning("weekly email to user %s not sent: %s", user.id, refused)
            self._refused(user.id, period, attempts)
            return False
        except MailOutcomeUnknown as broken:
            log.error("weekly email to user %s may or may not have arrived: %s", user.id, broken)
            self._store.attempted(user.id, week, SendState.UNKNOWN, attempts, None, now)
            return False
        self._store.attempted(user.id, week, SendState.SENT, attempts, None, self._clock.now())
        return True

    def _refused(self, user_id: int, period: WeeklyPeriod, attempts: int) -> None:
        """Retry after the next delay of the backoff, or give up once they are used."""
        now = self._clock.now()
        if attempts <= len(self._delays):
            due = now + timedelta(seconds=self._delays[attempts - 1])
            self._store.attempted(user_id, period.week, SendState.RETRY, attempts, due, now)
        else:
            self._store.attempted(user_id, period.week, SendState.FAILED, attempts, None, now)
