"""Weekly email choices and the state of each (user, week) email, in SQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, and_, or_, select, update

from dayglass.services.weekly_email_ports import SendState, WeeklyChoice
from dayglass.storage.dialect import insert_ignoring_conflicts, upsert
from dayglass.storage.engine import writer
from dayglass.storage.tables import weekly_email_choices, weekly_email_sends

if TYPE_CHECKING:
    from dayglass.services.weekly_email_ports import WeeklyEmailStore

_TAKEN_OVER = (SendState.CLAIMED.value, SendState.RETRY.value)


class SqlWeeklyEmailStore:
    """Who wants a weekly email on which day, and which weeks were claimed and sent."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def choice(self, user_id: int) -> WeeklyChoice | None:
        """The user's choice, or None if they never made one."""
        c = weekly_email_choices.c
        with self._engine.connect() as conn:
            row = conn.execute(select(c.enabled, c.weekday).where(c.user_id == user_id)).first()
        return None if row is None else WeeklyChoice(bool(row.enabled), int(row.weekday))

    def choose(self, user_id: int, choice: WeeklyChoice, now: datetime) -> None:
        """Keep the user's choice."""
        values = {
            "user_id": user_id,
            "enabled": choice.enabled,
            "weekday": choice.weekday,
            "updated_at": now,
        }
        with self._writer.begin() as conn:
            conn.execute(upsert(conn, weekly_email_choices, ["user_id"]).values(values))

    def opted_in(self) -> dict[int, int]:
        """Each opted-in user's chosen day of the week."""
        c = weekly_email_choices.c
        with self._engine.connect() as conn:
            rows = conn.execute(select(c.user_id, c.weekday).where(c.enabled.is_(True)))
            return {int(r.user_id): int(r.weekday) for r in rows}

    def claim(self, user_id: int, week: date, now: datetime, lease_until: datetime) -> int | None:
        """Take the (user, week) email until lease_until; its attempts so far, None if not free.

        Free: never tried, or a retry that is due, or a claim whose lease ran out (its process
        died before the message went over the wire).
        """
        s = weekly_email_sends.c
        claimed = {"state": SendState.CLAIMED.value, "due_at": lease_until, "updated_at": now}
        with self._writer.begin() as conn:
            made = conn.execute(
                insert_ignoring_conflicts(conn, weekly_email_sends, ["user_id", "week"])
                .values(user_id=user_id, week=week, attempts=0, **claimed)
                .returning(s.attempts)
            ).first()
            if made is not None:
                return 0
            taken = conn.execute(
                update(weekly_email_sends)
                .where(
                    s.user_id == user_id,
                    s.week == week,
                    or_(*(and_(s.state == state, s.due_at <= now) for state in _TAKEN_OVER)),
                )
                .values(**claimed)
                .returning(s.attempts)
            ).first()
        return None if taken is None else int(taken.attempts)

    def sending(self, user_id: int, week: date, now: datetime) -> None:
        """The message is about to go over the wire: from now on it is never taken over."""
        self._set(user_id, week, state=SendState.SENDING.value, due_at=None, updated_at=now)

    def attempted(
        self,
        user_id: int,
        week: date,
        state: SendState,
        attempts: int,
        due_at: datetime | None,
        now: datetime,
    ) -> None:
        """Record how an attempt ended, and when the next one is due (None: no more)."""
        self._set(
            user_id, week, state=state.value, attempts=attempts, due_at=due_at, updated_at=now
        )

    def state(self, user_id: int, week: date) -> SendState | None:
        """Where the (user, week) email stands, None if never tried."""
        s = weekly_email_sends.c
        with self._engine.connect() as conn:
            found = conn.execute(
                select(s.state).where(s.user_id == user_id, s.week == week)
            ).scalar()
        return None if found is None else SendState(found)

    def _set(self, user_id: int, week: date, **values: object) -> None:
        s = weekly_email_sends.c
        with self._writer.begin() as conn:
            conn.execute(
                update(weekly_email_sends)
                .where(s.user_id == user_id, s.week == week)
                .values(**values)
            )


if TYPE_CHECKING:

    def _implements_the_port(store: SqlWeeklyEmailStore) -> WeeklyEmailStore:
        return store
