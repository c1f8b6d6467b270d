"""SQL for re-planning many people: a batch's reads and writes in a few statements, and the
job table background workers claim batches from.

Reads: one statement per kind of row for the whole batch (profiles, first answers, snapshot
keys then snapshots, sessions, device activities, this week's stored plans). Writes: one
executemany per kind (plans, snapshots, the prune of old snapshots). The same rows as the
per-person repositories, and the same rules (the latest profile version, the latest usable
snapshot, the latest plan of the week). No business rules here.

Jobs: ``claim`` sets a lease in one UPDATE (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite
has one writer at a time), so two workers never hold the same job, and a worker that dies lets
its job go when the lease runs out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)

from upright.adapters.storage import tables as t
from upright.adapters.storage.repositories import KEEP_SNAPSHOT_WEEKS, _activity, aware, utc
from upright.adapters.storage.sessions import dialect_name
from upright.domain.tracking.activity import Activity
from upright.services.replan_ports import ClaimedJob

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession

J = t.replan_jobs
PS = t.progress_snapshots

_PRUNE = delete(PS).where(
    and_(PS.c.person_id == bindparam("p"), PS.c.week_start < bindparam("oldest"))
)


class SqlReplanBatch:
    """A batch's reads and writes (inside the caller's transaction)."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def latest_profiles(self, person_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        pv = t.profile_versions.c
        newest = (
            select(pv.person_id, func.max(pv.version).label("v"))
            .where(pv.person_id.in_(person_ids))
            .group_by(pv.person_id)
            .subquery()
        )
        rows = self.session.execute(
            select(pv.person_id, pv.data).join(
                newest, and_(pv.person_id == newest.c.person_id, pv.version == newest.c.v)
            )
        )
        return {p: dict(d) for p, d in rows}

    def first_answers(self, person_ids: Sequence[int]) -> dict[int, datetime]:
        """When each person first answered (their first profile version)."""
        pv = t.profile_versions.c
        rows = self.session.execute(
            select(pv.person_id, pv.created_at)
            .where(and_(pv.person_id.in_(person_ids), pv.version == 1))
        )  # fmt: skip
        return {p: aware(at) for p, at in rows}

    def latest_snapshots(self, keys: Mapping[int, str], until: date) -> dict[int, dict[str, Any]]:
        """Each person's latest snapshot with their key, for a week on or before ``until``."""
        if not keys:
            return {}
        found = self.session.execute(
            select(PS.c.person_id, PS.c.week_start, PS.c.fingerprint).where(
                and_(PS.c.person_id.in_(list(keys)), PS.c.week_start <= until)
            )
        )
        best: dict[int, date] = {}
        for person, week, key in found:
            if keys.get(person) == key and (person not in best or week > best[person]):
                best[person] = week
        if not best:
            return {}
        rows = self.session.execute(
            select(PS.c.person_id, PS.c.data).where(
                tuple_(PS.c.person_id, PS.c.week_start).in_(list(best.items()))
            )
        )
        return {p: dict(d) for p, d in rows}

    def sessions_since(self, since: Mapping[int, date | None]) -> dict[int, list[dict[str, Any]]]:
        """Each person's sessions from their day on (None: all of them), in day order."""
        out: dict[int, list[dict[str, Any]]] = {p: [] for p in since}
        if not since:
            return out
        s = t.sessions.c
        days = [d for d in since.values() if d is not None]
        where: ColumnElement[bool] = s.person_id.in_(list(since))
        if len(days) == len(since):
            where = and_(where, s.day >= min(days))
        rows = self.session.execute(
            select(s.person_id, s.day, s.data).where(where).order_by(s.person_id, s.day)
        )
        for person, day, data in rows:
            first = since[person]
            if first is None or day >= first:
                out[person].append(dict(data))
        return out

    def activities_between(
        self, person_ids: Sequence[int], start: datetime, end: datetime
    ) -> dict[int, list[Activity]]:
        out: dict[int, list[Activity]] = defaultdict(list)
        a = t.activities.c
        rows = self.session.execute(
            select(t.activities)
            .where(and_(a.person_id.in_(person_ids), a.start >= utc(start), a.start < utc(end)))
            .order_by(a.person_id, a.start)
        )
        for row in rows:
            out[row.person_id].append(_activity(row))
        return dict(out)

    def plans_for_week(self, person_ids: Sequence[int], week: date) -> dict[int, dict[str, Any]]:
        """Each person's latest stored plan for the week."""
        p = t.plans.c
        newest = (
            select(func.max(p.id))
            .where(and_(p.person_id.in_(person_ids), p.week_start == week))
            .group_by(p.person_id)
        )
        rows = self.session.execute(
            select(p.person_id, p.plan).where(p.id.in_(newest.scalar_subquery()))
        )
        return {person: dict(plan) for person, plan in rows}

    def save_plans(
        self, plans: Sequence[tuple[int, dict[str, Any]]], week: date, now: datetime
    ) -> None:
        if plans:
            self.session.execute(
                insert(t.plans),
                [
                    {"person_id": p, "week_start": week, "plan": body, "created_at": utc(now)}
                    for p, body in plans
                ],
            )

    def save_snapshots(
        self, snapshots: Sequence[tuple[int, str, Sequence[tuple[date, dict[str, Any]]]]]
    ) -> None:
        """Each person's new snapshots (person, key, [(week, data)]): replacing the same weeks,
        then dropping those older than the newest less ``KEEP_SNAPSHOT_WEEKS``."""
        rows = [
            {"person_id": p, "week_start": w, "fingerprint": key, "data": d}
            for p, key, weeks in snapshots
            for w, d in weeks
        ]
        if not rows:
            return
        pairs = [(r["person_id"], r["week_start"]) for r in rows]
        for start in range(0, len(pairs), 500):  # a bounded IN list per statement
            self.session.execute(
                delete(PS).where(
                    tuple_(PS.c.person_id, PS.c.week_start).in_(pairs[start : start + 500])
                )
            )
        self.session.execute(insert(PS), rows)
        prune = [
            {"p": p, "oldest": max(w for w, _ in weeks) - timedelta(weeks=KEEP_SNAPSHOT_WEEKS)}
            for p, _, weeks in snapshots
            if weeks
        ]
        self.session.execute(_PRUNE, prune)

    def people_with_answers(self) -> list[int]:
        pv = t.profile_versions.c
        rows = self.session.execute(select(pv.person_id).distinct().order_by(pv.person_id))
        return [int(p) for (p,) in rows]


