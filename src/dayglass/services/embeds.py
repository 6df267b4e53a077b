"""Embeds: a report published through a key that answers that report and nothing else."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import date

from dayglass.core.clock import Clock
from dayglass.core.embeds import EmbeddedReport, EmbedKey
from dayglass.core.errors import InvalidInput, NotAuthenticated, NotFound
from dayglass.core.query import Filters, Question, ReportRow
from dayglass.services.accounts import hash_key
from dayglass.services.ports import EmbedStore
from dayglass.services.reports import ReportService

EMBED_PREFIX = "dge_"
MAX_DAYS = 3660
MAX_SEARCH = 200


def _days(report: EmbeddedReport, today: date) -> tuple[date, date]:
    try:
        begin, end = report.days(today)
    except ValueError:
        raise InvalidInput("dates: expected YYYY-MM-DD") from None
    if end < begin or (end - begin).days > MAX_DAYS:
        raise InvalidInput("dates: the end must follow the beginning, within ten years")
    return begin, end


def _search(text: str | None) -> str | None:
    """A search keyword as kept: trimmed, None when empty."""
    keyword = (text or "").strip()
    if len(keyword) > MAX_SEARCH or "\x00" in keyword:
        raise InvalidInput(f"search: at most {MAX_SEARCH} characters of text")
    return keyword or None


class EmbedService:
    """Makes, answers and revokes embed keys."""

    def __init__(
        self,
        store: EmbedStore,
        reports: ReportService,
        clock: Clock,
    ) -> None:
        self._store = store
        self._reports = reports
        self._clock = clock

    def create(
        self, user_id: int, report: EmbeddedReport, label: str = "", allow_raw: bool = False
    ) -> tuple[EmbedKey, str]:
        """A key bound to report: its record and the key (shown only now).

        The caller checks that report's project (if any) is the user's.
        """
        # The fixed days are checked even for a relative period: they say what was on screen.
        _days(replace(report, period=None), date.min)
        report = replace(report, search=_search(report.search))
        key = EMBED_PREFIX + secrets.token_urlsafe(24)
        name = label.strip()[:200] or f"{report.group_by.value} report"
        self._store.add(
            user_id, hash_key(key), key[:10], name, report, allow_raw, self._clock.now()
        )
        record = self._store.by_hash(hash_key(key))
        assert record is not None
        return record, key

    def keys(self, user_id: int) -> list[EmbedKey]:
        """The user's embed keys."""
        return self._store.keys(user_id)

    def revoke(self, user_id: int, key_id: int) -> None:
        """Revoke an embed key of the user."""
        if not self._store.revoke(user_id, key_id, self._clock.now()):
            raise NotFound("no such embed key")

    def resolve(self, key: str | None) -> EmbedKey:
        """The active embed key behind key, or NotAuthenticated saying why not."""
        record = self._store.by_hash(hash_key(key)) if key else None
        if record is None:
            raise NotAuthenticated("embed key not found")
        if not record.active:
            raise NotAuthenticated("embed key revoked")
        return record

    def question(self, record: EmbedKey, today: date) -> Question:
        """The one question the key asks when its owner's today is today."""
        report = record.report
        begin, end = _days(report, today)
        filters = Filters(search=report.search, project=report.project_id)
        return Question(begin, end, report.group_by, report.resolution, filters)

    def rows(self, record: EmbedKey, today: date) -> list[ReportRow]:
        """The bound report's rows, whatever else the caller asked for."""
        return self._reports.answer(record.user_id, self.question(record, today))
