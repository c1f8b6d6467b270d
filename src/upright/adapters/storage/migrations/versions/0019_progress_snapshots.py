"""progress snapshots: the progression state at the start of a week (the replay resumes there)

Revision ID: 0019
Revises: 0017
Create Date: 2026-11-29 23:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_snapshots",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_progress_snapshots_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "week_start", name=op.f("pk_progress_snapshots")),
    )


def downgrade() -> None:
    op.drop_table("progress_snapshots")
