"""Sign-in tries per subject (an account's or an address's digest) in SQL, in fixed windows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, select, update

from dayglass.storage.dialect import insert_ignoring_conflicts
from dayglass.storage.engine import writer
from dayglass.storage.tables import signin_attempts

if TYPE_CHECKING:
    from dayglass.services.ports import SignInAttemptStore

_TABLE = signin_attempts.c
_PRUNE = 1000  # rows per pruning: one short transaction, however many are stale


class SqlSignInAttemptStore:
    """Counts tries in the database, so every server process sees every try."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def take(
        self, limits: Sequence[tuple[bytes, int]], now: datetime, window: timedelta
    ) -> datetime | None:
        """Count one try against every subject, unless one has used up its tries.

        Returns None when the try was counted, else when the earliest full window ends. The
        rows are locked for the check and the count (SQLite: the write lock taken at BEGIN),
        so parallel tries cannot all pass the same check.
        """
        ordered = sorted(dict(limits).items())  # one lock order for every caller
        subjects = [subject for subject, _ in ordered]
        full = self._full_until(ordered, now, window)
        if full is not None:
            return full  # refused on a read: a flood of refused tries takes no write lock
        with self._writer.begin() as conn:
            conn.execute(
                insert_ignoring_conflicts(conn, signin_attempts, ["subject"]),
                [{"subject": s, "window_start": now, "tries": 0} for s in subjects],
            )
            found = {
                row[0]: (row[1], row[2])
                for row in conn.execute(
                    select(_TABLE.subject, _TABLE.window_start, _TABLE.tries)
                    .where(_TABLE.subject.in_(subjects))
                    .order_by(_TABLE.subject)
                    .with_for_update()
                )
            }
            counted: dict[bytes, tuple[datetime, int]] = {}
            full_until: datetime | None = None
            for subject, limit in ordered:
                start, tries = found[subject]
                if now >= start + window or now < start:
                    start, tries = now, 0
                if tries >= limit:
                    ends = start + window
                    full_until = ends if full_until is None else min(full_until, ends)
                counted[subject] = (start, tries + 1)
            if full_until is not None:
                # Counts this refused try made up stay unmade: a flood of new emails adds nothing.
                conn.execute(
                    delete(signin_attempts).where(_TABLE.subject.in_(subjects), _TABLE.tries == 0)
                )
                return full_until
            for subject, (start, tries) in counted.items():
                conn.execute(
                    update(signin_attempts)
                    .where(_TABLE.subject == subject)
                    .values(window_start=start, tries=tries)
                )
        return None

    def _full_until(
        self, ordered: Sequence[tuple[bytes, int]], now: datetime, window: timedelta
    ) -> datetime | None:
        limit_of = dict(ordered)
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(_TABLE.subject, _TABLE.window_start, _TABLE.tries).where(
                    _TABLE.subject.in_(list(limit_of))
                )
            ).all()
        ends: list[datetime] = [
            start + window
            for subject, start, tries in rows
            if start <= now < start + window and tries >= limit_of[subject]
        ]
        return min(ends, default=None)

    def give_back(self, subject: bytes) -> None:
        """Uncount one try of subject (a sign-in that succeeded)."""
        with self._writer.begin() as conn:
            conn.execute(
                update(signin_attempts)
                .where(_TABLE.subject == subject, _TABLE.tries > 0)
                .values(tries=_TABLE.tries - 1)
            )

    def forget(self, subject: bytes) -> None:
        """Drop subject's count."""
        with self._writer.begin() as conn:
            conn.execute(delete(signin_attempts).where(_TABLE.subject == subject))

    def prune(self, started_before: datetime) -> int:
        """Delete counts whose window started before started_before; how many went."""
        with self._writer.begin() as conn:
            stale = select(_TABLE.subject).where(_TABLE.window_start < started_before).limit(_PRUNE)
            if conn.dialect.name == "postgresql":
                # Rows a sign-in holds are left for the next pruning instead of waited for.
                stale = stale.with_for_update(skip_locked=True)
            subjects = list(conn.execute(stale).scalars())
            if subjects:
                conn.execute(delete(signin_attempts).where(_TABLE.subject.in_(subjects)))
        return len(subjects)


if TYPE_CHECKING:

    def _implements_the_port(engine: Engine) -> SignInAttemptStore:
        return SqlSignInAttemptStore(engine)
