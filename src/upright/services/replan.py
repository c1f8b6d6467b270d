"""Re-plan many people: the work of a background job (after a catalog or rules update, or the
nightly refresh), one batch of people per job.

Each person is planned as themself (the policy's "self" rule) exactly as ``current_plan`` plans
them: the latest profile, the latest usable progression snapshot and the sessions since it,
this week's plan stored when it changed, and the new snapshots kept. A batch reads everything
it needs in a few statements and writes in a few (``replan_ports.ReplanBatch``), not a dozen
per person. A batch is independent of every other batch, so as many workers as there are cores
(or machines, on PostgreSQL) can take batches at once: ``enqueue`` puts the jobs in the
database, ``work`` claims one at a time with a lease until none is left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from upright.domain.errors import InvalidInput
from upright.domain.planning.generator import week_start
from upright.domain.profile import Profile, parse_profile
from upright.domain.progression.snapshot import Snapshot, from_json
from upright.services.access import Action, Actor, check
from upright.services.credits import credit_window, credits_of
from upright.services.library import Library
from upright.services.planning import resume_plan
from upright.services.replan_ports import ReplanUnitOfWork
from upright.services.snapshots import snapshot_key

#: people per job: big enough that a job's start-up and statements are noise, small enough to
#: spread well over the workers and to hold one batch's sessions in memory (~1 MB a person-year)
BATCH: int = 200
#: how long a worker holds a job before another may take it (a batch takes seconds)
LEASE = timedelta(minutes=10)
#: claims of one job before it is marked failed
MAX_ATTEMPTS = 3

log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class _Person:
    profile: Profile
    key: str
    snapshot: Snapshot | None
    history: list[dict[str, Any]]
    credits: dict[date, list[tuple[str, float]]]
    started: date | None
    stored_plan: dict[str, Any] | None


def _read(
    tx: ReplanUnitOfWork, person_ids: Sequence[int], on: date, library: Library
) -> dict[int, _Person]:
    """Everything the batch's plans are computed from (inside an open unit of work)."""
    week = week_start(on)
    batch = tx.replan_batch
    for person_id in person_ids:
        check(tx, Actor(person_id), person_id, Action.READ_PLAN)
    profiles: dict[int, Profile] = {}
    for p, data in batch.latest_profiles(person_ids).items():
        try:
            profiles[p] = parse_profile(data)
        except InvalidInput:  # one person's stored answers must not hold up the batch
            log.warning("re-plan: the stored answers of person %s cannot be read", p)
    ids = sorted(profiles)
    keys = {p: snapshot_key(profiles[p], on, library) for p in ids}
    stored = batch.latest_snapshots(keys, week)
    snapshots = {p: from_json(stored[p]) if p in stored else None for p in ids}
    histories = batch.sessions_since(
        {p: s.reads_from() if s is not None else None for p, s in snapshots.items()}
    )
    firsts = {
        p: min((date.fromisoformat(h["date"]) for h in histories[p]), default=on) for p in ids
    }
    windows = {p: credit_window(firsts[p], on) for p in ids}
    found = (
        batch.activities_between(
            ids, min(w[0] for w in windows.values()), max(w[1] for w in windows.values())
        )
        if ids
        else {}
    )
    answered = batch.first_answers(ids)
    plans = batch.plans_for_week(ids, week)
    out: dict[int, _Person] = {}
    for p in ids:
        begin, finish = windows[p]
        out[p] = _Person(
            profiles[p],
            keys[p],
            snapshots[p],
            histories[p],
            credits_of(a for a in found.get(p, ()) if begin <= a.start < finish),
            answered[p].astimezone().date() if p in answered else None,
            plans.get(p),
        )
    return out


def replan(
    uow: Callable[[], ReplanUnitOfWork],
    person_ids: Sequence[int],
    on: date,
    library: Library,
    now: datetime,
) -> int:
    """Plan the week of ``on`` for each person (stored when it changed); how many were planned.

    The same plans and snapshots as ``planning.current_plan`` for each person in turn (tested),
    read and written for the whole batch at once. A person without answers yet is skipped:
    there is nothing to plan; so is one whose stored answers or sessions no longer read (logged),
    without holding up the others."""
    tx = uow()
    with tx:
        people = _read(tx, person_ids, on, library)
    changed: list[tuple[int, dict[str, Any]]] = []
    kept: list[tuple[int, str, list[tuple[date, dict[str, Any]]]]] = []
    planned = 0
    for p, person in people.items():
        try:
            plan, _, snapshots = resume_plan(
                person.profile, on, library, person.history, person.credits, person.started,
                person.snapshot,
            )  # fmt: skip
        except InvalidInput:  # a stored session that no longer reads: this person waits
            log.warning("re-plan: the stored history of person %s cannot be read", p)
            continue
        planned += 1
        since = person.snapshot.week if person.snapshot is not None else None
        new = [s for s in snapshots if since is None or s.week > since]
        body = plan.to_json()
        if body != person.stored_plan:
            changed.append((p, body))
        if new:
            kept.append((p, person.key, [(s.week, s.to_json()) for s in new]))
    if changed or kept:
        with tx:
            tx.replan_batch.save_plans(changed, week_start(on), now)
            tx.replan_batch.save_snapshots(kept)
            tx.commit()
    return planned


def enqueue(uow: Callable[[], ReplanUnitOfWork], on: date, now: datetime, size: int = BATCH) -> int:
    """Queue everyone with answers for re-planning the week of ``on``, ``size`` people a job;
    how many jobs."""
    tx = uow()
    with tx:
        ids = tx.replan_batch.people_with_answers()
        jobs = tx.replan_jobs.add(on, list(batches(ids, size)), now)
        tx.commit()
    return jobs


@dataclass(frozen=True)
class WorkReport:
    jobs: int
    planned: int
    failed: int


def work(
    uow: Callable[[], ReplanUnitOfWork],
    library: Library,
    worker: str,
    clock: Callable[[], datetime],
    stop: Callable[[], bool] = lambda: False,
) -> WorkReport:
    """Take queued jobs one at a time until none is left (or ``stop()``), as ``worker``.

    A job that raises is put back (another claim retries it) and marked failed after
    ``MAX_ATTEMPTS`` claims; a worker that dies holds its job only until the lease runs out."""
    jobs = planned = failed = 0
    while not stop():
        tx = uow()
        now = clock()
        with tx:
            job = tx.replan_jobs.claim(worker, now, now + LEASE)
            tx.commit()
        if job is None:
            break
        try:
            count = replan(uow, job.person_ids, job.day, library, clock())
        except Exception as error:  # noqa: BLE001 - a worker reports a failed job and goes on
            log.exception("re-plan job %s failed", job.id)
            give_up = job.attempts >= MAX_ATTEMPTS
            with tx:
                tx.replan_jobs.fail(job.id, worker, repr(error), give_up, clock())
                tx.commit()
            failed += int(give_up)
            continue
        with tx:
            tx.replan_jobs.finish(job.id, worker, count, clock())
            tx.commit()
        jobs += 1
        planned += count
    return WorkReport(jobs, planned, failed)
