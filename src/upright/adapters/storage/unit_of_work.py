"""Unit of work over one SQLAlchemy session: rolls back unless ``commit()`` is called."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

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
        return self

    def __exit__(self, *args: object) -> None:
        if self.session is not None:
            self.session.rollback()
            self.session.close()
            self.session = None

    def commit(self) -> None:
        if self.session is not None:
            self.session.commit()

    def rollback(self) -> None:
        if self.session is not None:
            self.session.rollback()
