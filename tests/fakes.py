"""In-memory fakes for the service ports: the main way service tests run."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from upright.domain.tracking.activity import Activity
from upright.services.access import Link, Relation, RelationKind, Role


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def advance(self, days: int) -> None:
        self._now += timedelta(days=days)


class FakeProfiles:
    def __init__(self) -> None:
        self.rows: list[tuple[int, int, datetime, dict[str, Any]]] = []

    def add_version(self, person_id: int, data: dict[str, Any], created_at: datetime) -> int:
        version = len([r for r in self.rows if r[0] == person_id]) + 1
        self.rows.append((person_id, version, created_at, copy.deepcopy(data)))
        return version

    def latest(self, person_id: int) -> dict[str, Any] | None:
        mine = [r for r in self.rows if r[0] == person_id]
        return copy.deepcopy(mine[-1][3]) if mine else None

    def history(self, person_id: int) -> Sequence[tuple[int, datetime, dict[str, Any]]]:
        return [(v, at, copy.deepcopy(d)) for p, v, at, d in self.rows if p == person_id]


class FakePlans:
    def __init__(self) -> None:
        self.rows: list[tuple[int, date, dict[str, Any]]] = []

    def save(
        self, person_id: int, week_start: date, plan: dict[str, Any], created_at: datetime
    ) -> int:
        self.rows.append((person_id, week_start, copy.deepcopy(plan)))
        return len(self.rows)

    def latest_for_week(self, person_id: int, week_start: date) -> dict[str, Any] | None:
        mine = [r for r in self.rows if r[0] == person_id and r[1] == week_start]
        return copy.deepcopy(mine[-1][2]) if mine else None


class FakeSnapshots:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, date], tuple[str, dict[str, Any]]] = {}

    def latest(self, person_id: int, fingerprint: str, until: date) -> dict[str, Any] | None:
        found = [
            (week, data)
            for (p, week), (fp, data) in self.rows.items()
            if p == person_id and fp == fingerprint and week <= until
        ]
        return copy.deepcopy(max(found, key=lambda f: f[0])[1]) if found else None

    def save(
        self, person_id: int, fingerprint: str, snapshots: Sequence[tuple[date, dict[str, Any]]]
    ) -> None:
        for week, data in snapshots:
            self.rows[(person_id, week)] = (fingerprint, copy.deepcopy(data))

    def drop_after(self, person_id: int, day: date) -> None:
        self.rows = {k: v for k, v in self.rows.items() if k[0] != person_id or k[1] <= day}


class FakeSessions:
    def __init__(self, snapshots: FakeSnapshots | None = None) -> None:
        self.rows: dict[tuple[int, date], dict[str, Any]] = {}
        self.snapshots = snapshots or FakeSnapshots()

    def upsert(self, person_id: int, day: date, session: dict[str, Any]) -> None:
        self.rows[(person_id, day)] = copy.deepcopy(session)
        self.snapshots.drop_after(person_id, day)

    def since(self, person_id: int, day: date) -> Sequence[dict[str, Any]]:
        return [v for v in self.all(person_id) if date.fromisoformat(v["date"]) >= day]

    def first(self, person_id: int) -> dict[str, Any] | None:
        mine = self.all(person_id)
        return mine[0] if mine else None

    def count(self, person_id: int) -> int:
        return sum(1 for p, _ in self.rows if p == person_id)

    def get(self, person_id: int, day: date) -> dict[str, Any] | None:
        row = self.rows.get((person_id, day))
        return copy.deepcopy(row) if row else None

    def all(self, person_id: int) -> Sequence[dict[str, Any]]:
        return [copy.deepcopy(v) for (p, d), v in sorted(self.rows.items()) if p == person_id]


class FakeActivities:
    def __init__(self, snapshots: FakeSnapshots | None = None) -> None:
        self.rows: list[tuple[int, Activity]] = []
        self.snapshots = snapshots or FakeSnapshots()

    def add(self, person_id: int, activity: Activity) -> None:
        self.rows.append((person_id, activity))
        self.snapshots.drop_after(person_id, activity.start.date() - timedelta(days=2))

    def add_many(self, person_id: int, activities: Sequence[Activity]) -> None:
        for activity in activities:
            self.add(person_id, activity)

    def remove(self, person_id: int, activity_id: str) -> None:
        for p, a in self.rows:
            if (p, a.id) == (person_id, activity_id):
                self.snapshots.drop_after(person_id, a.start.date() - timedelta(days=2))
        self.rows = [(p, a) for p, a in self.rows if (p, a.id) != (person_id, activity_id)]

    def get(self, person_id: int, activity_id: str) -> Activity | None:
        for p, a in self.rows:
            if p == person_id and a.id == activity_id:
                return a
        return None

    def overlapping(self, person_id: int, start: datetime, end: datetime) -> Sequence[Activity]:
        return [a for p, a in self.rows if p == person_id and a.start < end and a.end > start]

    def between(self, person_id: int, start: datetime, end: datetime) -> Sequence[Activity]:
        return [a for p, a in self.rows if p == person_id and start <= a.start < end]

    def all(self, person_id: int) -> Sequence[Activity]:
        return sorted((a for p, a in self.rows if p == person_id), key=lambda a: a.start)


class FakeImportLog:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, str], tuple[str, int, datetime]] = {}
        self.spans: dict[tuple[int, str], tuple[str, datetime, tuple[int, int]]] = {}

    def seen(self, person_id: int, sha256: str) -> bool:
        return (person_id, sha256) in self.rows

    def record(self, person_id: int, sha256: str, path: str, count: int, at: datetime) -> None:
        self.rows[(person_id, sha256)] = (path, count, at)

    def record_span(
        self,
        person_id: int,
        sha256: str,
        format: str,
        data_until: datetime,
        settled: int,
        checksum: int,
    ) -> None:
        self.spans[(person_id, sha256)] = (format, data_until, (settled, checksum))

    def last_span(self, person_id: int, format: str) -> tuple[datetime, tuple[int, int]] | None:
        found = [
            (u, n) for (p, _s), (f, u, n) in self.spans.items() if (p, f) == (person_id, format)
        ]
        return max(found) if found else None


class FakeRelations:
    def __init__(self) -> None:
        self.links: dict[tuple[int, int, RelationKind, int], Link] = {}
        self.roles: dict[int, Role] = {}

    def between(self, actor_id: int, subject_id: int) -> Sequence[Relation]:
        return [
            link.relation
            for link in self.links.values()
            if link.actor_id == actor_id and link.subject_id == subject_id
        ]

    def save(self, link: Link, now: datetime) -> None:
        self.links[(link.subject_id, link.actor_id, link.kind, link.group_id)] = link

    def remove(self, subject_id: int, actor_id: int, kind: RelationKind, group_id: int = 0) -> None:
        self.links.pop((subject_id, actor_id, kind, group_id), None)

    def links_of(self, person_id: int) -> Sequence[Link]:
        return [v for v in self.links.values() if person_id in (v.subject_id, v.actor_id)]

    def role_of(self, person_id: int) -> Role | None:
        return self.roles.get(person_id)

    def set_role(self, person_id: int, role: Role) -> bool:
        if person_id not in self.roles:
            return False
        self.roles[person_id] = role
        return True


class FakeUnitOfWork:
    """Copies state on enter and restores it unless commit() was called."""

    def __init__(self) -> None:
        self.profiles = FakeProfiles()
        self.plans = FakePlans()
        self.snapshots = FakeSnapshots()
        self.sessions = FakeSessions(self.snapshots)
        self.activities = FakeActivities(self.snapshots)
        self.imports = FakeImportLog()
        self.relations = FakeRelations()
        self.committed = 0
        self._snapshot: dict[str, Any] | None = None

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = {
            # the snapshot store is shared by reference, never copied into another repository
            name: copy.deepcopy(
                {k: v for k, v in getattr(self, name).__dict__.items() if k != "snapshots"}
            )
            for name in (
                "profiles",
                "plans",
                "sessions",
                "activities",
                "imports",
                "relations",
                "snapshots",
            )
        }
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self.committed += 1
        self._snapshot = None

    def delete_person_data(self, person_id: int) -> None:
        self.sessions.rows = {k: v for k, v in self.sessions.rows.items() if k[0] != person_id}
        self.snapshots.rows = {k: v for k, v in self.snapshots.rows.items() if k[0] != person_id}
        self.profiles.rows = [r for r in self.profiles.rows if r[0] != person_id]
        self.plans.rows = [r for r in self.plans.rows if r[0] != person_id]
        self.activities.rows = [r for r in self.activities.rows if r[0] != person_id]
        self.imports.rows = {k: v for k, v in self.imports.rows.items() if k[0] != person_id}
        self.relations.links = {
            k: v for k, v in self.relations.links.items() if person_id not in (k[0], k[1])
        }
        self.imports.spans = {k: v for k, v in self.imports.spans.items() if k[0] != person_id}

    def rollback(self) -> None:
        if self._snapshot is not None:
            for name, state in self._snapshot.items():
                getattr(self, name).__dict__.update(state)
            self._snapshot = None
