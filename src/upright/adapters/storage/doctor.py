"""Storage for the doctor-in-the-loop features: outcome answers and clearance entries.

No rules here: what is due and what a clearance does live in the domain and the services.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, insert, select
from sqlalchemy.orm import Session

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc


class SqlOutcomes:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, person_id: int, weeks: int, on: date, answers: dict[str, Any], at: datetime
    ) -> None:
        self.session.execute(
            insert(t.outcome_responses).values(
                person_id=person_id, timepoint_weeks=weeks, answered_on=on, answers=answers,
                created_at=utc(at),
            )
        )  # fmt: skip

    def has(self, person_id: int, weeks: int) -> bool:
        c = t.outcome_responses.c
        found = self.session.scalar(
            select(c.id).where(and_(c.person_id == person_id, c.timepoint_weeks == weeks))
        )
        return found is not None

    def all(self, person_id: int) -> Sequence[dict[str, Any]]:
        c = t.outcome_responses.c
        rows = self.session.execute(
            select(c.timepoint_weeks, c.answered_on, c.answers)
            .where(c.person_id == person_id)
            .order_by(c.answered_on, c.timepoint_weeks)
        )
        return [
            {"weeks": w, "on": on.isoformat(), "answers": dict(answers)} for w, on, answers in rows
        ]


class SqlClearances:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        person_id: int,
        data: dict[str, Any],
        entered_by: int | None,
        entered_by_name: str,
        role: str,
        at: datetime,
    ) -> None:
        self.session.execute(
            insert(t.clearance_records).values(
                person_id=person_id, entered_by=entered_by, entered_by_name=entered_by_name,
                role=role, data=data, entered_at=utc(at),
            )
        )  # fmt: skip

    def all(self, person_id: int) -> Sequence[dict[str, Any]]:
        c = t.clearance_records.c
        rows = self.session.execute(
            select(c.entered_by_name, c.role, c.data, c.entered_at)
            .where(c.person_id == person_id)
            .order_by(c.entered_at, c.id)
        )
        return [
            {"by": name, "role": role, "data": dict(data), "at": aware(at).isoformat()}
            for name, role, data, at in rows
        ]
