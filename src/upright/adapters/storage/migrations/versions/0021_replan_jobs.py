"""replan jobs: batches of people to re-plan, claimed by background workers with a lease

Revision ID: 0021
Revises: 0019
Create Date: 2026-11-30 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "replan_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("person_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("planned", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replan_jobs")),
    )
    op.create_index("ix_replan_jobs_status", "replan_jobs", ["status", "id"])


def downgrade() -> None:
    op.drop_index("ix_replan_jobs_status", table_name="replan_jobs")
    op.drop_table("replan_jobs")
