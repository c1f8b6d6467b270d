"""Unit of work over one SQLAlchemy session: rolls back unless ``commit()`` is called."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from upright.adapters.storage import tables as t
from upright.adapters.storage.doctor import SqlClearances, SqlClinic, SqlOutcomes
from upright.adapters.storage.relations import SqlRelations
from upright.adapters.storage.repositories import (
    SqlActivities,
    SqlImportLog,
    SqlPlans,
    SqlProfiles,
    SqlSessions,
)


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
        self.outcomes = SqlOutcomes(self.session)
        self.clearances = SqlClearances(self.session)
        self.clinic = SqlClinic(self.session)
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
            t.outcome_responses,
            t.clearance_records,
            t.clinician_codes,
        ):
            self.session.execute(delete(table).where(table.c.person_id == person_id))
        self.session.execute(delete(t.audit_log).where(t.audit_log.c.subject_id == person_id))
        links = t.access_links.c
        self.session.execute(
            delete(t.access_links).where(
                (links.subject_id == person_id) | (links.actor_id == person_id)
            )
        )

    def rollback(self) -> None:
        if self.session is not None:
            self.session.rollback()
