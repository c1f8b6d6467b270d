"""Unit of work over one SQLAlchemy session: rolls back unless ``commit()`` is called."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from upright.adapters.storage import tables as t
from upright.adapters.storage.doctor import SqlClearances, SqlClinic, SqlOutcomes
from upright.adapters.storage.idempotency import SqlIdempotency
from upright.adapters.storage.relations import SqlRelations
from upright.adapters.storage.repositories import (
    SqlActivities,
    SqlImportLog,
    SqlPlans,
    SqlProfiles,
    SqlSessions,
    SqlSnapshots,
)
from upright.domain.errors import ConnectionLost, StorageError

if TYPE_CHECKING:
    from upright.adapters.storage.reminders import SqlReminders
    from upright.adapters.storage.replan_store import SqlReplanBatch, SqlReplanJobs
    from upright.adapters.storage.sessions import DbSession
    from upright.adapters.storage.social_repositories import SqlCalendars, SqlSocial

P = ParamSpec("P")
R = TypeVar("R")


def storage_error(error: SQLAlchemyError) -> StorageError:
    """What a person reads when the database fails after start-up (lost, locked, full).

    The driver's words (addresses, table names) stay in the chained cause for the operator's
    log; the person reads plain words. A broken connection (``ConnectionLost``) is told apart:
    the pool has already dropped it, so a request sent again gets a new one.
    """
    driver = getattr(error, "orig", None)
    said = str(driver).lower()
    # a table or column the code expects is missing: waiting will not help, so say what it is
    if type(driver).__name__ in ("UndefinedTable", "UndefinedColumn") or said.startswith(
        ("no such table", "no such column")
    ):
        return StorageError(
            "the database does not match this version of Upright: part of what it should hold "
            "is missing. Nothing was changed. Restore a backup, or point UPRIGHT_DATA_DIR at a "
            "new folder to start afresh"
        )
    message = "the database is not available right now; please try again in a moment"
    lost = getattr(error, "connection_invalidated", False)
    return ConnectionLost(message) if lost else StorageError(message)


def translated(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn the storage library's errors into ``StorageError`` (for stores used outside a unit
    of work: data versions, idempotency keys)."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except SQLAlchemyError as error:
            raise storage_error(error) from error

    return run


class Translating:
    """A store whose every method call turns storage errors into ``StorageError``."""

    def __init__(self, inner: object) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._inner, name)
        return translated(found) if callable(found) else found


class SqlUnitOfWork:
    def __init__(self, factory: Callable[[], DbSession]) -> None:
        self._factory = factory
        self.session: DbSession | None = None
        self._later: dict[str, Any] = {}

    def __enter__(self) -> SqlUnitOfWork:
        try:  # a connection is opened here (a session would wait until its first statement)
            self.session = self._factory()
        except SQLAlchemyError as error:
            raise storage_error(error) from error
        self.profiles = SqlProfiles(self.session)
        self.plans = SqlPlans(self.session)
        self.sessions = SqlSessions(self.session)
        self.activities = SqlActivities(self.session)
        self.snapshots = SqlSnapshots(self.session)
        self.imports = SqlImportLog(self.session)
        self.outcomes = SqlOutcomes(self.session)
        self.clearances = SqlClearances(self.session)
        self.clinic = SqlClinic(self.session)
        self.relations = SqlRelations(self.session)
        self.idempotency = SqlIdempotency(self.session)
        self._later = {}
        return self

    # Reminders and the social features load on first use: `upright today` needs neither, and
    # their modules (time zones, groups, calendars) cost more to import than the command's work.

    def _on_first_use(self, name: str, make: Callable[[DbSession], Any]) -> Any:
        if self.session is None:
            raise StorageError("no database session")
        if name not in self._later:
            self._later[name] = make(self.session)
        return self._later[name]

    @property
    def calendars(self) -> SqlCalendars:
        from upright.adapters.storage.social_repositories import SqlCalendars

        found: SqlCalendars = self._on_first_use("calendars", SqlCalendars)
        return found

    @property
    def social(self) -> SqlSocial:
        from upright.adapters.storage.social_repositories import SqlSocial

        found: SqlSocial = self._on_first_use("social", SqlSocial)
        return found

    @property
    def reminders(self) -> SqlReminders:
        from upright.adapters.storage.reminders import SqlReminders

        found: SqlReminders = self._on_first_use("reminders", SqlReminders)
        return found

    @property
    def replan_batch(self) -> SqlReplanBatch:
        from upright.adapters.storage.replan_store import SqlReplanBatch

        found: SqlReplanBatch = self._on_first_use("replan_batch", SqlReplanBatch)
        return found

    @property
    def replan_jobs(self) -> SqlReplanJobs:
        from upright.adapters.storage.replan_store import SqlReplanJobs

        found: SqlReplanJobs = self._on_first_use("replan_jobs", SqlReplanJobs)
        return found

    def __exit__(self, *args: object) -> None:
        error = args[1] if len(args) > 1 else None
        session, self.session = self.session, None
        failed: SQLAlchemyError | None = error if isinstance(error, SQLAlchemyError) else None
        if session is not None:
            try:
                session.rollback()
                session.close()
            except SQLAlchemyError as closing:
                failed = failed or closing
                try:
                    session.invalidate()
                except SQLAlchemyError:
                    pass  # the connection is gone already
        # a database lost at any time reaches the edges as StorageError (exit 4, HTTP 503)
        if failed is not None:
            raise storage_error(failed) from failed

    def commit(self) -> None:
        if self.session is not None:
            self.session.commit()

    def delete_person_data(self, person_id: int) -> None:
        if self.session is None:
            return
        for table in (
            t.sessions,
            t.progress_snapshots,
            t.plans,
            t.profile_versions,
            t.activities,
            t.file_imports,
            t.import_spans,
            t.idempotency_keys,
            t.outcome_responses,
            t.clearance_records,
            t.clinician_codes,
            t.reminder_outbox,
            t.reminder_settings,
            t.push_subscriptions,
            t.calendar_feeds,
            t.class_calendars,
            t.group_members,
            t.group_rsvps,
            t.group_attendance,
        ):
            self.session.execute(delete(table).where(table.c.person_id == person_id))
        self.session.execute(delete(t.audit_log).where(t.audit_log.c.subject_id == person_id))
        # what this person sent or set up with others (issue 10)
        for table, columns in (
            (t.encouragements, ("sender_id", "recipient_id")),
            (t.encouragement_mutes, ("muter_id", "muted_id")),
            (t.buddy_goals, ("person_a", "person_b")),
            (t.buddy_invites, ("inviter_id",)),
        ):
            for column in columns:
                self.session.execute(delete(table).where(table.c[column] == person_id))
        led = [g for (g,) in self.session.execute(
            select(t.social_groups.c.id).where(t.social_groups.c.leader_id == person_id)
        )]  # fmt: skip
        for table in (t.group_members, t.group_rsvps, t.group_attendance, t.buddy_invites):
            self.session.execute(delete(table).where(table.c.group_id.in_(led)))
        self.session.execute(delete(t.social_groups).where(t.social_groups.c.id.in_(led)))
        links = t.access_links.c
        self.session.execute(
            delete(t.access_links).where(
                (links.subject_id == person_id) | (links.actor_id == person_id)
            )
        )

    def rollback(self) -> None:
        if self.session is not None:
            self.session.rollback()
