"""Unit of work over one SQLAlchemy session: rolls back unless ``commit()`` is called."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from upright.adapters.storage import tables as t
from upright.adapters.storage.relations import SqlRelations
from upright.adapters.storage.repositories import (
    SqlActivities,
    SqlImportLog,
    SqlPlans,
    SqlProfiles,
    SqlSessions,
)
from upright.adapters.storage.social_repositories import SqlCalendars, SqlSocial


class SqlUnitOfWork:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session | None = None

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self._factory()
        self.profiles = SqlProfiles(self.session)
        self.plans = SqlPlans(self.session)
        self.sessions = SqlSessions(self.session)
        self.activities = SqlActivities(self.session)
        self.imports = SqlImportLog(self.session)
        self.calendars = SqlCalendars(self.session)
        self.social = SqlSocial(self.session)
        self.relations = SqlRelations(self.session)
        return self

    def __exit__(self, *args: object) -> None:
        if self.session is not None:
            self.session.rollback()
            self.session.close()
            self.session = None

    def commit(self) -> None:
        if self.session is not None:
            self.session.commit()

    def delete_person_data(self, person_id: int) -> None:
        if self.session is None:
            return
        for table in (
            t.sessions,
            t.plans,
            t.profile_versions,
            t.activities,
            t.file_imports,
            t.idempotency_keys,
            t.class_calendars,
            t.group_members,
            t.group_rsvps,
            t.group_attendance,
        ):
            self.session.execute(delete(table).where(table.c.person_id == person_id))
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
