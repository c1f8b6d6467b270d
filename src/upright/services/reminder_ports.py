"""Ports for reminders: the store (settings, outbox, push, feeds) and the channels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from upright.domain.reminders import Due
from upright.services.ports import UnitOfWork


@dataclass(frozen=True)
class PushTarget:
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True)
class StoredReminders:
    person_id: int
    data: dict[str, Any]
    email: str | None
    unsubscribe_token: str
    next_check: datetime


@dataclass(frozen=True)
class OutboxRow:
    id: int
    person_id: int
    kind: str
    local_date: date
    subject: str
    body: str
    channels: tuple[str, ...]
    done: tuple[str, ...]
    attempts: int


@dataclass(frozen=True)
class Outgoing:
    """One message on its way to one person, with every address a channel may need."""

    key: str  # stable per (person, kind, local day): also the e-mail Message-ID
    subject: str
    body: str
    email: str | None = None
    unsubscribe_url: str | None = None
    push: tuple[PushTarget, ...] = field(default_factory=tuple)
    apprise_url: str | None = None


class Channel(Protocol):
    name: str

    def send(self, message: Outgoing) -> Sequence[str]:
        """Deliver, or raise ``DeliveryFailed``. Returns push endpoints that are gone for good."""
        ...


class ReminderStore(Protocol):
    def settings(self, person_id: int) -> StoredReminders | None: ...

    def save_settings(
        self, person_id: int, data: dict[str, Any], email: str | None, next_check: datetime,
        now: datetime,
    ) -> StoredReminders: ...  # fmt: skip

    def account_email(self, person_id: int) -> str | None: ...

    def due_people(self, now: datetime, limit: int) -> Sequence[StoredReminders]: ...

    def set_next_check(self, person_id: int, when: datetime) -> None: ...

    def last_sent(self, person_id: int) -> dict[str, date]: ...

    def add_to_outbox(
        self, person_id: int, message: Due, channels: Sequence[str], now: datetime
    ) -> bool: ...

    def claim(
        self, now: datetime, until: datetime, worker: str, limit: int
    ) -> Sequence[OutboxRow]: ...

    def renew(self, row_id: int, worker: str, now: datetime, until: datetime) -> bool: ...

    def channel_done(self, row_id: int, channels: Sequence[str], worker: str) -> None: ...

    def finish(self, row_id: int, worker: str, now: datetime) -> None: ...

    def retry_later(
        self, row_id: int, worker: str, error: str, when: datetime, give_up: bool
    ) -> None: ...

    def outbox(self, person_id: int | None = None) -> Sequence[dict[str, Any]]: ...

    def unsubscribe(self, token: str) -> int | None: ...

    def push_targets(self, person_id: int) -> Sequence[PushTarget]: ...

    def add_push(self, person_id: int, target: PushTarget, now: datetime) -> None: ...

    def remove_push(self, endpoint: str) -> None: ...

    def feed_token(self, person_id: int) -> str | None: ...

    def set_feed_token(self, person_id: int, token: str, now: datetime) -> None: ...

    def feed_person(self, token: str) -> int | None: ...

    def server_key(self, name: str) -> str | None: ...

    def put_server_key(self, name: str, value: str, now: datetime) -> str: ...


class ReminderUnitOfWork(UnitOfWork, Protocol):
    @property
    def reminders(self) -> ReminderStore: ...

    def __enter__(self) -> ReminderUnitOfWork: ...
