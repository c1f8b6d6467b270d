"""hardening: sign-in and sign-up throttle counters (one row per key, updated under a lock)

Revision ID: 0015
Revises: 0010
Create Date: 2026-11-29 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_counters",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_counters")),
    )
    op.create_index("ix_login_counters_last_at", "login_counters", ["last_at"])


def downgrade() -> None:
    op.drop_index("ix_login_counters_last_at", table_name="login_counters")
    op.drop_table("login_counters")
