"""exercise with friends: class calendars, buddies, groups

Revision ID: 0010
Revises: 0016
Create Date: 2026-11-29 20:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0016"
branch_labels = None
depends_on = None


def _person_fk(table: str, column: str = "person_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["people.id"], name=op.f(f"fk_{table}_{column}_people"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "class_calendars",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        _person_fk("class_calendars"),
        sa.PrimaryKeyConstraint("person_id", "name", name=op.f("pk_class_calendars")),
    )


def downgrade() -> None:
    op.drop_table("class_calendars")
