"""The row a list page's `edit` parameter names, for pages that change rows in place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from dayglass.http.api_v1.ids import MAX_ID


class HasId(Protocol):
    """A stored row."""

    @property
    def id(self) -> int:
        """The row's id."""
        ...


Row = TypeVar("Row", bound=HasId)


def chosen_row(rows: Sequence[Row], edit: str | None) -> Row | None:
    """The row whose id edit names, or None for a missing, malformed or unknown id."""
    text = (edit or "").strip()
    if not text.isdecimal() or not 0 < int(text) <= MAX_ID:
        return None
    wanted = int(text)
    return next((row for row in rows if row.id == wanted), None)
