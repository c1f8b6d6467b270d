"""SQLAlchemy Core tables: the one MetaData that Alembic migrates. Storage decides nothing."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), unique=True, nullable=True),
    Column("password_hash", String(255), nullable=True),
    Column("display_name", String(120), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # person | clinician | admin (issue 16); what it allows is decided in services/access.py
    Column("role", String(16), nullable=False, server_default="person"),
)

profile_versions = Table(
    "profile_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("person_id", "version", name="uq_profile_versions_person_version"),
)

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("week_start", Date, nullable=False),
    Column("plan", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_plans_person_week", "person_id", "week_start"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("data", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("person_id", "day", name="uq_sessions_person_day"),
)

activities = Table(
    "activities",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(128), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("start", DateTime(timezone=True), nullable=False),
    Column("utc_offset_minutes", Integer, nullable=False),
    Column("minutes", Float, nullable=False),
    Column("moving_minutes", Float, nullable=False),
    Column("brisk_minutes", Float, nullable=False),
    Column("distance_km", Float, nullable=True),
    Column("steps", Integer, nullable=True),
    Column("avg_hr", Float, nullable=True),
    Column("counted", Boolean, nullable=False),
    Column("note", Text, nullable=True),
    Column("source", String(32), nullable=False),
    Column("device", String(255), nullable=True),
    Column("extra", JSON, nullable=True),
    Index("ix_activities_person_start", "person_id", "start"),
)

progress_snapshots = Table(
    "progress_snapshots",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("week_start", Date, primary_key=True),
    # what it was computed from (effective profile, catalog and rules, format)
    Column("fingerprint", String(64), nullable=False),
    Column("data", JSON, nullable=False),
)

file_imports = Table(
    "file_imports",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

#: What an Apple Health export covered, so a newer export (a superset) is read from there on.
import_spans = Table(
    "import_spans",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("format", String(32), nullable=False),
    #: the latest sample time seen in the file
    Column("data_until", DateTime(timezone=True), nullable=False),
    #: count and checksum of the samples the next import will skip (before its cut-off)
    Column("settled", Integer, nullable=False),
    Column("checksum", Integer, nullable=False),
    Index("ix_import_spans_person_format", "person_id", "format", "data_until"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(128), primary_key=True),
    Column("response", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# --- web accounts (issue 5): server-side sign-in sessions and failed sign-in attempts ---

web_sessions = Table(
    "web_sessions",
    metadata,
    # only a hash of the cookie's token is stored, so a leaked table cannot sign anyone in
    Column("token_hash", String(64), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_web_sessions_person", "person_id"),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    # a hash of "email:..." or "client:...", so attempts on unknown emails store no address
    Column("key", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_login_attempts_key_at", "key", "at"),
)

# --- doctor in the loop (issue 12): outcome answers, clearance entries ---

outcome_responses = Table(
    "outcome_responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    # the schedule point answered, in weeks after the first answers (0 = the start)
    Column("timepoint_weeks", Integer, nullable=False),
    Column("answered_on", Date, nullable=False),
    Column("answers", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("person_id", "timepoint_weeks", name="uq_outcome_responses_person_point"),
)

clearance_records = Table(
    "clearance_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    # who typed it in: the person, a clinician account, or a health-record file they imported
    Column("entered_by", Integer, ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
    Column("entered_by_name", String(120), nullable=False),
    Column("role", String(16), nullable=False),
    Column("data", JSON, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
    Index("ix_clearance_records_person", "person_id"),
)

clinician_codes = Table(
    "clinician_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    # only a hash of the code: a leaked table links nobody
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_by", Integer, ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
    Column("used_at", DateTime(timezone=True), nullable=True),
    Index("ix_clinician_codes_person", "person_id"),
)

# every read and change a clinician makes of a person's record, for the person to see
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", Integer, ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
    Column("actor_name", String(120), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", String(300), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_audit_log_subject_at", "subject_id", "at"),
)

# --- access (issue 16): who may act on whose data; the policy is services/access.py ---

access_links = Table(
    "access_links",
    metadata,
    Column("id", Integer, primary_key=True),
    # the person whose data is opened, and the person it is opened to
    Column("subject_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # buddy | clinician | group_leader
    # 0 for buddies and clinicians; tells one leader's groups apart (no FK: groups are issue 10's)
    Column("group_id", Integer, nullable=False, server_default="0"),
    Column("accepted", Boolean, nullable=False),
    Column("scopes", JSON, nullable=False),  # list of shared items (services.access.Scope)
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "subject_id", "actor_id", "kind", "group_id", name="uq_access_links_subject_actor"
    ),
    Index("ix_access_links_actor", "actor_id"),
)

# --- reminders (issue 11): settings, the outbox, push subscriptions, calendar feeds ---

reminder_settings = Table(
    "reminder_settings",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("email", String(320), nullable=True),
    # the unsubscribe link carries this; it works without signing in
    Column("unsubscribe_token", String(64), nullable=False, unique=True),
    # when this person should next be looked at (UTC); the due query reads only this index
    Column("next_check", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_reminder_settings_next_check", "next_check"),
)

reminder_outbox = Table(
    "reminder_outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("channels", JSON, nullable=False),
    Column("done", JSON, nullable=False),
    Column("status", String(12), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt", DateTime(timezone=True), nullable=False),
    Column("claimed_until", DateTime(timezone=True), nullable=True),
    Column("claimed_by", String(64), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    # the key that makes every message go out at most once
    UniqueConstraint("person_id", "kind", "local_date", name="uq_reminder_outbox_key"),
    Index("ix_reminder_outbox_status_next", "status", "next_attempt"),
)

push_subscriptions = Table(
    "push_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("endpoint", Text, nullable=False, unique=True),
    Column("p256dh", String(200), nullable=False),
    Column("auth", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_push_subscriptions_person", "person_id"),
)

calendar_feeds = Table(
    "calendar_feeds",
    metadata,
    Column("token", String(64), primary_key=True),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# server-wide secrets made on first use (the web-push VAPID key pair)
server_keys = Table(
    "server_keys",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# --- exercising with others (issue 10): class calendars, buddies, groups ---

class_calendars = Table(
    "class_calendars",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    # the checked calendar text (or the live OpenActive items as JSON), expanded when listed
    Column("body", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

social_groups = Table(
    "social_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("leader_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("place", String(200), nullable=True),
    Column("rrule", String(200), nullable=False),  # RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA
    Column("first_start", DateTime(timezone=True), nullable=False),  # UTC
    Column("tz", String(64), nullable=False),  # IANA zone the schedule repeats in
    Column("minutes", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_social_groups_leader", "leader_id"),
)

# an invitation to be buddies (group_id null) or to join a group; only a hash of the code is kept
buddy_invites = Table(
    "buddy_invites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("inviter_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("group_id", Integer, ForeignKey("social_groups.id", ondelete="CASCADE"), nullable=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("status", String(16), nullable=False),  # open | accepted | declined | cancelled
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("answered_by", Integer, ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    Index("ix_buddy_invites_inviter", "inviter_id"),
)

person_blocks = Table(
    "person_blocks",
    metadata,
    Column("blocker_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("blocked_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

buddy_goals = Table(
    "buddy_goals",
    metadata,
    # the pair, lower id first
    Column("person_a", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("person_b", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("walks_per_week", Integer, nullable=False),
    Column("proposed_by", Integer, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

encouragements = Table(
    "encouragements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("recipient_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("message_key", String(32), nullable=True),  # one of the fixed set, or null for text
    Column("body", Text, nullable=True),  # free text, only between accepted buddies
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("sender_id", "recipient_id", "day", name="uq_encouragements_pair_day"),
    Index("ix_encouragements_recipient", "recipient_id", "day"),
)

encouragement_mutes = Table(
    "encouragement_mutes",
    metadata,
    Column("muter_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("muted_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column(
        "group_id", Integer, ForeignKey("social_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("joined_at", DateTime(timezone=True), nullable=False),
)

group_rsvps = Table(
    "group_rsvps",
    metadata,
    Column(
        "group_id", Integer, ForeignKey("social_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("answer", String(8), nullable=False),  # yes | no | maybe
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

group_attendance = Table(
    "group_attendance",
    metadata,
    Column(
        "group_id", Integer, ForeignKey("social_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("confirmed_at", DateTime(timezone=True), nullable=False),
)

# --- hardening (issue 15): one counter per sign-in / sign-up throttle key, updated in place
# under a row lock, so parallel attempts are counted one after another ---

login_counters = Table(
    "login_counters",
    metadata,
    # a hash of "pair:email+client", "client:..." or "signup:...": no address is stored
    Column("key", String(64), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("last_at", DateTime(timezone=True), nullable=True),
    Index("ix_login_counters_last_at", "last_at"),
)

# --- password reset by e-mail (issue 15): single-use links that expire; only a hash of the
# link's token is stored, so a copy of the database cannot be used to take an account ---

password_resets = Table(
    "password_resets",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
    Index("ix_password_resets_person_id", "person_id"),
    Index("ix_password_resets_expires_at", "expires_at"),
)

#: re-planning work for background workers: one row per batch of people, claimed with a lease
#: (``adapters/storage/replan_store.py``)
replan_jobs = Table(
    "replan_jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    # plan the week containing this day
    Column("day", Date, nullable=False),
    Column("person_ids", JSON, nullable=False),
    # queued | done | failed
    Column("status", String(12), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_until", DateTime(timezone=True), nullable=True),
    Column("planned", Integer, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Index("ix_replan_jobs_status", "status", "id"),
)
