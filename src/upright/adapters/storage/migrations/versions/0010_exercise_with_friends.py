"""exercise with friends: class calendars, buddies, groups

Revision ID: 0010
Revises: 0016
Create Date: 2026-11-29 20:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0011"
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
    op.create_table(
        "buddy_goals",
        sa.Column("person_a", sa.Integer(), nullable=False),
        sa.Column("person_b", sa.Integer(), nullable=False),
        sa.Column("walks_per_week", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_a"],
            ["people.id"],
            name=op.f("fk_buddy_goals_person_a_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_b"],
            ["people.id"],
            name=op.f("fk_buddy_goals_person_b_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_a", "person_b", name=op.f("pk_buddy_goals")),
    )
    op.create_table(
        "encouragement_mutes",
        sa.Column("muter_id", sa.Integer(), nullable=False),
        sa.Column("muted_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["muted_id"],
            ["people.id"],
            name=op.f("fk_encouragement_mutes_muted_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["muter_id"],
            ["people.id"],
            name=op.f("fk_encouragement_mutes_muter_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("muter_id", "muted_id", name=op.f("pk_encouragement_mutes")),
    )
    op.create_table(
        "encouragements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("message_key", sa.String(length=32), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["people.id"],
            name=op.f("fk_encouragements_recipient_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"],
            ["people.id"],
            name=op.f("fk_encouragements_sender_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_encouragements")),
        sa.UniqueConstraint("sender_id", "recipient_id", "day", name="uq_encouragements_pair_day"),
    )
    with op.batch_alter_table("encouragements", schema=None) as batch_op:
        batch_op.create_index("ix_encouragements_recipient", ["recipient_id", "day"], unique=False)

    op.create_table(
        "person_blocks",
        sa.Column("blocker_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["blocked_id"],
            ["people.id"],
            name=op.f("fk_person_blocks_blocked_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["blocker_id"],
            ["people.id"],
            name=op.f("fk_person_blocks_blocker_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("blocker_id", "blocked_id", name=op.f("pk_person_blocks")),
    )
    op.create_table(
        "social_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("rrule", sa.String(length=200), nullable=False),
        sa.Column("first_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["leader_id"],
            ["people.id"],
            name=op.f("fk_social_groups_leader_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_groups")),
    )
    with op.batch_alter_table("social_groups", schema=None) as batch_op:
        batch_op.create_index("ix_social_groups_leader", ["leader_id"], unique=False)

    op.create_table(
        "buddy_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inviter_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by"],
            ["people.id"],
            name=op.f("fk_buddy_invites_answered_by_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["social_groups.id"],
            name=op.f("fk_buddy_invites_group_id_social_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inviter_id"],
            ["people.id"],
            name=op.f("fk_buddy_invites_inviter_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_invites")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_buddy_invites_code_hash")),
    )
    with op.batch_alter_table("buddy_invites", schema=None) as batch_op:
        batch_op.create_index("ix_buddy_invites_inviter", ["inviter_id"], unique=False)

    op.create_table(
        "group_attendance",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["social_groups.id"],
            name=op.f("fk_group_attendance_group_id_social_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_group_attendance_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "person_id", "day", name=op.f("pk_group_attendance")),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["social_groups.id"],
            name=op.f("fk_group_members_group_id_social_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_group_members_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "person_id", name=op.f("pk_group_members")),
    )
    op.create_table(
        "group_rsvps",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["social_groups.id"],
            name=op.f("fk_group_rsvps_group_id_social_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_group_rsvps_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "person_id", "day", name=op.f("pk_group_rsvps")),
    )


def downgrade() -> None:
    op.drop_table("group_rsvps")
    op.drop_table("group_members")
    op.drop_table("group_attendance")
    with op.batch_alter_table("buddy_invites", schema=None) as batch_op:
        batch_op.drop_index("ix_buddy_invites_inviter")

    op.drop_table("buddy_invites")
    with op.batch_alter_table("social_groups", schema=None) as batch_op:
        batch_op.drop_index("ix_social_groups_leader")

    op.drop_table("social_groups")
    op.drop_table("person_blocks")
    with op.batch_alter_table("encouragements", schema=None) as batch_op:
        batch_op.drop_index("ix_encouragements_recipient")

    op.drop_table("encouragements")
    op.drop_table("encouragement_mutes")
    op.drop_table("buddy_goals")
    op.drop_table("class_calendars")
