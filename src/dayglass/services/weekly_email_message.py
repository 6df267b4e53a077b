"""A weekly report as an email: HTML with inline styles (as mail clients need) and plain text."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dayglass.core.durations import short_duration
from dayglass.services.weekly_email_report import WeeklyReport

_TEMPLATES = Path(__file__).parent / "templates"


def duration(seconds: int) -> str:
    """Whole seconds as the email shows them: `3h 12m`, `4m 10s`."""
    return short_duration(seconds)


def signed(change: int) -> str:
    """A change with its sign: `+4`, `-3`, `±0`."""
    return f"+{change}" if change > 0 else ("±0" if change == 0 else str(change))


@cache
def _environment() -> Environment:
    found = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    found.filters["duration"] = duration
    found.filters["signed"] = signed
    return found


def subject(report: WeeklyReport) -> str:
    """The subject line: the days and the week's total."""
    p = report.period
    days = f"{p.first:%b} {p.first.day} - {p.last:%b} {p.last.day}"
    return f"Your week in Dayglass, {days}: {duration(report.week.seconds)}"


def render(report: WeeklyReport, name: str) -> tuple[str, str]:
    """The report's (plain text, HTML) bodies, greeting name."""
    context = {"report": report, "name": name, "subject": subject(report)}
    env = _environment()
    text = env.get_template("weekly_email.txt").render(context)
    html = env.get_template("weekly_email.html").render(context)
    return text, html


def weekly_message(report: WeeklyReport, sender: str, to: str, name: str) -> EmailMessage:
    """The email: multipart/alternative with the plain text first and the HTML preferred."""
    text, html = render(report, name)
    message = EmailMessage()
    message["Subject"] = subject(report)
    message["From"] = sender
    message["To"] = Address(display_name=name, addr_spec=to)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
