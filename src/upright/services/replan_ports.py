"""What re-planning many people needs from storage: a batch's reads and writes in bulk, and
the job table background workers claim batches from (``adapters/storage/replan_store.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from upright.domain.tracking.activity import Activity
from upright.services.ports import UnitOfWork


@dataclass(frozen=True)
class ClaimedJob:
    """A batch a worker holds until its lease runs out: plan the week of ``day`` for these people."""

    id: int
    day: date
    person_ids: list[int]
    #: claims so far, this one included
    attempts: int


class ReplanBatch(Protocol):
    def latest_profiles(self, person_ids: Sequence[int]) -> dict[int, dict[str, Any]]: ...

    def first_answers(self, person_ids: Sequence[int]) -> dict[int, datetime]: ...

    def latest_snapshots(
        self, keys: Mapping[int, str], until: date
    ) -> dict[int, dict[str, Any]]: ...

    def sessions_since(
        self, since: Mapping[int, date | None]
    ) -> dict[int, list[dict[str, Any]]]: ...

    def activities_between(
        self, person_ids: Sequence[int], start: datetime, end: datetime
    ) -> dict[int, list[Activity]]: ...

    def plans_for_week(
        self, person_ids: Sequence[int], week: date
    ) -> dict[int, dict[str, Any]]: ...

    def save_plans(
        self, plans: Sequence[tuple[int, dict[str, Any]]], week: date, now: datetime
    ) -> None: ...

    def save_snapshots(
        self, snapshots: Sequence[tuple[int, str, Sequence[tuple[date, dict[str, Any]]]]]
    ) -> None: ...

    def people_with_answers(self) -> list[int]: ...


class ReplanJobs(Protocol):
    def add(self, day: date, batches: Sequence[Sequence[int]], now: datetime) -> int: ...

    def claim(self, worker: str, now: datetime, until: datetime) -> ClaimedJob | None: ...

    def finish(self, job_id: int, worker: str, planned: int, now: datetime) -> bool: ...

    def fail(self, job_id: int, worker: str, error: str, give_up: bool, now: datetime) -> None: ...

    def counts(self) -> dict[str, int]: ...


class ReplanUnitOfWork(UnitOfWork, Protocol):
    """The core unit of work with the batch reads and the job table."""

    @property
    def replan_batch(self) -> ReplanBatch: ...

    @property
    def replan_jobs(self) -> ReplanJobs: ...

    def __enter__(self) -> ReplanUnitOfWork: ...
