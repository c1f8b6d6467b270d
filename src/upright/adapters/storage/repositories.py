"""SQLAlchemy implementations of the repository ports. No business rules here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, delete, func, insert, select

from upright.adapters.storage import tables as t
from upright.adapters.storage.sessions import dialect_name
from upright.adapters.storage.upsert import dialect_insert
from upright.domain.tracking.activity import Activity

if TYPE_CHECKING:
    from upright.adapters.storage.sessions import DbSession


def utc(when: datetime) -> datetime:
    """Naive UTC for storage (SQLite keeps no offsets); aware values are converted."""
    if when.tzinfo is None:
        return when
    return when.astimezone(UTC).replace(tzinfo=None)


def aware(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _upsert_session(dialect: str) -> Any:
    statement = dialect_insert(dialect, t.sessions).values(
        person_id=bindparam("person_id"),
        day=bindparam("day"),
        data=bindparam("data"),
        updated_at=bindparam("updated_at"),
    )
    upsert = statement.on_conflict_do_update(
        index_elements=["person_id", "day"],
        set_={"data": statement.excluded.data, "updated_at": statement.excluded.updated_at},
    )
    if dialect != "postgresql":
        return upsert
    # PostgreSQL drops the later snapshots in the same statement (a data-modifying WITH): one
    # round trip fewer for every log; SQLite has no such WITH (and no round trips to save)
    snapshots = t.progress_snapshots.c
    drop = delete(t.progress_snapshots).where(
        and_(snapshots.person_id == bindparam("person_id"), snapshots.week_start > bindparam("day"))
    )
    return upsert.add_cte(drop.cte("dropped_snapshots"))


# built once per dialect (on first use: the PostgreSQL dialect is slow to import): constructing a
# statement costs more than running it, and logging runs these each time
_UPSERT_SESSION: dict[str, Any] = {}
_LATEST_PROFILE = (
    select(t.profile_versions.c.data)
    .where(t.profile_versions.c.person_id == bindparam("p"))
    .order_by(t.profile_versions.c.version.desc())
    .limit(1)
)
_PROFILE_HISTORY = (
    select(t.profile_versions.c.version, t.profile_versions.c.created_at, t.profile_versions.c.data)
    .where(t.profile_versions.c.person_id == bindparam("p"))
    .order_by(t.profile_versions.c.version)
)
_ALL_SESSIONS = (
    select(t.sessions.c.data)
    .where(t.sessions.c.person_id == bindparam("p"))
    .order_by(t.sessions.c.day)
)
_SESSIONS_SINCE = (
    select(t.sessions.c.data)
    .where(and_(t.sessions.c.person_id == bindparam("p"), t.sessions.c.day >= bindparam("d")))
    .order_by(t.sessions.c.day)
)
_FIRST_SESSION = (
    select(t.sessions.c.data)
    .where(t.sessions.c.person_id == bindparam("p"))
    .order_by(t.sessions.c.day)
    .limit(1)
)
_DROP_SNAPSHOTS = delete(t.progress_snapshots).where(
    and_(
        t.progress_snapshots.c.person_id == bindparam("p"),
        t.progress_snapshots.c.week_start > bindparam("d"),
    )
)
_LATEST_SNAPSHOT = (
    select(t.progress_snapshots.c.data)
    .where(
        and_(
            t.progress_snapshots.c.person_id == bindparam("p"),
            t.progress_snapshots.c.fingerprint == bindparam("f"),
            t.progress_snapshots.c.week_start <= bindparam("d"),
        )
    )
    .order_by(t.progress_snapshots.c.week_start.desc())
    .limit(1)
)


class SqlProfiles:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def add_version(self, person_id: int, data: dict[str, Any], created_at: datetime) -> int:
        current = self.session.scalar(
            select(func.max(t.profile_versions.c.version)).where(
                t.profile_versions.c.person_id == person_id
            )
        )
        version = (current or 0) + 1
        self.session.execute(
            insert(t.profile_versions).values(
                person_id=person_id, version=version, data=data, created_at=utc(created_at)
            )
        )
        return version

    def latest(self, person_id: int) -> dict[str, Any] | None:
        row = self.session.execute(_LATEST_PROFILE, {"p": person_id}).first()
        return dict(row[0]) if row else None

    def history(self, person_id: int) -> Sequence[tuple[int, datetime, dict[str, Any]]]:
        rows = self.session.execute(_PROFILE_HISTORY, {"p": person_id})
        return [(v, aware(at), dict(d)) for v, at, d in rows]


class SqlPlans:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def save(
        self, person_id: int, week_start: date, plan: dict[str, Any], created_at: datetime
    ) -> int:
        new_id = self.session.scalar(
            insert(t.plans)
            .values(
                person_id=person_id, week_start=week_start, plan=plan, created_at=utc(created_at)
            )
            .returning(t.plans.c.id)
        )
        return int(new_id or 0)

    def latest_for_week(self, person_id: int, week_start: date) -> dict[str, Any] | None:
        row = self.session.execute(
            select(t.plans.c.plan)
            .where(and_(t.plans.c.person_id == person_id, t.plans.c.week_start == week_start))
            .order_by(t.plans.c.id.desc())
            .limit(1)
        ).first()
        return dict(row[0]) if row else None


class SqlSessions:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def upsert(self, person_id: int, day: date, session: dict[str, Any]) -> None:
        # one statement, so two logs of the same day at once cannot both insert
        now = datetime.now(UTC).replace(tzinfo=None)
        values = {"person_id": person_id, "day": day, "data": session, "updated_at": now}
        dialect = dialect_name(self.session)
        statement = _UPSERT_SESSION.get(dialect)
        if statement is None:
            statement = _UPSERT_SESSION[dialect] = _upsert_session(dialect)
        self.session.execute(statement, values)
        if dialect != "postgresql":  # there the upsert drops them itself
            drop_snapshots_after(self.session, person_id, day)

    def get(self, person_id: int, day: date) -> dict[str, Any] | None:
        row = self.session.execute(
            select(t.sessions.c.data).where(
                and_(t.sessions.c.person_id == person_id, t.sessions.c.day == day)
            )
        ).first()
        return dict(row[0]) if row else None

    def all(self, person_id: int) -> Sequence[dict[str, Any]]:
        rows = self.session.execute(_ALL_SESSIONS, {"p": person_id})
        return [dict(r[0]) for r in rows]

    def since(self, person_id: int, day: date) -> Sequence[dict[str, Any]]:
        rows = self.session.execute(_SESSIONS_SINCE, {"p": person_id, "d": day})
        return [dict(r[0]) for r in rows]

    def first(self, person_id: int) -> dict[str, Any] | None:
        row = self.session.execute(_FIRST_SESSION, {"p": person_id}).first()
        return dict(row[0]) if row else None

    def count(self, person_id: int) -> int:
        found = self.session.execute(
            select(func.count()).where(t.sessions.c.person_id == person_id)
        ).scalar()
        return int(found or 0)


def drop_snapshots_after(session: DbSession, person_id: int, day: date) -> None:
    """A write on ``day`` makes the progression snapshots of later weeks stale (derived data,
    like an index: dropped in the same transaction as the write)."""
    session.execute(_DROP_SNAPSHOTS, {"p": person_id, "d": day})


#: snapshots kept per person: this many weeks back from the newest (a session can be logged up
#: to a year back; about 1.4 KB each, every week of the last 16 and one in four before: ~45 KB
#: per person at most)
KEEP_SNAPSHOT_WEEKS = 60


class SqlSnapshots:
    """Progression snapshots (``domain.progression.snapshot``), one per person and week."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    def latest(self, person_id: int, fingerprint: str, until: date) -> dict[str, Any] | None:
        found = {"p": person_id, "f": fingerprint, "d": until}
        row = self.session.execute(_LATEST_SNAPSHOT, found).first()
        return dict(row[0]) if row else None

    def save(
        self, person_id: int, fingerprint: str, snapshots: Sequence[tuple[date, dict[str, Any]]]
    ) -> None:
        if not snapshots:
            return
        ps = t.progress_snapshots.c
        weeks = [week for week, _ in snapshots]
        self.session.execute(
            delete(t.progress_snapshots).where(
                and_(ps.person_id == person_id, ps.week_start.in_(weeks))
            )
        )
        self.session.execute(
            insert(t.progress_snapshots),
            [
                {"person_id": person_id, "week_start": w, "fingerprint": fingerprint, "data": d}
                for w, d in snapshots
            ],
        )
        # older ones are only reached by an edit further back than a session can be logged
        oldest = max(weeks) - timedelta(weeks=KEEP_SNAPSHOT_WEEKS)
        self.session.execute(
            delete(t.progress_snapshots).where(
                and_(ps.person_id == person_id, ps.week_start < oldest)
            )
        )


