"""facts by device: the device that sent each fact's time, part of the fact's key

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 14:00:00

Project rules by device must know each fact's device. facts gain device_id (devices.id; 0 where
no device is known: offline time, and imports whose source had none, on devices named
`import/...`), last in the key, which still starts with user_id.

Existing facts keep their time exactly, so the daily rollups (summed over devices) stay right:
each fact goes to the one device whose raw events touch its local 5-minute bucket. Where several
devices' events touch the bucket, the fact is split as replaying those devices' raw events the
way ingest counted them divides it (in the order they arrived, each device's overlaps clipped);
if that replay does not add up to the stored time (an app the catalog named differently then),
its shares are scaled to the stored time. A fact that no event touches keeps device 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from dayglass.catalog.loader import builtin_catalog
from dayglass.core.naming import name_event
from dayglass.core.spans import BUCKET_MS, Coverage, split_into_buckets

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_OLD_KEY = ["user_id", "bucket", "source_type", "activity_id", "document_id"]
_NEW_KEY = [*_OLD_KEY, "device_id"]
_OFFLINE = 2  # SOURCE_TYPE_CODES["offline"]: offline time has no device
_SOURCE_CODES = {"computers": 0, "mobile": 1, "offline": 2}
_CHUNK = 500

# A fact's key without its user and device: (bucket, source type, activity id, document id).
_Key = tuple[int, int, int, int]


def _facts_table(name: str, key: list[str]) -> None:
    """Create a facts table of that key (device_id a column when in it)."""
    columns = [
        sa.Column(c, sa.SmallInteger() if c == "source_type" else sa.BigInteger(), nullable=False)
        for c in key
    ]
    op.create_table(
        name,
        *columns,
        sa.Column("ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name="pk_facts"),
        sqlite_with_rowid=False,
    )


def _on_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    """Add device_id to facts' key and give existing facts their devices."""
    if _on_postgres():
        # In place: on Citus the distributed table keeps its shards.
        op.add_column(
            "facts", sa.Column("device_id", sa.BigInteger(), nullable=False, server_default="0")
        )
        op.alter_column("facts", "device_id", server_default=None)
        op.drop_constraint("pk_facts", "facts", type_="primary")
        op.create_primary_key("pk_facts", "facts", _NEW_KEY)
    else:
        # SQLite cannot change a primary key: a copy of the table takes its place.
        _facts_table("facts_0016", _NEW_KEY)
        old = ", ".join(_OLD_KEY)
        op.execute(f"INSERT INTO facts_0016 ({old}, device_id, ms) SELECT {old}, 0, ms FROM facts")
        op.drop_table("facts")
        op.rename_table("facts_0016", "facts")
    conn = op.get_bind()
    users = conn.execute(
        sa.text("SELECT DISTINCT user_id FROM facts WHERE source_type <> :offline"),
        {"offline": _OFFLINE},
    ).scalars()
    for user_id in list(users):
        _UserFacts(conn, user_id).fill()


def downgrade() -> None:
    """Sum each fact's devices back into one row and drop device_id."""
    if _on_postgres():
        key = " AND ".join(f"facts.{c} = s.{c}" for c in _OLD_KEY)
        merged = (
            f"(SELECT {', '.join(_OLD_KEY)}, SUM(ms) AS total, MIN(device_id) AS kept "
            f"FROM facts GROUP BY {', '.join(_OLD_KEY)} HAVING COUNT(*) > 1) AS s"
        )
        op.execute(
            f"UPDATE facts SET ms = s.total FROM {merged} WHERE {key} AND facts.device_id = s.kept"
        )
        op.execute(f"DELETE FROM facts USING {merged} WHERE {key} AND facts.device_id <> s.kept")
        op.drop_constraint("pk_facts", "facts", type_="primary")
        op.drop_column("facts", "device_id")
        op.create_primary_key("pk_facts", "facts", _OLD_KEY)
    else:
        _facts_table("facts_0015", _OLD_KEY)
        old = ", ".join(_OLD_KEY)
        op.execute(
            f"INSERT INTO facts_0015 ({old}, ms) SELECT {old}, SUM(ms) FROM facts GROUP BY {old}"
        )
        op.drop_table("facts")
        op.rename_table("facts_0015", "facts")


