"""Highlights: list, add, rewrite and delete what got done on a day."""

from __future__ import annotations

from dayglass.core.accounts import User
from dayglass.core.highlights import Highlight
from dayglass.http.web.dashboard_pages import user_today
from dayglass.http.web.row_pages import RowForm, Typed, row_router
from dayglass.services.registry import Services


def _blank(services: Services, user: User) -> Typed:
    return {"date": user_today(user, services.clock).isoformat(), "description": "", "source": ""}


def _typed(highlight: Highlight, user: User) -> Typed:
    return {
        "date": highlight.day.isoformat(),
        "description": highlight.description,
        "source": highlight.source or "",
    }


def _add(services: Services, user: User, typed: Typed) -> Highlight:
    return services.highlights.add(user.id, typed["date"], typed["description"], typed["source"])


def _change(services: Services, user: User, highlight_id: int, typed: Typed) -> Highlight:
    day, text, source = typed["date"], typed["description"], typed["source"]
    return services.highlights.change(user.id, highlight_id, day, text, source)


router = row_router(
    RowForm(
        path="/highlights",
        template="highlights.html",
        fields=("date", "description", "source"),
        rows=lambda services, user: services.highlights.highlights(user.id),
        blank=_blank,
        typed=_typed,
        add=_add,
        change=_change,
        remove=lambda services, user, row_id: services.highlights.remove(user.id, row_id),
    )
)
