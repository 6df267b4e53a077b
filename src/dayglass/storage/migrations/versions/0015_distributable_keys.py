"""distributable keys: the distribution column in every key, organization keys inside api_keys

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 13:00:00

Citus needs the distribution column in every primary key, unique constraint and foreign key
between distributed tables. On PostgreSQL the primary keys of tables with a surrogate id become
(user_id, id), or (hash, id) for credentials; SQLite keeps `id INTEGER PRIMARY KEY` (its rowid,
what numbers rows there). On both, foreign keys between per-user tables carry user_id and point
at a unique index on the parent's (user_id, id), and org_keys becomes api_keys.org_id.

SQLite enforces foreign keys and cannot switch them off inside the migration's transaction, and
dropping a parent table would then cascade into its children: parents get an index instead of
being rebuilt; only the children (which nothing points at) are rebuilt in batch mode.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Each table whose key gains its distribution column, and that column.
_KEYED = {
    "devices": "user_id",
    "activities": "user_id",
    "texts": "user_id",
    "raw_events": "user_id",
    "schedules": "user_id",
    "alerts": "user_id",
    "alert_triggerings": "user_id",
    "highlights": "user_id",
    "focus_sessions": "user_id",
    "offline_entries": "user_id",
    "projects": "user_id",
    "project_rules": "user_id",
    "project_assignments": "user_id",
    "api_keys": "key_hash",
    "embed_keys": "key_hash",
    "oauth_tokens": "token_hash",
}

# (child, its column, parent): foreign keys that now carry user_id.
_LINKS = [
    ("raw_events", "device_id", "devices"),
    ("schedule_windows", "schedule_id", "schedules"),
    ("alert_triggerings", "alert_id", "alerts"),
    ("project_rules", "project_id", "projects"),
    ("project_assignments", "project_id", "projects"),
]

_PARENTS = sorted({parent for _, _, parent in _LINKS})

_OLD_UNIQUE = ("uq_alert_triggerings_alert_day", ["alert_id", "day"])
_NEW_UNIQUE = ("uq_alert_triggerings_user_alert_day", ["user_id", "alert_id", "day"])


def _swap_unique(old: tuple[str, list[str]], new: tuple[str, list[str]]) -> None:
    """Replace alert_triggerings' unique constraint (PostgreSQL: SQLite does it in its copy)."""
    op.drop_constraint(old[0], "alert_triggerings", type_="unique")
    op.create_unique_constraint(new[0], "alert_triggerings", new[1])


def _on_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _fk_name(child: str, column: str, parent: str) -> str:
    return f"fk_{child}_{column}_{parent}"


def _change_links(composite: bool, *, drop: bool, create: bool) -> None:
    """Drop and/or create the foreign keys of _LINKS, composite (with user_id) or of id alone.

    Dropping one kind and creating the other also swaps alert_triggerings' unique constraint
    the same way. On SQLite each child is one batch copy.
    """
    for child, column, parent in _LINKS:
        name = _fk_name(child, column, parent)
        local, remote = (
            (["user_id", column], ["user_id", "id"]) if composite else ([column], ["id"])
        )
        with op.batch_alter_table(child) as batch:
            if drop:
                batch.drop_constraint(name, type_="foreignkey")
            if create:
                batch.create_foreign_key(name, parent, local, remote, ondelete="CASCADE")
            if child == "alert_triggerings" and drop and create:
                old, new = (_OLD_UNIQUE, _NEW_UNIQUE) if composite else (_NEW_UNIQUE, _OLD_UNIQUE)
                batch.drop_constraint(old[0], type_="unique")
                batch.create_unique_constraint(new[0], new[1])


def _primary_keys(lead: bool) -> None:
    """On PostgreSQL, each key of _KEYED with (lead) or without its distribution column."""
    if not _on_postgres():
        return
    for table, column in _KEYED.items():
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, [column, "id"] if lead else ["id"])


def upgrade() -> None:
    """Distribution columns into keys and foreign keys; org_keys folded into api_keys."""
    org_keys = sa.table("org_keys", sa.column("key_id"), sa.column("org_id"))
    moved = op.get_bind().execute(sa.select(org_keys.c.key_id, org_keys.c.org_id)).all()
    # Dropped before api_keys changes: on SQLite its rebuild would cascade into org_keys.
    op.drop_index("ix_org_keys_org", table_name="org_keys")
    op.drop_table("org_keys")
    postgres = _on_postgres()
    if postgres:
        # Their parents' keys change under them; SQLite's copies of the children drop them.
        _change_links(composite=False, drop=True, create=False)
    _primary_keys(lead=True)
    for parent in _PARENTS:
        op.create_index(f"uq_{parent}_user_id_id", parent, ["user_id", "id"], unique=True)
    if postgres:
        _change_links(composite=True, drop=False, create=True)
        _swap_unique(_OLD_UNIQUE, _NEW_UNIQUE)
    else:
        _change_links(composite=True, drop=True, create=True)
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("org_id", _ID, nullable=True))
        batch.create_foreign_key(
            "fk_api_keys_org_id_organizations",
            "organizations",
            ["org_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_api_keys_org", ["org_id"], unique=False)
    api_keys = sa.table("api_keys", sa.column("id"), sa.column("org_id"))
    for key_id, org_id in moved:
        op.get_bind().execute(
            sa.update(api_keys).where(api_keys.c.id == key_id).values(org_id=org_id)
        )


def downgrade() -> None:
    """Back to keys of id alone and a separate org_keys table."""
    api_keys = sa.table("api_keys", sa.column("id"), sa.column("user_id"), sa.column("org_id"))
    moved = (
        op.get_bind()
        .execute(
            sa.select(api_keys.c.id, api_keys.c.user_id, api_keys.c.org_id).where(
                api_keys.c.org_id.is_not(None)
            )
        )
        .all()
    )
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_index("ix_api_keys_org")
        batch.drop_constraint("fk_api_keys_org_id_organizations", type_="foreignkey")
        batch.drop_column("org_id")
    postgres = _on_postgres()
    if postgres:
        _change_links(composite=True, drop=True, create=False)
    else:
        # Before the parents' indexes go: SQLite checks a foreign key's target when rows move.
        _change_links(composite=False, drop=True, create=True)
    for parent in _PARENTS:
        op.drop_index(f"uq_{parent}_user_id_id", table_name=parent)
    _primary_keys(lead=False)
    if postgres:
        _change_links(composite=False, drop=False, create=True)
        _swap_unique(_NEW_UNIQUE, _OLD_UNIQUE)
    op.create_table(
        "org_keys",
        sa.Column("key_id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("org_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["key_id"], ["api_keys.id"], name="fk_org_keys_key_id_api_keys", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name="fk_org_keys_org_id_organizations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_org_keys_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key_id", name="pk_org_keys"),
    )
    op.create_index("ix_org_keys_org", "org_keys", ["org_id"], unique=False)
    org_keys = sa.table("org_keys", sa.column("key_id"), sa.column("user_id"), sa.column("org_id"))
    for key_id, user_id, org_id in moved:
        op.get_bind().execute(
            sa.insert(org_keys).values(key_id=key_id, user_id=user_id, org_id=org_id)
        )
