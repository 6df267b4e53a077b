"""What the browser extension reports: the active tab of the focused browser window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from dayglass.core.errors import InvalidInput

T = TypeVar("T")
MAX_TEXT = 4096  # longer URLs or titles are cut: a data: URL must not fill the queue


@dataclass(frozen=True, slots=True)
class TabReport:
    """One report: a tab with the focus, or `focused=False` when the extension sees none.

    `focused=False` means no browser window that the extension may see has the focus: another
    application has it, or a private window the extension is not allowed into.
    """

    focused: bool
    url: str | None = None  # http(s) only; other pages (settings, about:blank) name no site
    title: str = ""
    audible: bool = False
    incognito: bool = False


def parse_report(body: Any) -> TabReport:
    """A report from the extension's JSON, or InvalidInput saying what is wrong."""
    if not isinstance(body, dict):
        raise InvalidInput("a report is a JSON object")
    focused = _typed(body, "focused", bool, False)
    if not focused:
        return TabReport(focused=False)
    url = _typed(body, "url", str, "")[:MAX_TEXT]
    return TabReport(
        focused=True,
        url=url if _is_web(url) else None,
        title=_typed(body, "title", str, "")[:MAX_TEXT],
        audible=_typed(body, "audible", bool, False),
        incognito=_typed(body, "incognito", bool, False),
    )


def _typed(body: dict[str, Any], name: str, kind: type[T], default: T) -> T:
    value = body.get(name, default)
    if not isinstance(value, kind):
        raise InvalidInput(f"{name} must be a {kind.__name__}")
    return value


def _is_web(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
