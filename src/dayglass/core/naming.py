"""Naming what the time went to: the activity and the document of an event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class Naming:
    """An event's activity (application or site) and document (title or page)."""

    activity: str
    document: str


def site_of(url: str) -> str | None:
    """The site a URL belongs to: its host without a leading `www.`, with a non-default port."""
    text = url.strip()
    if not text:
        return None
    try:  # urlsplit and its fields raise ValueError on e.g. an unclosed "[" (IPv6)
        parts = urlsplit(text if "://" in text else "//" + text)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or any(c.isspace() for c in host):
        return None
    host = host.removeprefix("www.")
    if port is not None and _DEFAULT_PORTS.get(parts.scheme) != port:
        host = f"{host}:{port}"
    return host


def page_of(url: str) -> str:
    """The path of a URL, used as the document when a page has no title."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else "//" + text)
    return parts.path or "/"


def activity_of(app: str, url: str | None, canonical_app: Callable[[str], str | None]) -> str:
    """The activity: the site of a URL, else the app's known name (or its name as reported).

    canonical_app maps the names a window system reports (`code`, `code-oss`) to the one
    name people know (`Visual Studio Code`); unknown apps keep their reported name.
    """
    site = site_of(url) if url else None
    if site is not None:
        return site
    app_name = app.strip()
    return canonical_app(app_name) or app_name


def document_of(title: str, url: str | None) -> str:
    """The document: the window or page title, else the page's path."""
    document = title.strip()
    if not document and url and site_of(url) is not None:
        return page_of(url)
    return document


def name_event(
    app: str, title: str, url: str | None, canonical_app: Callable[[str], str | None]
) -> Naming:
    """Name an event: a site for a URL (document: page title), else the app (document: title)."""
    return Naming(activity_of(app, url, canonical_app), document_of(title, url))
