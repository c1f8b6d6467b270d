"""import spans: what each Apple Health export covered (a newer export is read from there on)

Revision ID: 0014
Revises: 0002
Create Date: 2026-11-29 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_spans",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("data_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled", sa.Integer(), nullable=False),
        sa.Column("checksum", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_import_spans_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "sha256", name=op.f("pk_import_spans")),
    )
    with op.batch_alter_table("import_spans", schema=None) as batch_op:
        batch_op.create_index(
            "ix_import_spans_person_format", ["person_id", "format", "data_until"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("import_spans", schema=None) as batch_op:
        batch_op.drop_index("ix_import_spans_person_format")
    op.drop_table("import_spans")
