"""Highlights: what got done, a line per entry, for a local day."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from dayglass.core.clock import Clock
from dayglass.core.errors import NotFound
from dayglass.core.highlights import Highlight, day_field, text_field
from dayglass.services.accounts import AccountService
from dayglass.services.feed_ports import HighlightStore

FEED_LIMIT = 100


class HighlightService:
    """Adds, lists, changes and removes highlights."""

    def __init__(
        self,
        store: HighlightStore,
        accounts: AccountService,
        clock: Clock,
    ) -> None:
        self._store = store
        self._accounts = accounts
        self._clock = clock

    def _fields(
        self, user_id: int, day: object, description: object, source: object
    ) -> tuple[date, str, str | None]:
        zone = ZoneInfo(self._accounts.user(user_id).timezone)
        text = text_field("description", description, required=True) or ""
        return day_field("highlight_date", day, zone), text, text_field("source", source, False)

    def add(
        self, user_id: int, day: object, description: object, source: object = None
    ) -> Highlight:
        """A new highlight; day is `YYYY-MM-DD` or a unix timestamp."""
        fields = self._fields(user_id, day, description, source)
        return self._store.add(user_id, *fields, self._clock.now())

    def highlights(
        self, user_id: int, first: date | None = None, last: date | None = None
    ) -> list[Highlight]:
        """Recent highlights for days first..last, newest entered first."""
        return self._store.highlights(user_id, first, last, FEED_LIMIT)

    def change(
        self, user_id: int, highlight_id: int, day: object, description: object, source: object
    ) -> Highlight:
        """Rewrite a highlight."""
        fields = self._fields(user_id, day, description, source)
        if not self._store.update(user_id, highlight_id, *fields):
            raise NotFound(f"no highlight {highlight_id}")
        return self.highlight(user_id, highlight_id)

    def highlight(self, user_id: int, highlight_id: int) -> Highlight:
        """One highlight, or NotFound."""
        found = self._store.highlight(user_id, highlight_id)
        if found is None:
            raise NotFound(f"no highlight {highlight_id}")
        return found

    def remove(self, user_id: int, highlight_id: int) -> None:
        """Delete a highlight."""
        if not self._store.remove(user_id, highlight_id):
            raise NotFound(f"no highlight {highlight_id}")
