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
