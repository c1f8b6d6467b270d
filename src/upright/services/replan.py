"""Re-plan many people: the work of a background job (after a catalog or rules update, or the
nightly refresh), one batch of people per job.

Each person is planned as themself (the policy's "self" rule): read the profile, the latest
progression snapshot and the sessions since it, build this week's plan, store the plan and the
new snapshots. A batch is independent of every other batch, so as many workers as there are
cores (or machines, on PostgreSQL) can take batches at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime

from upright.domain.errors import NotFound
from upright.services.access import Actor
from upright.services.library import Library
from upright.services.planning import current_plan
from upright.services.ports import UnitOfWork

#: people per job: big enough that a job's start-up is noise, small enough to spread well
BATCH: int = 200


def batches(person_ids: Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    """The ids in jobs of ``size``."""
    batch: list[int] = []
    for person_id in person_ids:
        batch.append(person_id)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def replan(
    uow: Callable[[], UnitOfWork],
    person_ids: Sequence[int],
    on: date,
    library: Library,
    now: datetime,
) -> int:
    """Plan the week of ``on`` for each person (stored when it changed); how many were planned.

    A person without answers yet is skipped: there is nothing to plan."""
    planned = 0
    for person_id in person_ids:
        try:
            current_plan(uow(), Actor(person_id), person_id, on, library, now)
        except NotFound:
            continue
        planned += 1
    return planned
