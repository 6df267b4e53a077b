"""organizations: teams with members (role, consent), groups, invitations and organization keys

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import dayglass.storage.tables

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _stamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, dayglass.storage.tables.UtcDateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    parent = target.split(".")[0]
    name = op.f(f"fk_{table}_{column}_{parent}")
    return sa.ForeignKeyConstraint([column], [target], name=name, ondelete="CASCADE")


def _link_table(name: str) -> None:
    """A group's members or managers: (group_id, user_id)."""
    op.create_table(
        name,
        sa.Column("group_id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        _fk(name, "group_id", "org_groups.id"),
        _fk(name, "user_id", "users.id"),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f(f"pk_{name}")),
    )
    op.create_index(f"ix_{name}_user", name, ["user_id"], unique=False)


def upgrade() -> None:
    """Create the organization, member, group, invitation and organization key tables."""
    op.create_table(
        "organizations",
        sa.Column("id", _ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    op.create_table(
        "org_groups",
        sa.Column("id", _ID, nullable=False),
        sa.Column("org_id", _ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _stamp("created_at"),
        _fk("org_groups", "org_id", "organizations.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_groups")),
        sa.UniqueConstraint("org_id", "name", name="uq_org_groups_org_name"),
    )
    op.create_table(
        "org_invitations",
        sa.Column("id", _ID, nullable=False),
        sa.Column("org_id", _ID, nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_by", _ID, nullable=True),
        _stamp("created_at"),
        _stamp("expires_at"),
        _stamp("revoked_at", nullable=True),
        _fk("org_invitations", "created_by", "users.id"),
        _fk("org_invitations", "org_id", "organizations.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_invitations")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_org_invitations_code_hash")),
    )
    op.create_index("ix_org_invitations_org", "org_invitations", ["org_id"], unique=False)
    op.create_table(
        "org_members",
        sa.Column("org_id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("share", sa.SmallInteger(), nullable=False),
        sa.Column("by_name", sa.Boolean(), nullable=False),
        _stamp("joined_at"),
        _fk("org_members", "org_id", "organizations.id"),
        _fk("org_members", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("org_id", "user_id", name=op.f("pk_org_members")),
    )
    op.create_index("ix_org_members_user", "org_members", ["user_id"], unique=False)
    _link_table("group_managers")
    _link_table("group_members")
    op.create_table(
        "org_keys",
        sa.Column("key_id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("org_id", _ID, nullable=False),
        _fk("org_keys", "key_id", "api_keys.id"),
        _fk("org_keys", "org_id", "organizations.id"),
        _fk("org_keys", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_org_keys")),
    )
    op.create_index("ix_org_keys_org", "org_keys", ["org_id"], unique=False)


def downgrade() -> None:
    """Drop the team tables, children first."""
    for name in (
        "org_keys",
        "group_members",
        "group_managers",
        "org_members",
        "org_invitations",
        "org_groups",
        "organizations",
    ):
        op.drop_table(name)
