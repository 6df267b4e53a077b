"""Each user's categorization overrides in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import BindParameter, Engine, bindparam, delete, literal, select, union_all

from dayglass.core.categorization import ActivityOverride, Overrides
from dayglass.storage.cache_stamps import StampedCopies, raise_stamp
from dayglass.storage.dialect import any_of, upsert
from dayglass.storage.engine import writer
from dayglass.storage.snapshot import lone_read
from dayglass.storage.tables import activity_overrides, category_overrides
from dayglass.storage.user_row import user_stamp

if TYPE_CHECKING:
    from dayglass.services.ports import CategoryStore


# Built once: every report reads it (building it costs more than running it on SQLite). One
# statement for both tables: on Citus, one round trip to the user's worker.
_USER_ID: BindParameter[int] = bindparam("user_id")
_A, _C = activity_overrides.c, category_overrides.c
_OVERRIDES = union_all(
    select(literal(True).label("of_activity"), _A.activity_key, _A.category, _A.productivity).where(
        _A.user_id == _USER_ID
    ),
    select(literal(False), literal(""), _C.category, _C.productivity).where(_C.user_id == _USER_ID),
)


class SqlCategoryStore:
    """Activity and sub-category overrides."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)
        # Every report reads them; they change when their user changes them.
        self._kept: StampedCopies[Overrides] = StampedCopies()

    def overrides(self, user_id: int) -> Overrides:
        """All of a user's overrides (kept from an earlier read while the user's cache stamp
        says they did not change)."""
        stamp = user_stamp(self._engine, user_id)
        kept = self._kept.get(user_id, stamp)
        if kept is not None:
            return kept
        with lone_read(self._engine) as conn:  # the overrides are one statement
            activities: dict[str, ActivityOverride] = {}
            categories: dict[str, int] = {}
            found = conn.execute(_OVERRIDES, {"user_id": user_id})
            for of_activity, key, category, productivity in found:
                if of_activity:
                    activities[key] = ActivityOverride(category, productivity)
                else:
                    categories[category] = productivity
        overrides = Overrides(activities, categories)
        self._kept.keep(user_id, stamp, overrides)
        return overrides

    def overrides_of(self, user_ids: Sequence[int]) -> dict[int, Overrides]:
        """The overrides of several users, read in two queries (every id gets an entry)."""
        activities_of: dict[int, dict[str, ActivityOverride]] = {u: {} for u in user_ids}
        categories_of: dict[int, dict[str, int]] = {u: {} for u in user_ids}
        with self._engine.connect() as conn:
            a = activity_overrides.c
            for user_id, key, category, productivity in conn.execute(
                select(a.user_id, a.activity_key, a.category, a.productivity).where(
                    any_of(conn, a.user_id, user_ids)
                )
            ):
                activities_of[user_id][key] = ActivityOverride(category, productivity)
            c = category_overrides.c
            for user_id, category, productivity in conn.execute(
                select(c.user_id, c.category, c.productivity).where(
                    any_of(conn, c.user_id, user_ids)
                )
            ):
                categories_of[user_id][category] = productivity
        return {u: Overrides(activities_of[u], categories_of[u]) for u in user_ids}

    def set_activity_override(
        self, user_id: int, activity: str, override: ActivityOverride
    ) -> None:
        """Set (replace) an activity's override."""
        row = {
            "user_id": user_id,
            "activity_key": activity.casefold(),
            "activity": activity,
            "category": override.category,
            "productivity": override.productivity,
        }
        with self._writer.begin() as conn:
            raise_stamp(conn, user_id)
            conn.execute(upsert(conn, activity_overrides, ["user_id", "activity_key"]), row)

    def clear_activity_override(self, user_id: int, activity: str) -> bool:
        """Remove an activity's override; whether there was one."""
        with self._writer.begin() as conn:
            raise_stamp(conn, user_id)
            result = conn.execute(
                delete(activity_overrides).where(
                    activity_overrides.c.user_id == user_id,
                    activity_overrides.c.activity_key == activity.casefold(),
                )
            )
        return result.rowcount > 0

    def set_category_productivity(self, user_id: int, category: str, level: int | None) -> None:
        """Set a sub-category's productivity, or remove the override when level is None."""
        with self._writer.begin() as conn:
            raise_stamp(conn, user_id)
            if level is None:
                conn.execute(
                    delete(category_overrides).where(
                        category_overrides.c.user_id == user_id,
                        category_overrides.c.category == category,
                    )
                )
                return
            conn.execute(
                upsert(conn, category_overrides, ["user_id", "category"]),
                {"user_id": user_id, "category": category, "productivity": level},
            )


if TYPE_CHECKING:

    def _implements_category_store(store: SqlCategoryStore) -> CategoryStore:
        return store
