"""Sending email over SMTP (the standard library's smtplib): the services' `MailSender` port.

Called from a worker thread, never on the event loop. Everything before DATA that fails means the
message did not go out (MailNotSent); a reply refusing the message does too; a connection that
breaks during DATA leaves it unknown (MailOutcomeUnknown).
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses, parseaddr
from typing import TYPE_CHECKING, Literal

from dayglass.services.weekly_email_ports import MailNotSent, MailOutcomeUnknown

if TYPE_CHECKING:
    from dayglass.services.weekly_email_ports import MailSender

TIMEOUT_SECONDS = 30.0
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
Tls = Literal["none", "starttls", "tls"]


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to reach the mail server; the password is never shown in a repr."""

    host: str
    port: int | None = None
    tls: Tls = "starttls"
    user: str | None = None
    password: str | None = None

    def __repr__(self) -> str:
        return f"SmtpServer({self.host!r}, {self.port!r}, {self.tls!r}, user={self.user!r})"


class SmtpSender:
    """Hands each message to one SMTP server, a new connection per message."""

    def __init__(self, server: SmtpServer, timeout: float = TIMEOUT_SECONDS) -> None:
        self._server = server
        self._timeout = timeout
        self._tls = ssl.create_default_context()

    def send(self, message: EmailMessage, committing: Callable[[], None]) -> None:
        """Send message; committing is called just before its content goes over the wire."""
        sender = parseaddr(str(message["From"]))[1]
        recipients = [address for _, address in getaddresses(message.get_all("To", []))]
        body = message.as_bytes(policy=SMTP)
        try:
            smtp = self._connect()
        except (OSError, smtplib.SMTPException) as error:
            raise MailNotSent(f"cannot reach {self._server.host}: {error}") from None
        try:
            self._envelope(smtp, sender, recipients)
            committing()
            _data(smtp, body)
        finally:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.quit()
            smtp.close()

    def _connect(self) -> smtplib.SMTP:
        s = self._server
        port = s.port or DEFAULT_PORTS[s.tls]
        if s.tls == "tls":
            return smtplib.SMTP_SSL(s.host, port, timeout=self._timeout, context=self._tls)
        smtp = smtplib.SMTP(s.host, port, timeout=self._timeout)
        if s.tls == "starttls":
            smtp.starttls(context=self._tls)
        return smtp

    def _envelope(self, smtp: smtplib.SMTP, sender: str, recipients: list[str]) -> None:
        """Sign in, name the sender and the recipients; nothing has gone out if this fails."""
        try:
            smtp.ehlo_or_helo_if_needed()
            if self._server.user:
                smtp.login(self._server.user, self._server.password or "")
            _expect(smtp.mail(sender), (250,))
            for recipient in recipients:
                _expect(smtp.rcpt(recipient), (250, 251))
        except (OSError, ValueError, smtplib.SMTPException) as error:
            raise MailNotSent(str(error)) from None


def _expect(reply: tuple[int, bytes], codes: tuple[int, ...]) -> None:
    code, text = reply
    if code not in codes:
        raise MailNotSent(f"{code} {text.decode(errors='replace')}")


def _data(smtp: smtplib.SMTP, body: bytes) -> None:
    """DATA: a reply refusing it means not sent; a broken connection means we cannot know."""
    try:
        reply = smtp.data(body)  # refusing DATA raises; refusing the message is a reply
    except smtplib.SMTPResponseException as refused:
        raise MailNotSent(f"{refused.smtp_code} {refused.smtp_error!r}") from None
    except (OSError, smtplib.SMTPException) as broken:
        raise MailOutcomeUnknown(str(broken)) from None
    _expect(reply, (250,))


if TYPE_CHECKING:

    def _implements_the_port() -> MailSender:
        return SmtpSender(SmtpServer("localhost"))
