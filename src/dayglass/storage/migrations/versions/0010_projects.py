"""projects: named, ordered projects, their rules and hand assignments

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 07:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import dayglass.storage.tables

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create the projects, project_rules and project_assignments tables."""
    op.create_table(
        "projects",
        sa.Column("id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_projects_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    op.create_index("ix_projects_user", "projects", ["user_id", "position"], unique=False)
    op.create_table(
        "project_rules",
        sa.Column("id", _ID, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("project_id", _ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_rules_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_rules")),
    )
    op.create_index(
        "ix_project_rules_user_project", "project_rules", ["user_id", "project_id"], unique=False
    )
    op.create_table(
        "project_assignments",
        sa.Column("id", _ID, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("project_id", _ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_minute", sa.SmallInteger(), nullable=False),
        sa.Column("end_minute", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", dayglass.storage.tables.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_assignments_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_assignments")),
    )
    op.create_index(
        "ix_project_assignments_user_day", "project_assignments", ["user_id", "day"], unique=False
    )


def downgrade() -> None:
    """Drop the project tables."""
    op.drop_index("ix_project_assignments_user_day", table_name="project_assignments")
    op.drop_table("project_assignments")
    op.drop_index("ix_project_rules_user_project", table_name="project_rules")
    op.drop_table("project_rules")
    op.drop_index("ix_projects_user", table_name="projects")
    op.drop_table("projects")