def _buckets(start_ms: int, duration_ms: int, offset_min: int) -> range:
    """The local buckets (epoch seconds) an event touches."""
    low = start_ms + offset_min * 60_000
    high = low + max(duration_ms, 1)
    first = low - low % BUCKET_MS
    return range(first // 1000, (high - 1) // 1000 + 1, BUCKET_MS // 1000)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for low in range(0, len(values), _CHUNK):
        yield values[low : low + _CHUNK]


def _shares(stored: int, replayed: dict[int, int]) -> dict[int, int]:
    """The stored ms split between devices as replayed, scaled to add up to stored exactly."""
    total = sum(replayed.values())
    if total == 0:
        return {0: stored}
    if total == stored:
        return {d: ms for d, ms in replayed.items() if ms}
    shares = {d: stored * ms // total for d, ms in replayed.items()}
    largest = max(replayed, key=lambda d: (replayed[d], -d))
    shares[largest] += stored - sum(shares.values())
    return {d: ms for d, ms in shares.items() if ms}


class _UserFacts:
    """One user's facts given their devices."""

    def __init__(self, conn: sa.Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id
        rows = conn.execute(
            sa.text("SELECT id, name, source_type FROM devices WHERE user_id = :u"),
            {"u": user_id},
        ).all()
        # Offline entries' devices hold only offline time, which stays on device 0.
        self._target = {
            i: 0 if name.startswith("import/") else i
            for i, name, _ in rows
            if not name.startswith("offline/")
        }
        self._source = {i: _SOURCE_CODES.get(source, 0) for i, _, source in rows}

    def fill(self) -> None:
        """Give the user's facts (still all on device 0) their devices."""
        targets = set(self._target.values())
        if not targets or targets == {0}:
            return
        if len(targets) == 1:
            self._set_range(targets.pop(), None, None)
            return
        events = self._conn.execute(
            sa.text(
                "SELECT id, device_id, start_ms, duration_ms, utc_offset_min, app_text_id, "
                "title_text_id, url_text_id FROM raw_events WHERE user_id = :u ORDER BY id"
            ),
            {"u": self._user_id},
        ).all()
        events = [e for e in events if e.device_id in self._target]
        touching: dict[int, set[int]] = defaultdict(set)
        for e in events:
            for bucket in _buckets(e.start_ms, e.duration_ms, e.utc_offset_min):
                touching[bucket].add(self._target[e.device_id])
        shared = {b for b, found in touching.items() if len(found) > 1}
        self._set_runs(touching, shared)
        if shared:
            self._split(shared, self._replay(events, shared))

    def _set_range(self, device_id: int, low: int | None, high: int | None) -> None:
        where = "user_id = :u AND source_type <> :offline AND device_id = 0"
        if low is not None:
            where += " AND bucket >= :low AND bucket < :high"
        self._conn.execute(
            sa.text(f"UPDATE facts SET device_id = :d WHERE {where}"),
            {"u": self._user_id, "offline": _OFFLINE, "d": device_id, "low": low, "high": high},
        )

    def _set_runs(self, touching: dict[int, set[int]], shared: set[int]) -> None:
        """Facts of buckets one device touched: runs of adjacent buckets at a time."""
        step = BUCKET_MS // 1000
        run: tuple[int, int, int] | None = None  # (device, first bucket, bucket after)
        for bucket in sorted(touching):
            if bucket in shared:
                continue
            (device,) = touching[bucket]
            if run is not None and run[0] == device and run[2] == bucket:
                run = (device, run[1], bucket + step)
                continue
            if run is not None and run[0]:
                self._set_range(*run)
            run = (device, bucket, bucket + step)
        if run is not None and run[0]:
            self._set_range(*run)

    def _replay(
        self, events: Sequence[sa.Row[Any]], shared: set[int]
    ) -> dict[tuple[int, int, str, str], dict[int, int]]:
        """Each device's ms per (bucket, source, activity, document) in the shared buckets,
        counted as ingest counted it."""
        catalog = builtin_catalog()
        wanted = [
            e
            for e in events
            if any(b in shared for b in _buckets(e.start_ms, e.duration_ms, e.utc_offset_min))
        ]
        ids = sorted(
            {t for e in wanted for t in (e.app_text_id, e.title_text_id, e.url_text_id) if t}
        )
        values: dict[int, str] = {}
        for part in _chunks(ids):
            query = sa.text(
                "SELECT id, value FROM texts WHERE user_id = :u AND id IN :ids"
            ).bindparams(sa.bindparam("ids", expanding=True))
            values.update(self._conn.execute(query, {"u": self._user_id, "ids": list(part)}).all())
        coverage: dict[int, Coverage] = defaultdict(Coverage)
        replayed: dict[tuple[int, int, str, str], dict[int, int]] = defaultdict(
            lambda: defaultdict(int)
        )
        wanted_ids = {e.id for e in wanted}
        for e in events:
            parts = coverage[e.device_id].claim((e.start_ms, e.start_ms + e.duration_ms))
            if e.id not in wanted_ids:
                continue
            url = None if e.url_text_id is None else values.get(e.url_text_id)
            app, title = values.get(e.app_text_id, ""), values.get(e.title_text_id, "")
            naming = name_event(app, title, url, catalog.canonical_app)
            for part in parts:
                for bucket, ms in split_into_buckets(part, e.utc_offset_min):
                    if bucket in shared:
                        key = (bucket, self._source[e.device_id], naming.activity, naming.document)
                        replayed[key][self._target[e.device_id]] += ms
                        # The same without the source type: a device's batches may have
                        # named another source than the device was made with.
                        replayed[(*key[:1], -1, *key[2:])][self._target[e.device_id]] += ms
        return replayed

    def _split(
        self, shared: set[int], replayed: dict[tuple[int, int, str, str], dict[int, int]]
    ) -> None:
        """Facts of buckets several devices touched, split between them as replayed."""
        query = sa.text(
            "SELECT f.bucket, f.source_type, f.activity_id, f.document_id, f.ms, a.name, t.value "
            "FROM facts f "
            "JOIN activities a ON a.user_id = f.user_id AND a.id = f.activity_id "
            "JOIN texts t ON t.user_id = f.user_id AND t.id = f.document_id "
            "WHERE f.user_id = :u AND f.source_type <> :offline AND f.device_id = 0 "
            "AND f.bucket IN :buckets"
        ).bindparams(sa.bindparam("buckets", expanding=True))
        found: list[tuple[_Key, int, dict[int, int]]] = []
        for part in _chunks(sorted(shared)):
            params = {"u": self._user_id, "offline": _OFFLINE, "buckets": list(part)}
            for bucket, source, activity_id, document_id, ms, name, value in self._conn.execute(
                query, params
            ):
                by_device = replayed.get((bucket, source, name, value)) or replayed.get(
                    (bucket, -1, name, value), {}
                )
                key = (bucket, source, activity_id, document_id)
                found.append((key, ms, _shares(ms, dict(by_device))))
        split = [(key, shares) for key, ms, shares in found if shares != {0: ms}]
        if not split:
            return
        u = self._user_id
        self._conn.execute(
            sa.text(
                "DELETE FROM facts WHERE user_id = :u AND bucket = :b AND source_type = :s "
                "AND activity_id = :a AND document_id = :d AND device_id = 0"
            ),
            [{"u": u, "b": b, "s": s, "a": a, "d": d} for (b, s, a, d), _ in split],
        )
        self._conn.execute(
            sa.text(
                f"INSERT INTO facts ({', '.join(_NEW_KEY)}, ms) "
                "VALUES (:u, :b, :s, :a, :d, :device, :ms)"
            ),
            [
                {"u": u, "b": b, "s": s, "a": a, "d": d, "device": device, "ms": ms}
                for (b, s, a, d), shares in split
                for device, ms in shares.items()
            ],
        )
