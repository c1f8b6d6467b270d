"""SQLAlchemy repositories for the social features. No business rules here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc
from upright.services.social_ports import CalendarDoc, StoredCalendar


class SqlCalendars:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, person_id: int, doc: CalendarDoc, added_at: datetime) -> None:
        table = t.class_calendars
        self.session.execute(
            delete(table).where(table.c.person_id == person_id, table.c.name == doc.name)
        )
        self.session.execute(
            table.insert().values(
                person_id=person_id,
                name=doc.name,
                source=doc.source,
                format=doc.format,
                body=doc.body,
                added_at=utc(added_at),
            )
        )

    def all(self, person_id: int) -> Sequence[StoredCalendar]:
        table = t.class_calendars
        rows = self.session.execute(
            select(table.c.name, table.c.source, table.c.format, table.c.body, table.c.added_at)
            .where(table.c.person_id == person_id)
            .order_by(table.c.name)
        ).all()
        return [StoredCalendar(r.name, r.source, r.format, r.body, aware(r.added_at)) for r in rows]

    def remove(self, person_id: int, name: str) -> bool:
        table = t.class_calendars
        result = self.session.execute(
            delete(table).where(table.c.person_id == person_id, table.c.name == name)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
