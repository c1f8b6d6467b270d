"""access: people.role and the links that open one person's data to another

Revision ID: 0016
Revises: 0002
Create Date: 2026-11-29 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=16), nullable=False, server_default="person")
        )
    op.create_table(
        "access_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["people.id"],
            name=op.f("fk_access_links_subject_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["people.id"],
            name=op.f("fk_access_links_actor_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_links")),
        sa.UniqueConstraint(
            "subject_id", "actor_id", "kind", "group_id", name="uq_access_links_subject_actor"
        ),
    )
    with op.batch_alter_table("access_links", schema=None) as batch_op:
        batch_op.create_index("ix_access_links_actor", ["actor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_links", schema=None) as batch_op:
        batch_op.drop_index("ix_access_links_actor")
    op.drop_table("access_links")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("role")
