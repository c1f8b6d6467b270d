"""Storage for the doctor-in-the-loop features: outcome answers and clearance entries.

No rules here: what is due and what a clearance does live in the domain and the services.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, insert, select, update

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import aware, utc

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession


class SqlOutcomes:
    def __init__(self, session: DbSession) -> None:
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
    def __init__(self, session: DbSession) -> None:
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


class SqlClinic:
    """Link codes, the audit log, and people's names as a clinician's list shows them."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def add_code(self, person_id: int, code_hash: str, at: datetime, expires: datetime) -> None:
        self.session.execute(
            insert(t.clinician_codes).values(
                person_id=person_id, code_hash=code_hash, created_at=utc(at),
                expires_at=utc(expires),
            )
        )  # fmt: skip

    def take_code(self, code_hash: str, used_by: int, now: datetime) -> int | None:
        """The person whose unused, unexpired code this is, marking it used; else None."""
        c = t.clinician_codes.c
        row = self.session.execute(
            select(c.id, c.person_id).where(
                and_(c.code_hash == code_hash, c.used_at.is_(None), c.expires_at > utc(now))
            )
        ).first()
        if row is None:
            return None
        # the used_at condition again: two clinicians racing for one code cannot both win
        done = self.session.execute(
            update(t.clinician_codes)
            .where(and_(c.id == row.id, c.used_at.is_(None)))
            .values(used_by=used_by, used_at=utc(now))
        )
        return int(row.person_id) if done.rowcount else None  # type: ignore[attr-defined]

    def audit(
        self, subject_id: int, actor_id: int | None, actor_name: str, action: str, detail: str,
        at: datetime,
    ) -> None:  # fmt: skip
        self.session.execute(
            insert(t.audit_log).values(
                subject_id=subject_id, actor_id=actor_id, actor_name=actor_name[:120],
                action=action, detail=detail[:300], at=utc(at),
            )
        )  # fmt: skip

    def audit_of(self, subject_id: int, limit: int = 200) -> Sequence[dict[str, Any]]:
        c = t.audit_log.c
        rows = self.session.execute(
            select(c.actor_name, c.action, c.detail, c.at)
            .where(c.subject_id == subject_id)
            .order_by(c.at.desc(), c.id.desc())
            .limit(limit)
        )
        return [
            {"by": name, "action": action, "detail": detail, "at": aware(at).isoformat()}
            for name, action, detail, at in rows
        ]

    def name_of(self, person_id: int) -> str | None:
        row = self.session.execute(
            select(t.people.c.display_name, t.people.c.email).where(t.people.c.id == person_id)
        ).first()
        if row is None:
            return None
        return str(row.display_name or row.email or f"person {person_id}")

    def person_by_email(self, email: str) -> int | None:
        found = self.session.scalar(
            select(t.people.c.id).where(t.people.c.email == email.strip().lower())
        )
        return int(found) if found is not None else None
