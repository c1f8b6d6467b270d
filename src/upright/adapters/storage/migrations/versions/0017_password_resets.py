"""password resets (single-use, expiring links sent by e-mail; only their hash is stored), and
the onset of the pain episode in stored profiles (so its length ages)

Revision ID: 0017
Revises: 0012
Create Date: 2026-11-29 23:10:00
"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_password_resets_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_password_resets")),
    )
    op.create_index("ix_password_resets_person_id", "password_resets", ["person_id"])
    op.create_index("ix_password_resets_expires_at", "password_resets", ["expires_at"])
    _add_pain_onsets()


_versions = sa.table(
    "profile_versions",
    sa.column("id", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _add_pain_onsets() -> None:
    """Each stored answer without an onset gets one: the day it was given, minus pain_weeks.

    Additive: pain_weeks stays as it was given; a reader that knows pain_onset counts the
    episode's length from it on any day.
    """
    connection = op.get_bind()
    rows = connection.execute(sa.select(_versions.c.id, _versions.c.data, _versions.c.created_at))
    for ident, data, created_at in rows.all():
        if not isinstance(data, dict) or data.get("pain_onset"):
            continue
        weeks = data.get("pain_weeks") or 0
        try:
            onset = created_at.date() - timedelta(weeks=int(weeks))
        except (TypeError, ValueError, OverflowError):
            continue  # not a number of weeks: left as it is (it never passed the checks)
        connection.execute(
            sa.update(_versions)
            .where(_versions.c.id == ident)
            .values(data={**data, "pain_onset": onset.isoformat()})
        )


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(_versions.c.id, _versions.c.data))
    for ident, data in rows.all():
        if isinstance(data, dict) and "pain_onset" in data:
            kept = {k: v for k, v in data.items() if k != "pain_onset"}
            connection.execute(
                sa.update(_versions).where(_versions.c.id == ident).values(data=kept)
            )
    op.drop_index("ix_password_resets_expires_at", table_name="password_resets")
    op.drop_index("ix_password_resets_person_id", table_name="password_resets")
    op.drop_table("password_resets")
