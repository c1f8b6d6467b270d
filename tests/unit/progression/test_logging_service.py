"""Logging through the service with in-memory fakes: validation, replace-not-duplicate, rollback."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.conftest import base_profile
from tests.fakes import FakeUnitOfWork
from upright.domain.errors import HistoryError, NotFound
from upright.services import logging as log_service
from upright.services import planning
from upright.services.access import Actor
from upright.services.export import delete_person_data, export_csv, export_history
from upright.services.library import Library

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 8, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    planning.save_profile(fake, Actor(1), 1, base_profile(), NOW)
    return fake


def log(uow: FakeUnitOfWork, library: Library, entry: dict[str, object]) -> dict[str, object]:
    return log_service.log_session(uow, Actor(1), 1, entry, TODAY, library).to_json()


def test_a_logged_day_replaces_itself(uow: FakeUnitOfWork, library: Library) -> None:
    log(
        uow,
        library,
        {"date": "2026-11-24", "items": [{"id": "walking", "status": "done"}], "pain_during": 2},
    )
    log(
        uow,
        library,
        {"date": "2026-11-24", "items": [{"id": "walking", "status": "partly"}], "pain_during": 3},
    )
    history = export_history(uow, Actor(1), 1)
    assert len(history["sessions"]) == 1
    assert history["sessions"][0]["items"][0]["status"] == "partly"


def test_an_item_not_in_the_plan_is_refused_and_nothing_is_stored(
    uow: FakeUnitOfWork, library: Library
) -> None:
    with pytest.raises(HistoryError) as caught:
        log(uow, library, {"date": "2026-11-24", "items": [{"id": "walking"}, {"id": "running"}]})
    assert caught.value.field == "items[1].id"
    assert export_history(uow, Actor(1), 1) == {"sessions": []}


def test_future_dates_and_bad_pain_are_refused(uow: FakeUnitOfWork, library: Library) -> None:
    with pytest.raises(HistoryError, match="future"):
        log(uow, library, {"date": "2026-11-26", "items": []})
    with pytest.raises(HistoryError, match="pain_after"):
        log(uow, library, {"date": "2026-11-24", "items": [], "pain_after": 12})
    assert export_history(uow, Actor(1), 1) == {"sessions": []}


def test_the_morning_check_is_kept_when_the_day_is_logged_again(
    uow: FakeUnitOfWork, library: Library
) -> None:
    log(uow, library, {"date": "2026-11-24", "items": [{"id": "walking"}], "pain_before": 3})
    assert log_service.pending_morning_check(uow, Actor(1), 1, TODAY) == date(2026, 11, 24)
    log_service.record_morning(uow, Actor(1), 1, date(2026, 11, 24), 2, TODAY)
    assert log_service.pending_morning_check(uow, Actor(1), 1, TODAY) is None
    log(uow, library, {"date": "2026-11-24", "items": [{"id": "walking"}], "pain_before": 4})
    assert export_history(uow, Actor(1), 1)["sessions"][0]["pain_next_morning"] == 2
    with pytest.raises(NotFound):
        log_service.record_morning(uow, Actor(1), 1, date(2026, 11, 20), 2, TODAY)


def test_export_csv_and_delete(uow: FakeUnitOfWork, library: Library) -> None:
    log(
        uow,
        library,
        {
            "date": "2026-11-24",
            "items": [{"id": "walking", "minutes": 5, "times": 2}],
            "note": "ok",
        },
    )
    text = export_csv(uow, Actor(1), 1)
    assert text.splitlines()[0].startswith("date,pain_before")
    assert "2026-11-24" in text and "walking" in text
    delete_person_data(uow, Actor(1), 1)
    assert export_history(uow, Actor(1), 1) == {"sessions": []}
    assert uow.profiles.latest(1) is None
