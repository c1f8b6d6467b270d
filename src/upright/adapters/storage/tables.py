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

file_imports = Table(
    "file_imports",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
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
