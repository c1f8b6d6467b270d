"""The ports the services depend on. Adapters implement them; tests use fakes.

Every repository is scoped to one person (``person_id``): a service can never reach
another person's rows by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from upright.domain.tracking.activity import Activity
from upright.services.access import Link, Relation, RelationKind, Role
from upright.services.doctor_ports import ClearanceRepository, ClinicRepository, OutcomeRepository


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class ProfileRepository(Protocol):
    def add_version(self, person_id: int, data: dict[str, Any], created_at: datetime) -> int: ...

    def latest(self, person_id: int) -> dict[str, Any] | None: ...

    def history(self, person_id: int) -> Sequence[tuple[int, datetime, dict[str, Any]]]: ...


class PlanRepository(Protocol):
    def save(
        self, person_id: int, week_start: date, plan: dict[str, Any], created_at: datetime
    ) -> int: ...

    def latest_for_week(self, person_id: int, week_start: date) -> dict[str, Any] | None: ...


class SessionRepository(Protocol):
    """Logged sessions, one per person and day (a re-log replaces that day)."""

    def upsert(self, person_id: int, day: date, session: dict[str, Any]) -> None: ...

    def get(self, person_id: int, day: date) -> dict[str, Any] | None: ...

    def all(self, person_id: int) -> Sequence[dict[str, Any]]: ...

    def since(self, person_id: int, day: date) -> Sequence[dict[str, Any]]:
        """The sessions on or after ``day``, oldest first."""
        ...

    def count(self, person_id: int) -> int: ...

    def first(self, person_id: int) -> dict[str, Any] | None:
        """The oldest logged session."""
        ...


class SnapshotRepository(Protocol):
    """Progression snapshots by person and week (derived data: writes to sessions, activities
    drop the later ones)."""

    def latest(self, person_id: int, fingerprint: str, until: date) -> dict[str, Any] | None:
        """The latest snapshot with this fingerprint for a week starting on or before ``until``."""
        ...

    def save(
        self, person_id: int, fingerprint: str, snapshots: Sequence[tuple[date, dict[str, Any]]]
    ) -> None: ...


class ActivityRepository(Protocol):
    def add(self, person_id: int, activity: Activity) -> None: ...

    def add_many(self, person_id: int, activities: Sequence[Activity]) -> None: ...

    def remove(self, person_id: int, activity_id: str) -> None: ...

    def get(self, person_id: int, activity_id: str) -> Activity | None: ...

    def overlapping(self, person_id: int, start: datetime, end: datetime) -> Sequence[Activity]: ...

    def between(self, person_id: int, start: datetime, end: datetime) -> Sequence[Activity]: ...

    def all(self, person_id: int) -> Sequence[Activity]: ...


class ImportLog(Protocol):
    """Which files (by content hash) were already imported."""

    def seen(self, person_id: int, sha256: str) -> bool: ...

    def record(self, person_id: int, sha256: str, path: str, count: int, at: datetime) -> None: ...

    def record_span(
        self,
        person_id: int,
        sha256: str,
        format: str,
        data_until: datetime,
        settled: int,
        checksum: int,
    ) -> None:
        """What an export covered: its latest sample, and the count and checksum of the samples
        the next import will skip (to check that a newer export really contains them)."""

    def last_span(self, person_id: int, format: str) -> tuple[datetime, tuple[int, int]] | None:
        """The latest span recorded for this format: (data_until, (settled, checksum))."""


class RelationRepository(Protocol):
    """Links between people (buddies, clinicians, group leaders) and each person's role.

    The access policy reads ``between`` and ``role_of``; the buddy, group and clinician
    services write links with ``save`` and ``remove``.
    """

    def between(self, actor_id: int, subject_id: int) -> Sequence[Relation]: ...

    def save(self, link: Link, now: datetime) -> None:
        """Insert the link, or update its status and scopes when it exists."""
        ...

    def remove(
        self, subject_id: int, actor_id: int, kind: RelationKind, group_id: int = 0
    ) -> None: ...

    def links_of(self, person_id: int) -> Sequence[Link]:
        """Every link where the person is the subject or the actor."""
        ...

    def role_of(self, person_id: int) -> Role | None:
        """The person's role, or None when there is no such person."""
        ...

    def set_role(self, person_id: int, role: Role) -> bool:
        """False when there is no such person."""
        ...


class UnitOfWork(Protocol):
    """A transaction. Leaving the ``with`` block without ``commit()`` rolls back."""

    @property
    def profiles(self) -> ProfileRepository: ...

    @property
    def plans(self) -> PlanRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def activities(self) -> ActivityRepository: ...

    @property
    def snapshots(self) -> SnapshotRepository: ...

    @property
    def imports(self) -> ImportLog: ...

    @property
    def relations(self) -> RelationRepository: ...

    @property
    def outcomes(self) -> OutcomeRepository: ...

    @property
    def clearances(self) -> ClearanceRepository: ...

    @property
    def clinic(self) -> ClinicRepository: ...

    @property
    def idempotency(self) -> IdempotencyRecords: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *args: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def delete_person_data(self, person_id: int) -> None:
        """Remove everything this person entered (profiles, plans, sessions, activities)."""
        ...


class PersonFiles(Protocol):
    """Files kept about a person outside the database (saved answers); removed with the person."""

    def remove(self, person_id: int) -> None: ...


class DataVersionReader(Protocol):
    """A fingerprint of everything a person's plan is computed from (the web cache key)."""

    def of(self, person_id: int) -> tuple[str, ...]: ...


class IdempotencyRecords(Protocol):
    """Answers of requests sent with an idempotency key, inside a unit of work (so a use case
    stores its answer in the same transaction as its data)."""

    def find(self, person_id: int, key: str) -> tuple[dict[str, Any], datetime] | None: ...

    def add(self, person_id: int, key: str, record: dict[str, Any], now: datetime) -> bool: ...

    def take_over(
        self, person_id: int, key: str, seen_at: datetime, record: dict[str, Any], now: datetime
    ) -> bool: ...


class Once(Protocol):
    """One request sent with an idempotency key, answered once inside the use case's transaction.

    The use case hands its answer to ``record`` before it writes anything else: None means the
    answer is kept under the key (go on and commit), anything else is the answer of an earlier
    request with the same key (return it; nothing is committed). When the use case refuses the
    request, ``earlier`` tells whether an earlier request with the key was answered (a retry
    of a request that succeeded is answered as the first time, not refused now).
    """

    def earlier(self, uow: UnitOfWork) -> dict[str, Any] | None: ...

    def record(self, uow: UnitOfWork, answer: dict[str, Any]) -> dict[str, Any] | None: ...


class IdempotencyStore(Protocol):
    """Answers of requests sent with an idempotency key, per person."""

    def claim(self, person_id: int, key: str, record: dict[str, Any], now: datetime) -> bool: ...

    def get(self, person_id: int, key: str) -> dict[str, Any] | None: ...

    def put(self, person_id: int, key: str, record: dict[str, Any], now: datetime) -> None: ...

    def release(self, person_id: int, key: str) -> None: ...

    #: how long an unfinished claim holds its key (then a retry may take it over)
    claim_seconds: int

    def get_with_time(self, person_id: int, key: str) -> tuple[dict[str, Any], datetime] | None: ...

    def take_over(
        self, person_id: int, key: str, seen_at: datetime, record: dict[str, Any], now: datetime
    ) -> bool: ...
