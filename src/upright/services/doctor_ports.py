"""The repositories of the doctor-in-the-loop services: outcome answers and clearance entries.

The unit of work in ``ports.py`` offers them as ``uow.outcomes`` and ``uow.clearances``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol


class OutcomeRepository(Protocol):
    def add(
        self, person_id: int, weeks: int, on: date, answers: dict[str, Any], at: datetime
    ) -> None: ...

    def has(self, person_id: int, weeks: int) -> bool: ...

    def all(self, person_id: int) -> Sequence[dict[str, Any]]:
        """Oldest first: ``{"weeks", "on", "answers"}``."""
        ...


class ClearanceRepository(Protocol):
    def add(
        self,
        person_id: int,
        data: dict[str, Any],
        entered_by: int | None,
        entered_by_name: str,
        role: str,
        at: datetime,
    ) -> None: ...

    def all(self, person_id: int) -> Sequence[dict[str, Any]]:
        """Oldest first: ``{"by", "role", "data", "at"}``."""
        ...


class ClinicRepository(Protocol):
    """Link codes (stored as hashes), the audit log, and names for a clinician's list."""

    def add_code(self, person_id: int, code_hash: str, at: datetime, expires: datetime) -> None: ...

    def take_code(self, code_hash: str, used_by: int, now: datetime) -> int | None:
        """The person whose unused, unexpired code this is (marking it used), or None."""
        ...

    def audit(
        self,
        subject_id: int,
        actor_id: int | None,
        actor_name: str,
        action: str,
        detail: str,
        at: datetime,
    ) -> None: ...

    def audit_of(self, subject_id: int, limit: int = 200) -> Sequence[dict[str, Any]]:
        """Newest first: ``{"by", "action", "detail", "at"}``."""
        ...

    def name_of(self, person_id: int) -> str | None: ...

    def person_by_email(self, email: str) -> int | None: ...
