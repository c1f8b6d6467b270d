"""Outcome answers in a real database: stored once per point, nothing stored when refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.integration.doctor.conftest import DAY
from tests.unit.outcomes.test_measures import full
from upright import bootstrap
from upright.domain.errors import InvalidInput
from upright.services import outcomes


def _count(svc: bootstrap.Services) -> int:
    with svc.uow() as uow:
        return len(uow.outcomes.all(svc.actor.person_id))


def _record(svc: bootstrap.Services, data: dict[str, Any], days: int = 0) -> dict[str, Any]:
    return outcomes.record_outcomes(
        svc.uow(),
        svc.actor,
        svc.actor.person_id,
        data,
        DAY + timedelta(days=days),
        svc.clock.now(),
    )


def test_start_then_two_weeks_then_the_change_is_judged(svc: bootstrap.Services) -> None:
    first = _record(svc, full(back_pain_week=6))
    assert first["baseline"] == DAY.isoformat() and first["due"] is None
    assert first["next"] == {"weeks": 2, "label": "2 weeks", "on": "2026-11-16"}
    later = _record(svc, full(back_pain_week=3), days=13)
    assert [h["weeks"] for h in later["history"]] == [0, 2]
    week = next(c for c in later["changes"] if c["measure"] == "back_pain_week")
    assert week["verdict"] == "better" and week["difference"] == -3


def test_bad_answers_store_nothing(svc: bootstrap.Services) -> None:
    with pytest.raises(InvalidInput):
        _record(svc, full(back_pain_now=11))
    with pytest.raises(InvalidInput, match="all three"):
        _record(svc, full(peg_enjoyment=None))
    assert _count(svc) == 0


def test_answering_when_nothing_is_due_stores_nothing_and_names_the_date(
    svc: bootstrap.Services,
) -> None:
    _record(svc, full())
    with pytest.raises(InvalidInput, match="2026-11-16"):
        _record(svc, full(), days=5)
    assert _count(svc) == 1


def test_status_of_a_new_person_asks_for_the_start(svc: bootstrap.Services) -> None:
    status = outcomes.outcome_status(svc.uow(), svc.actor, svc.actor.person_id, DAY)
    assert status["due"]["label"] == "start" and status["history"] == []


def test_the_sheet_lists_a_red_flag_from_a_days_safety_check_with_its_date(
    svc: bootstrap.Services,
) -> None:
    from upright.services.sheet import sheet_data

    me = svc.actor
    with svc.uow() as uow:  # a day whose safety check answered yes to night pain
        uow.sessions.upsert(me.person_id, DAY, {"date": DAY.isoformat(), "items": [],
                                                "red_flags": ["night_pain"]})  # fmt: skip
        uow.commit()
    data = sheet_data(svc.uow(), me, me.person_id, DAY + timedelta(days=1), svc.library)
    flags = data["red_flags"]
    assert [f["id"] for f in flags] == ["night_pain"]
    assert flags[0]["first"] == DAY.isoformat() and flags[0]["now"] is True
    assert data["flags_last_asked"] == DAY.isoformat()
