"""Progression snapshots in a real database: stored by the plan, dropped by any older write,
and the plan from them always equals the plan from the whole history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import sessionmaker

from tests.conftest import base_profile
from upright.adapters.data_files import data_version, load_catalog, load_rulebook
from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.domain.profile import parse_profile
from upright.domain.tracking.activity import Activity
from upright.services import planning
from upright.services.access import Actor
from upright.services.library import Library
from upright.services.progress import progress_report

LIBRARY = Library(load_catalog(), load_rulebook(), data_version())
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
FIRST = TODAY - timedelta(days=150)


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessionmaker(engine, expire_on_commit=False))


def _session(day: date, pain: int) -> dict[str, object]:
    return {"date": day.isoformat(), "items": [], "pain_before": pain, "pain_after": pain}


def _setup(engine: Engine) -> int:
    person = database.ensure_local_person(engine)
    with _uow(engine) as uow:
        uow.profiles.add_version(person, base_profile(), NOW - timedelta(days=200))
        for n in range(0, 150, 2):
            day = FIRST + timedelta(days=n)
            uow.sessions.upsert(person, day, _session(day, 2))
        uow.commit()
    return person


def _stored_weeks(engine: Engine, person: int) -> list[date]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.progress_snapshots.c.week_start)
            .where(t.progress_snapshots.c.person_id == person)
            .order_by(t.progress_snapshots.c.week_start)
        )
        return [r[0] for r in rows]


def _plan_now(engine: Engine, person: int) -> dict[str, object]:
    plan, _, _ = planning.current_plan(_uow(engine), Actor(person), person, TODAY, LIBRARY, NOW)
    return plan.to_json()


def _full_replay(engine: Engine, person: int) -> dict[str, object]:
    with _uow(engine) as uow:
        data = uow.profiles.latest(person)
        history = list(uow.sessions.all(person))
        started = uow.profiles.history(person)[0][1].astimezone().date()
        activities = uow.activities.all(person)
    assert data is not None
    credits: dict[date, list[tuple[str, float]]] = {}
    for a in activities:
        if a.counted:
            credits.setdefault(a.start.date(), []).append(
                (a.kind, round(a.moving_minutes or a.minutes, 1))
            )
    plan, _ = planning.plan_for(parse_profile(data), TODAY, LIBRARY, history, credits, started)
    return plan.to_json()


def test_the_plan_stores_snapshots_and_reuses_them_with_the_same_result(engine: Engine) -> None:
    person = _setup(engine)
    first = _plan_now(engine, person)
    weeks = _stored_weeks(engine, person)
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert weeks[-1] == monday and len(weeks) >= 4
    assert _plan_now(engine, person) == first == _full_replay(engine, person)
    assert _stored_weeks(engine, person) == weeks


def test_an_edit_to_an_older_day_drops_the_later_snapshots(engine: Engine) -> None:
    person = _setup(engine)
    before = _plan_now(engine, person)
    edited = FIRST + timedelta(days=100)
    with _uow(engine) as uow:  # a warning sign answered on an older day
        uow.sessions.upsert(person, edited, {**_session(edited, 2), "red_flags": ["night_pain"]})
        uow.commit()
    assert all(w <= edited for w in _stored_weeks(engine, person))
    after = _plan_now(engine, person)
    assert after == _full_replay(engine, person)
    assert after != before  # the warning sign reached today's plan


def test_an_imported_walk_drops_the_snapshots_after_its_day(engine: Engine) -> None:
    person = _setup(engine)
    _plan_now(engine, person)
    walk_day = FIRST + timedelta(days=60)
    walk = Activity(
        id="w1",
        kind="walk",
        start=datetime.combine(walk_day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8),
        minutes=40.0,
        moving_minutes=40.0,
        brisk_minutes=30.0,
        distance_km=3.5,
        steps=None,
        avg_hr=None,
        counted=True,
        note=None,
        source="gpx",
    )
    with _uow(engine) as uow:
        uow.activities.add_many(person, [walk])
        uow.commit()
    assert all(w <= walk_day for w in _stored_weeks(engine, person))
    assert _plan_now(engine, person) == _full_replay(engine, person)
    with _uow(engine) as uow:
        uow.activities.remove(person, "w1")
        uow.commit()
    assert all(w <= walk_day for w in _stored_weeks(engine, person))
    assert _plan_now(engine, person) == _full_replay(engine, person)


def _keys(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(select(t.progress_snapshots.c.fingerprint))}


def test_a_new_profile_is_planned_from_its_own_snapshots(engine: Engine) -> None:
    person = _setup(engine)
    _plan_now(engine, person)
    before = _keys(engine)
    planning.save_profile(_uow(engine), Actor(person), person, base_profile(pain_now=6), NOW)
    assert _plan_now(engine, person) == _full_replay(engine, person)
    after = _keys(engine)
    assert len(before) == len(after) == 1 and before != after  # replaced, week by week


def test_deleting_a_persons_data_deletes_their_snapshots(engine: Engine) -> None:
    person = _setup(engine)
    _plan_now(engine, person)
    with _uow(engine) as uow:
        uow.delete_person_data(person)
        uow.commit()
    assert _stored_weeks(engine, person) == []


def test_progress_from_the_snapshots_equals_progress_from_the_whole_history(
    engine: Engine,
) -> None:
    person = _setup(engine)
    with _uow(engine) as uow:  # a flare and a warning sign long before the weeks shown
        day = FIRST + timedelta(days=20)
        uow.sessions.upsert(person, day, {**_session(day, 8), "red_flags": ["night_pain"]})
        uow.commit()
    _plan_now(engine, person)
    assert _stored_weeks(engine, person)
    resumed = progress_report(_uow(engine), Actor(person), person, TODAY, LIBRARY)
    with engine.begin() as conn:
        conn.execute(delete(t.progress_snapshots))
    full = progress_report(_uow(engine), Actor(person), person, TODAY, LIBRARY)
    assert resumed == full
    assert full.sessions_logged == 75 and "paused" in full.message


def test_snapshots_older_than_sixty_weeks_are_not_kept(engine: Engine) -> None:
    person = database.ensure_local_person(engine)
    with _uow(engine) as uow:
        uow.profiles.add_version(person, base_profile(), NOW - timedelta(days=800))
        for n in range(0, 700, 3):
            day = TODAY - timedelta(days=700 - n)
            uow.sessions.upsert(person, day, _session(day, 2))
        uow.commit()
    _plan_now(engine, person)
    weeks = _stored_weeks(engine, person)
    assert weeks[-1] - weeks[0] <= timedelta(weeks=60)
    assert len(weeks) >= 14
