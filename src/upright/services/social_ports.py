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


@dataclass(frozen=True)
class InviteRow:
    id: int
    inviter_id: int
    group_id: int | None
    status: str  # open | accepted | declined | cancelled
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class GoalRow:
    person_a: int
    person_b: int
    walks_per_week: int
    proposed_by: int
    accepted: bool


@dataclass(frozen=True)
class MessageRow:
    sender_id: int
    recipient_id: int
    day: date
    message_key: str | None
    body: str | None
    created_at: datetime


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    leader_id: int
    place: str | None
    rrule: str
    first_start: datetime  # aware
    tz: str
    minutes: int


class SocialRepository(Protocol):
    """Invitations, blocks, goals, messages and groups. Decides nothing."""

    def display_name(self, person_id: int) -> str | None: ...

    def add_invite(
        self, inviter_id: int, group_id: int | None, code_hash: str, at: datetime, expires: datetime
    ) -> int: ...

    def invite_by_hash(self, code_hash: str) -> InviteRow | None: ...

    def answer_invite(self, invite_id: int, status: str, by: int | None, at: datetime) -> None: ...

    def open_invites(self, inviter_id: int) -> Sequence[InviteRow]: ...

    def block(self, blocker_id: int, blocked_id: int, at: datetime) -> None: ...

    def blocked_between(self, a: int, b: int) -> bool:
        """True when either has blocked the other."""
        ...

    def goal(self, a: int, b: int) -> GoalRow | None: ...

    def save_goal(self, goal: GoalRow, at: datetime) -> None: ...

    def remove_goal(self, a: int, b: int) -> None: ...

    def add_message(self, message: MessageRow) -> bool:
        """False when the sender already sent this person one that day."""
        ...

    def messages_to(self, recipient_id: int, since: date) -> Sequence[MessageRow]: ...

    def delete_messages_between(self, a: int, b: int) -> None: ...

    def mute(self, muter_id: int, muted_id: int, at: datetime) -> None: ...

    def unmute(self, muter_id: int, muted_id: int) -> None: ...

    def muted_by(self, muter_id: int) -> frozenset[int]: ...

    def add_group(self, group: GroupRow, at: datetime) -> int: ...

    def group(self, group_id: int) -> GroupRow | None: ...

    def groups_of(self, person_id: int) -> Sequence[GroupRow]:
        """Groups the person leads or belongs to."""
        ...

    def add_member(self, group_id: int, person_id: int, at: datetime) -> None: ...

    def remove_member(self, group_id: int, person_id: int) -> None: ...

    def members(self, group_id: int) -> Sequence[int]: ...

    def delete_group(self, group_id: int) -> None: ...

    def set_rsvp(
        self, group_id: int, person_id: int, day: date, answer: str, at: datetime
    ) -> None: ...

    def rsvps(self, group_id: int, day: date) -> dict[int, str]: ...

    def add_attendance(self, group_id: int, person_id: int, day: date, at: datetime) -> bool:
        """False when it was already confirmed."""
        ...

    def attended(self, group_id: int, day: date) -> Sequence[int]: ...


class SocialUnitOfWork(UnitOfWork, Protocol):
    @property
    def calendars(self) -> CalendarRepository: ...

    @property
    def social(self) -> SocialRepository: ...

    def __enter__(self) -> SocialUnitOfWork: ...


class GroupSchedules(Protocol):
    """Checks and expands a group's repeat rule (RFC 5545 RRULE) in its time zone."""

    def check(self, rrule: str, first_start: datetime, tz: str, minutes: int) -> str: ...

    def occurrences(
        self, rrule: str, first_start: datetime, tz: str, minutes: int, start: date, end: date
    ) -> list[datetime]: ...
