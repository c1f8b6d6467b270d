"""Adding and listing classes against real databases (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from tests.conftest import base_profile
from tests.integration.calendars.conftest import REAL
from upright.adapters.calendars import CalendarFiles, load_class_kinds
from upright.adapters.storage import database
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.domain.errors import CorruptFile, InvalidInput, NotFound
from upright.services import classes, planning
from upright.services.access import Actor
from upright.services.library import Library

NOW = datetime(2018, 10, 1, 9, 0, tzinfo=UTC)
SERIES = str(REAL / "openactive" / "data-models__sessionseries_example_1.json")


def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessionmaker(engine, expire_on_commit=False))


def listed(
    engine: Engine, person: int, library: Library, start: date, end: date
) -> list[dict[str, object]]:
    items = classes.list_sessions(
        uow(engine),
        Actor(person),
        person,
        library,
        load_class_kinds(),
        CalendarFiles(),
        start,
        end,
        UTC,
    )
    return [classes.session_json(i) for i in items]


def test_add_list_replace_and_remove(engine: Engine, library: Library) -> None:
    person = database.ensure_local_person(engine)
    me = Actor(person)
    planning.save_profile(uow(engine), Actor(person), person, base_profile(days=["tue"]), NOW)
    added = classes.add_calendar(uow(engine), me, person, SERIES, CalendarFiles(), NOW)
    assert (added.name, added.format, added.events, added.replaced) == (
        "Everyone Active",
        "openactive",
        1,
        False,
    )
    got = listed(engine, person, library, date(2018, 10, 1), date(2018, 10, 31))
    assert len(got) == 5
    first = got[0]
    assert list(first)[:10] == [
        "class",
        "title",
        "start",
        "end",
        "place",
        "activity",
        "modality",
        "allowed",
        "reasons",
        "movements",
    ]
    assert first["class"] == "Everyone Active" and first["start"] == "2018-10-02T20:15:00+01:00"
    assert first["allowed"] is True and first["on_your_day"] is True
    again = classes.add_calendar(uow(engine), me, person, SERIES, CalendarFiles(), NOW)
    assert again.replaced
    assert len(classes.calendar_names(uow(engine), me, person)) == 1
    classes.remove_calendar(uow(engine), me, person, "Everyone Active")
    assert classes.calendar_names(uow(engine), me, person) == []
    with pytest.raises(InvalidInput, match="no class calendar called"):
        classes.remove_calendar(uow(engine), me, person, "Everyone Active")


def test_a_bad_calendar_stores_nothing_and_keeps_what_was_there(
    engine: Engine, tmp_path: Path
) -> None:
    person = database.ensure_local_person(engine)
    me = Actor(person)
    classes.add_calendar(uow(engine), me, person, SERIES, CalendarFiles(), NOW, name="Park")
    bad = tmp_path / "bad.ics"
    bad.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20240101T000000Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CorruptFile, match="repeats minutely"):
        classes.add_calendar(uow(engine), me, person, str(bad), CalendarFiles(), NOW, name="Park")
    names = classes.calendar_names(uow(engine), me, person)
    assert [n["name"] for n in names] == ["Park"] and names[0]["format"] == "openactive"


def test_listing_needs_a_profile_and_a_sane_window(engine: Engine, library: Library) -> None:
    person = database.ensure_local_person(engine)
    with pytest.raises(NotFound, match="answer the questions first"):
        listed(engine, person, library, date(2018, 10, 1), date(2018, 10, 7))
    today = date(2026, 11, 24)
    assert classes.window(None, None, today) == (today, date(2026, 11, 30))
    assert classes.window(today, today, today) == (today, today)
    assert classes.window(today, date(2027, 11, 24), today)[1] == date(2027, 11, 24)  # 366 days
    with pytest.raises(InvalidInput, match="longer than 366 days"):
        classes.window(today, date(2027, 11, 25), today)
    with pytest.raises(InvalidInput, match="before the start"):
        classes.window(today, date(2026, 11, 23), today)


def test_near_filters_by_the_place_typed(engine: Engine, library: Library) -> None:
    person = database.ensure_local_person(engine)
    me = Actor(person)
    planning.save_profile(uow(engine), Actor(person), person, base_profile(), NOW)
    classes.add_calendar(uow(engine), me, person, SERIES, CalendarFiles(), NOW)
    run = lambda near: classes.list_sessions(  # noqa: E731
        uow(engine),
        me,
        person,
        library,
        load_class_kinds(),
        CalendarFiles(),
        date(2018, 10, 1),
        date(2018, 10, 7),
        UTC,
        near,
    )
    assert len(run("middlesbrough")) == 1 and len(run("Village East")) == 1
    assert run("Leeds") == []