def _activity_row(person_id: int, a: Activity) -> dict[str, Any]:
    offset = a.start.utcoffset() or timedelta(0)
    return {
        "person_id": person_id,
        "id": a.id,
        "kind": a.kind,
        "start": utc(a.start),
        "utc_offset_minutes": int(offset.total_seconds() // 60),
        "minutes": a.minutes,
        "moving_minutes": a.moving_minutes,
        "brisk_minutes": a.brisk_minutes,
        "distance_km": a.distance_km,
        "steps": a.steps,
        "avg_hr": a.avg_hr,
        "counted": a.counted,
        "note": a.note,
        "source": a.source,
        "device": a.device,
        "extra": {"met": a.met} if a.met is not None else None,
    }


def _activity(row: Any) -> Activity:
    tz = timezone(timedelta(minutes=row.utc_offset_minutes))
    start = row.start.replace(tzinfo=UTC).astimezone(tz)
    return Activity(
        id=row.id, kind=row.kind, start=start, minutes=row.minutes,
        moving_minutes=row.moving_minutes, brisk_minutes=row.brisk_minutes,
        distance_km=row.distance_km, steps=row.steps, avg_hr=row.avg_hr,
        counted=row.counted, note=row.note, source=row.source, device=row.device,
        met=(row.extra or {}).get("met"),
    )  # fmt: skip


class SqlActivities:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def add(self, person_id: int, activity: Activity) -> None:
        self.session.execute(insert(t.activities).values(**_activity_row(person_id, activity)))
        self._stale(person_id, [activity.start])

    def add_many(self, person_id: int, activities: Sequence[Activity]) -> None:
        # one executemany: a years-long export adds tens of thousands of rows
        if activities:
            rows = [_activity_row(person_id, a) for a in activities]
            self.session.execute(insert(t.activities), rows)
            self._stale(person_id, [a.start for a in activities])

    def _stale(self, person_id: int, starts: Sequence[datetime]) -> None:
        # device sessions count on their local day (a day of slack either side of UTC)
        drop_snapshots_after(self.session, person_id, min(starts).date() - timedelta(days=2))

    def remove(self, person_id: int, activity_id: str) -> None:
        start = self.session.execute(
            select(t.activities.c.start).where(
                and_(t.activities.c.person_id == person_id, t.activities.c.id == activity_id)
            )
        ).scalar()
        if start is not None:
            self._stale(person_id, [start])
        self.session.execute(
            delete(t.activities).where(
                and_(t.activities.c.person_id == person_id, t.activities.c.id == activity_id)
            )
        )

    def get(self, person_id: int, activity_id: str) -> Activity | None:
        row = self.session.execute(
            select(t.activities).where(
                and_(t.activities.c.person_id == person_id, t.activities.c.id == activity_id)
            )
        ).first()
        return _activity(row) if row else None

    def overlapping(self, person_id: int, start: datetime, end: datetime) -> Sequence[Activity]:
        # coarse window in SQL (a day either side), exact overlap in Python
        rows = self.session.execute(
            select(t.activities).where(
                and_(
                    t.activities.c.person_id == person_id,
                    t.activities.c.start < utc(end),
                    t.activities.c.start > utc(start) - timedelta(days=1),
                )
            )
        )
        found = [_activity(r) for r in rows]
        return [a for a in found if a.start < end and a.end > start]

    def between(self, person_id: int, start: datetime, end: datetime) -> Sequence[Activity]:
        rows = self.session.execute(
            select(t.activities)
            .where(
                and_(
                    t.activities.c.person_id == person_id,
                    t.activities.c.start >= utc(start),
                    t.activities.c.start < utc(end),
                )
            )
            .order_by(t.activities.c.start)
        )
        return [_activity(r) for r in rows]

    def all(self, person_id: int) -> Sequence[Activity]:
        rows = self.session.execute(
            select(t.activities)
            .where(t.activities.c.person_id == person_id)
            .order_by(t.activities.c.start)
        )
        return [_activity(r) for r in rows]


class SqlImportLog:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def seen(self, person_id: int, sha256: str) -> bool:
        return (
            self.session.scalar(
                select(t.file_imports.c.sha256).where(
                    and_(t.file_imports.c.person_id == person_id, t.file_imports.c.sha256 == sha256)
                )
            )
            is not None
        )

    def record(self, person_id: int, sha256: str, path: str, count: int, at: datetime) -> None:
        self.session.execute(
            insert(t.file_imports).values(
                person_id=person_id, sha256=sha256, path=path, count=count, imported_at=utc(at)
            )
        )

    def record_span(
        self,
        person_id: int,
        sha256: str,
        format: str,
        data_until: datetime,
        settled: int,
        checksum: int,
    ) -> None:
        self.session.execute(
            insert(t.import_spans).values(
                person_id=person_id,
                sha256=sha256,
                format=format,
                data_until=utc(data_until),
                settled=settled,
                checksum=checksum,
            )
        )

    def last_span(self, person_id: int, format: str) -> tuple[datetime, tuple[int, int]] | None:
        c = t.import_spans.c
        row = self.session.execute(
            select(c.data_until, c.settled, c.checksum)
            .where(and_(c.person_id == person_id, c.format == format))
            .order_by(c.data_until.desc())
            .limit(1)
        ).first()
        return (aware(row.data_until), (row.settled, row.checksum)) if row else None
