"""The ports of the social features (classes, buddies, groups), beside the core ``ports``.

Kept apart so the core ports stay small; ``SocialUnitOfWork`` is the core unit of work with the
social repositories added. Every repository method takes the person it acts for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from upright.domain.social.classes import ClassOccurrence
from upright.services.ports import UnitOfWork


@dataclass(frozen=True)
class CalendarDoc:
    """A class calendar as read and checked, ready to keep."""

    name: str  # the calendar's own name, or one made from where it came from
    source: str  # the path or URL as the person gave it
    format: str  # "ics" | "openactive"
    body: str  # the iCalendar text, or the live OpenActive items as JSON
    events: int  # events (iCalendar) or sessions and series (OpenActive)


@dataclass(frozen=True)
class StoredCalendar:
    name: str
    source: str
    format: str
    body: str
    added_at: datetime


class CalendarReader(Protocol):
    """Reads a calendar from a path or URL, and expands a stored one into occurrences."""

    def read(self, source: str) -> CalendarDoc: ...

    def expand(
        self, calendar: StoredCalendar, start: date, end: date, default_tz: tzinfo
    ) -> list[ClassOccurrence]: ...


class CalendarRepository(Protocol):
    def save(self, person_id: int, doc: CalendarDoc, added_at: datetime) -> None:
        """Keep the calendar; one with the same name is replaced."""
        ...

    def all(self, person_id: int) -> Sequence[StoredCalendar]: ...

    def remove(self, person_id: int, name: str) -> bool: ...


class SocialUnitOfWork(UnitOfWork, Protocol):
    @property
    def calendars(self) -> CalendarRepository: ...

    def __enter__(self) -> SocialUnitOfWork: ...
