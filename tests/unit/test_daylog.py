"""Today remembers, in the services: a day's mark, and a second save that must say it edits."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.conftest import base_profile
from tests.fakes import FakeUnitOfWork
from upright.domain.errors import AlreadyLogged, HistoryError
from upright.services import daylog, planning
from upright.services import logging as log_service
from upright.services.access import Actor
from upright.services.library import Library

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 8, tzinfo=UTC)


def _items(*statuses: str) -> dict[str, object]:
    return {"items": [{"id": f"x{n}", "status": s} for n, s in enumerate(statuses)]}


@pytest.mark.parametrize(
    ("session", "minutes", "mark"),
    [
        (None, 0.0, None),
        ({"items": []}, 0.0, None),  # a safety check alone is not a logged day
        (None, 12.0, "device"),
        ({"items": []}, 0.5, "device"),
        (_items("done"), 0.0, "done"),
        (_items("done", "done"), 30.0, "done"),
        (_items("done", "skipped"), 0.0, "partly"),
        (_items("partly"), 0.0, "partly"),
        (_items("skipped", "partly"), 0.0, "partly"),
        (_items("skipped"), 0.0, "skipped"),
        (_items("skipped", "skipped"), 20.0, "skipped"),
    ],
)
def test_a_day_mark(session: dict[str, object] | None, minutes: float, mark: str | None) -> None:
    assert daylog.day_mark(session, minutes) == mark


def test_no_device_minutes_is_no_mark() -> None:
    assert daylog.day_mark(None, 0.0) is None and daylog.day_mark(None, -1.0) is None


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    planning.save_profile(fake, Actor(1), 1, base_profile(), NOW)
    return fake


def _log(uow: FakeUnitOfWork, library: Library, note: str, replace: bool) -> dict[str, object]:
    entry = {"date": "2026-11-24", "items": [{"id": "walking", "status": "done"}], "note": note}
    return log_service.log_session(
        uow, Actor(1), 1, entry, TODAY, library, replace=replace
    ).to_json()


def test_a_second_save_without_replace_is_refused_and_keeps_the_first(
    uow: FakeUnitOfWork, library: Library
) -> None:
    _log(uow, library, "first", replace=False)  # the first save of a day needs no edit
    with pytest.raises(AlreadyLogged) as refused:
        _log(uow, library, "second", replace=False)
    assert isinstance(refused.value, HistoryError) and refused.value.field == "date"
    assert "2026-11-24 is already logged" in refused.value.message
    stored = daylog.logged_session(uow, Actor(1), 1, date(2026, 11, 24))
    assert stored is not None and stored["note"] == "first"
    _log(uow, library, "second", replace=True)
    stored = daylog.logged_session(uow, Actor(1), 1, date(2026, 11, 24))
    assert stored is not None and stored["note"] == "second"


def test_a_check_alone_does_not_block_the_first_log(uow: FakeUnitOfWork, library: Library) -> None:
    log_service.record_check(uow, Actor(1), 1, date(2026, 11, 24), [], TODAY, library)
    assert daylog.logged_session(uow, Actor(1), 1, date(2026, 11, 24)) is None
    assert _log(uow, library, "after the check", replace=False)["note"] == "after the check"


def test_marks_for_a_week(uow: FakeUnitOfWork, library: Library) -> None:
    _log(uow, library, "", replace=False)
    days = [date(2026, 11, 23), date(2026, 11, 24)]
    assert daylog.day_marks(uow, Actor(1), 1, days) == {days[0]: None, days[1]: "done"}
    assert daylog.day_marks(uow, Actor(1), 1, []) == {}
