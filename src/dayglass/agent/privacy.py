"""Privacy on the device: rules that drop or redact a sample before anything stores it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from dayglass.core.heartbeats import Sample

HIDDEN_TITLE = "(hidden)"


def _site_only(url: str | None) -> str | None:
    """The URL cut down to its scheme and host, which names the site and nothing more."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed URL names no site: send none
        return None
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else None


def _host(url: str | None) -> str:
    """The URL's host name, lower case; empty when there is none."""
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def _any_match(name: str, shell_patterns: Iterable[str]) -> bool:
    """Whether a name matches a shell pattern, ignoring case; `www.` hosts match without it."""
    names = {name.lower(), name.lower().removeprefix("www.")} - {""}
    return any(fnmatchcase(n, p.lower()) for p in shell_patterns for n in names)


@dataclass(frozen=True)
class PrivacyRules:
    """Which samples never leave the screen, and which keep their app but lose their title.

    App and site rules are shell patterns (`keepassxc`, `signal*`, `*.bank.example`), matched
    ignoring case against the application and the URL's host; text rules are regular
    expressions searched in the title and in the URL. Private (incognito) browser tabs are
    not recorded unless record_incognito says so.
    """

    send_titles: bool = True
    drop_apps: tuple[str, ...] = ()
    drop_sites: tuple[str, ...] = ()
    drop_patterns: tuple[str, ...] = ()
    redact_apps: tuple[str, ...] = ()
    redact_sites: tuple[str, ...] = ()
    redact_patterns: tuple[str, ...] = ()
    record_incognito: bool = False
    _compiled: dict[str, tuple[re.Pattern[str], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = {
            "drop": tuple(re.compile(p) for p in self.drop_patterns),
            "redact": tuple(re.compile(p) for p in self.redact_patterns),
        }
        object.__setattr__(self, "_compiled", compiled)

    def apply(self, sample: Sample) -> Sample | None:
        """The sample as it may be stored: unchanged, redacted, or None when it is dropped."""
        if self._matches(sample, self.drop_apps, self.drop_sites, self._compiled["drop"]):
            return None
        if not self.send_titles or self._matches(
            sample, self.redact_apps, self.redact_sites, self._compiled["redact"]
        ):
            return Sample(sample.app, HIDDEN_TITLE if sample.title else "", _site_only(sample.url))
        return sample

    @staticmethod
    def _matches(
        sample: Sample,
        apps: Iterable[str],
        sites: Iterable[str],
        patterns: Iterable[re.Pattern[str]],
    ) -> bool:
        if _any_match(sample.app, apps) or _any_match(_host(sample.url), sites):
            return True
        texts = [sample.title, sample.url or ""]
        return any(p.search(text) for p in patterns for text in texts if text)
