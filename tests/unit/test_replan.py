"""Re-planning a batch of people: each is planned as themself, people without answers skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.conftest import base_profile
from tests.fakes import FakeUnitOfWork
from upright.services import planning
from upright.services.access import Actor
from upright.services.library import Library
from upright.services.replan import batches, replan

NOW = datetime(2026, 11, 25, 8, tzinfo=UTC)
MONDAY = date(2026, 11, 23)


def test_a_batch_plans_everyone_with_answers_and_stores_their_plans(library: Library) -> None:
    uow = FakeUnitOfWork()
    planning.save_profile(uow, Actor(1), 1, base_profile(), NOW)
    planning.save_profile(uow, Actor(3), 3, base_profile(pain_now=6), NOW)
    assert replan(lambda: uow, [1, 2, 3], MONDAY, library, NOW) == 2
    assert uow.plans.latest_for_week(1, MONDAY) is not None
    assert uow.plans.latest_for_week(2, MONDAY) is None
    assert uow.plans.latest_for_week(3, MONDAY) is not None


def test_batches_cover_every_id_once_in_order() -> None:
    assert list(batches(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batches([], 3)) == []
