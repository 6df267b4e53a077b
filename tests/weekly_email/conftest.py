"""A real SMTP server on loopback (aiosmtpd), and Dayglass on a pinned clock that mails to it."""

from __future__ import annotations

import email
import email.policy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import Engine

from dayglass.composition import build_services, mail_setup
from dayglass.core.clock import ManualClock
from dayglass.services.registry import Services
from dayglass.settings import Settings
from free_port import free_port
from serving import LiveServer, in_process_server_on

PUBLIC_URL = "https://time.example.org"


class Mailbox:
    """What the SMTP server received; it refuses the next `refuse` messages with 451."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = 0
        self.refused = 0
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """aiosmtpd's hook: keep the message, or refuse it for now."""
        with self._arrived:
            if self.refuse:
                self.refuse -= 1
                self.refused += 1
                return "451 4.3.0 Try again later"
            parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(parsed)  # type: ignore[arg-type]
            self._arrived.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages received for address."""
        return [m for m in list(self.messages) if address in str(m["To"])]

    def holds(self, address: str, count: int, seconds: float = 20.0) -> bool:
        """Wait until count messages for address arrived (the background may be sending one)."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.to(address)) >= count, seconds)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    """A real SMTP server on a loopback port, collecting what it receives."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port  # type: ignore[attr-defined]
    try:
        yield box
    finally:
        controller.stop()


def smtp_settings(box: Mailbox) -> dict[str, object]:
    """The SMTP settings that send to box."""
    return {
        "smtp_host": "127.0.0.1",
        "smtp_port": box.port,  # type: ignore[attr-defined]
        "smtp_tls": "none",
        "smtp_from": "reports@time.example.org",
        "public_url": PUBLIC_URL,
    }


@pytest.fixture
def clock() -> ManualClock:
    """Monday 2026-11-16, 06:59 in Berlin: a minute before Monday's weekly emails are due."""
    return ManualClock.at_local("2026-11-16T06:59")


@pytest.fixture
def mailing_services(engine: Engine, clock: ManualClock, mailbox: Mailbox) -> Services:
    """Services over the test's database that send email to the mailbox (no server running)."""
    settings = Settings(**smtp_settings(mailbox))  # type: ignore[arg-type]
    return build_services(engine, clock, mail=mail_setup(settings))


@pytest.fixture
def mailing_app(
    engine: Engine, tmp_path, clock: ManualClock, mailbox: Mailbox
) -> Callable[[], contextmanager[LiveServer]]:  # type: ignore[type-arg]
    """Start the app (its background loops running) with SMTP settings; call again to restart."""

    @contextmanager
    def start() -> Iterator[LiveServer]:
        with in_process_server_on(engine, tmp_path, clock, **smtp_settings(mailbox)) as server:
            yield server

    return start