def _job(row: Any) -> ClaimedJob:
    return ClaimedJob(int(row.id), row.day, [int(p) for p in row.person_ids], int(row.attempts))


class SqlReplanJobs:
    """The job table (inside the caller's transaction; each call is meant to be committed)."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def add(self, day: date, batches: Sequence[Sequence[int]], now: datetime) -> int:
        rows = [
            {"day": day, "person_ids": list(b), "status": "queued", "attempts": 0,
             "created_at": utc(now)}
            for b in batches
        ]  # fmt: skip
        if rows:
            self.session.execute(insert(J), rows)
        return len(rows)

    def claim(self, worker: str, now: datetime, until: datetime) -> ClaimedJob | None:
        free = and_(
            J.c.status == "queued",
            or_(J.c.claimed_until.is_(None), J.c.claimed_until < utc(now)),
        )
        first = select(J.c.id).where(free).order_by(J.c.id).limit(1)
        if dialect_name(self.session) == "postgresql":
            first = first.with_for_update(skip_locked=True)
        row = self.session.execute(
            update(J)
            .where(and_(J.c.id == first.scalar_subquery(), free))
            .values(claimed_by=worker, claimed_until=utc(until), attempts=J.c.attempts + 1)
            .returning(J.c.id, J.c.day, J.c.person_ids, J.c.attempts)
        ).first()
        return _job(row) if row is not None else None

    def finish(self, job_id: int, worker: str, planned: int, now: datetime) -> bool:
        result = self.session.execute(
            update(J)
            .where(and_(J.c.id == job_id, J.c.claimed_by == worker, J.c.status == "queued"))
            .values(status="done", planned=planned, finished_at=utc(now), claimed_until=None)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def fail(self, job_id: int, worker: str, error: str, give_up: bool, now: datetime) -> None:
        self.session.execute(
            update(J)
            .where(and_(J.c.id == job_id, J.c.claimed_by == worker))
            .values(
                status="failed" if give_up else "queued",
                claimed_until=None,
                last_error=error[:2000],
                finished_at=utc(now) if give_up else None,
            )
        )

    def counts(self) -> dict[str, int]:
        rows = self.session.execute(select(J.c.status, func.count()).group_by(J.c.status))
        return {status: int(n) for status, n in rows}
