"""reminders: settings, outbox with a unique key, push subscriptions, calendar feeds, server keys

Revision ID: 0011
Revises: 0016
Create Date: 2026-11-29 20:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0014"
branch_labels = None
depends_on = None


def _person() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("person_id", sa.Integer(), nullable=False)


def _fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["person_id"], ["people.id"], name=op.f(f"fk_{table}_person_id_people"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "reminder_settings",
        _person(),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("unsubscribe_token", sa.String(length=64), nullable=False),
        sa.Column("next_check", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("reminder_settings"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_reminder_settings")),
        sa.UniqueConstraint(
            "unsubscribe_token", name=op.f("uq_reminder_settings_unsubscribe_token")
        ),
    )
    op.create_index("ix_reminder_settings_next_check", "reminder_settings", ["next_check"])
    op.create_table(
        "reminder_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        _person(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("done", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        _fk("reminder_outbox"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_outbox")),
        sa.UniqueConstraint("person_id", "kind", "local_date", name="uq_reminder_outbox_key"),
    )
    op.create_index("ix_reminder_outbox_status_next", "reminder_outbox", ["status", "next_attempt"])
    op.create_table(
        "push_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        _person(),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("p256dh", sa.String(length=200), nullable=False),
        sa.Column("auth", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("push_subscriptions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscriptions")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscriptions_endpoint")),
    )
    op.create_index("ix_push_subscriptions_person", "push_subscriptions", ["person_id"])
    op.create_table(
        "calendar_feeds",
        sa.Column("token", sa.String(length=64), nullable=False),
        _person(),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("calendar_feeds"),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("person_id", name=op.f("uq_calendar_feeds_person_id")),
    )
    op.create_table(
        "server_keys",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_keys")),
    )


def downgrade() -> None:
    op.drop_table("server_keys")
    op.drop_table("calendar_feeds")
    op.drop_index("ix_push_subscriptions_person", table_name="push_subscriptions")
    op.drop_table("push_subscriptions")
    op.drop_index("ix_reminder_outbox_status_next", table_name="reminder_outbox")
    op.drop_table("reminder_outbox")
    op.drop_index("ix_reminder_settings_next_check", table_name="reminder_settings")
    op.drop_table("reminder_settings")
