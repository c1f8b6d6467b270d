"""Storage against real databases: migrations, the unit of work, profile history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, inspect
from sqlalchemy.orm import sessionmaker

from tests.conftest import base_profile
from upright.adapters.storage import database
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.domain.errors import ProfileError
from upright.domain.tracking.activity import Activity
from upright.services import planning
from upright.services.access import Actor

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def uow_factory(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessionmaker(engine, expire_on_commit=False))


def test_migrations_create_every_table_and_run_twice(engine: Engine) -> None:
    database.upgrade(engine)  # a second run is a no-op
    names = set(inspect(engine).get_table_names())
    assert {
        "people",
        "profile_versions",
        "plans",
        "sessions",
        "activities",
        "file_imports",
    } <= names
    assert "alembic_version" in names


def test_the_unit_of_work_rolls_back_unless_committed(engine: Engine) -> None:
    person = database.ensure_local_person(engine)
    with uow_factory(engine) as uow:
        uow.profiles.add_version(person, base_profile(), NOW)
    with uow_factory(engine) as uow:
        assert uow.profiles.latest(person) is None
        uow.profiles.add_version(person, base_profile(), NOW)
        uow.commit()
    with uow_factory(engine) as uow:
        assert uow.profiles.latest(person) == base_profile()


def test_editing_the_profile_keeps_its_history_and_bad_input_changes_nothing(
    engine: Engine,
) -> None:
    person = database.ensure_local_person(engine)
    planning.save_profile(uow_factory(engine), Actor(person), person, base_profile(pain_now=6), NOW)
    planning.save_profile(
        uow_factory(engine),
        Actor(person),
        person,
        base_profile(pain_now=3),
        NOW + timedelta(days=7),
    )
    with pytest.raises(ProfileError):
        planning.save_profile(
            uow_factory(engine), Actor(person), person, base_profile(pain_now=12), NOW
        )
    with uow_factory(engine) as uow:
        history = uow.profiles.history(person)
    assert [(v, d["pain_now"]) for v, _, d in history] == [(1, 6), (2, 3)]


def test_the_plan_is_stored_once_per_change(engine: Engine, library: object) -> None:
    person = database.ensure_local_person(engine)
    planning.save_profile(uow_factory(engine), Actor(person), person, base_profile(), NOW)
    day = date(2026, 11, 24)
    first, _, _ = planning.current_plan(
        uow_factory(engine), Actor(person), person, day, library, NOW
    )
    planning.current_plan(uow_factory(engine), Actor(person), person, day, library, NOW)
    with uow_factory(engine) as uow:
        stored = uow.plans.latest_for_week(person, date(2026, 11, 23))
        count = uow.session.execute(  # type: ignore[union-attr]
            __import__("sqlalchemy").text("select count(*) from plans")
        ).scalar()
    assert stored == first.to_json()
    assert count == 1


def test_activities_keep_their_time_zone(engine: Engine) -> None:
    person = database.ensure_local_person(engine)
    tz = timezone(timedelta(hours=-7))
    walk = Activity(
        id="gpx:abc", kind="walk", start=datetime(2019, 6, 11, 15, 0, tzinfo=tz), minutes=31.5,
        moving_minutes=30.0, brisk_minutes=22.0, distance_km=2.6, steps=None, avg_hr=101.0,
        counted=True, note=None, source="gpx",
    )  # fmt: skip
    with uow_factory(engine) as uow:
        uow.activities.add(person, walk)
        uow.commit()
    with uow_factory(engine) as uow:
        back = uow.activities.get(person, "gpx:abc")
        overlapping = uow.activities.overlapping(
            person, walk.start + timedelta(minutes=10), walk.end
        )
    assert back == walk
    assert back is not None and back.start.utcoffset() == timedelta(hours=-7)
    assert overlapping == [walk]
