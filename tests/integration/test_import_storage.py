"""What imports write beyond activities, against real databases: batches, removals, spans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from tests.unit.tracking.helpers import activity
from upright.adapters.storage import database
from upright.adapters.storage.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def uow_factory(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessionmaker(engine, expire_on_commit=False))


def test_add_many_remove_and_overlapping(engine: Engine) -> None:
    person = database.ensure_local_person(engine)
    walks = [activity("walk", 60 * i, 30, ident=f"w{i}") for i in range(5)]
    with uow_factory(engine) as uow:
        uow.activities.add_many(person, walks)
        uow.activities.add_many(person, [])
        uow.commit()
    with uow_factory(engine) as uow:
        uow.activities.remove(person, "w2")
        uow.commit()
    with uow_factory(engine) as uow:
        assert [a.id for a in uow.activities.all(person)] == ["w0", "w1", "w3", "w4"]
        found = uow.activities.overlapping(
            person, walks[1].start + timedelta(minutes=10), walks[3].start + timedelta(minutes=1)
        )
        assert [a.id for a in found] == ["w1", "w3"]


def test_the_latest_span_per_format_is_returned(engine: Engine) -> None:
    person = database.ensure_local_person(engine)
    with uow_factory(engine) as uow:
        assert uow.imports.last_span(person, "apple_health") is None
        uow.imports.record_span(person, "a" * 64, "apple_health", NOW, 10, 2**31 - 2)
        uow.imports.record_span(person, "b" * 64, "apple_health", NOW + timedelta(days=9), 20, 7)
        uow.imports.record_span(person, "c" * 64, "other", NOW + timedelta(days=99), 1, 1)
        uow.commit()
    with uow_factory(engine) as uow:
        assert uow.imports.last_span(person, "apple_health") == (NOW + timedelta(days=9), (20, 7))
