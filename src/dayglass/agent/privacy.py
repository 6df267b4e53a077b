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


@dataclass(frozen=True)
class PrivacyRules:
    """Which samples never leave the screen, and which keep their app but lose their title.

    App rules are shell patterns (`keepassxc`, `signal*`), matched ignoring case; text rules
    are regular expressions searched in the title and in the URL.
    """

    send_titles: bool = True
    drop_apps: tuple[str, ...] = ()
    drop_patterns: tuple[str, ...] = ()
    redact_apps: tuple[str, ...] = ()
    redact_patterns: tuple[str, ...] = ()
    _compiled: dict[str, tuple[re.Pattern[str], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = {
            "drop": tuple(re.compile(p) for p in self.drop_patterns),
            "redact": tuple(re.compile(p) for p in self.redact_patterns),
        }
        object.__setattr__(self, "_compiled", compiled)

    def apply(self, sample: Sample) -> Sample | None:
        """The sample as it may be stored: unchanged, redacted, or None when it is dropped."""
        if self._matches(sample, self.drop_apps, self._compiled["drop"]):
            return None
        if not self.send_titles or self._matches(
            sample, self.redact_apps, self._compiled["redact"]
        ):
            return Sample(sample.app, HIDDEN_TITLE if sample.title else "", _site_only(sample.url))
        return sample

    @staticmethod
    def _matches(sample: Sample, apps: Iterable[str], patterns: Iterable[re.Pattern[str]]) -> bool:
        app = sample.app.lower()
        if any(fnmatchcase(app, pattern.lower()) for pattern in apps):
            return True
        texts = [sample.title, sample.url or ""]
        return any(p.search(text) for p in patterns for text in texts if text)
