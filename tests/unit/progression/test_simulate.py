"""The simulator runs a virtual person through the real engine: the policy does what it claims."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from upright import bootstrap
from upright.domain.profile import parse_profile
from upright.domain.progression.simulate import Scenario, simulate
from upright.domain.safety.screening import screen

LIBRARY = bootstrap.library()
BEGINNER = {
    "age": 55,
    "conditions": ["nonspecific_chronic"],
    "pain_now": 3,
    "clearance": "cleared",
    "walk_minutes": 5,
    "equipment": ["strap"],
    "days": ["mon", "wed", "fri"],
    "minutes_per_day": 60,
}


def run(scenario: Scenario, **overrides: Any) -> dict[str, Any]:
    profile = parse_profile({**BEGINNER, **overrides})
    return simulate(
        profile, screen(profile, LIBRARY.catalog, LIBRARY.rules), date(2026, 1, 5), scenario
    )


def test_an_adherent_pain_free_beginner_reaches_20_minute_walks_in_6_to_20_weeks() -> None:
    result = run(Scenario(weeks=30))
    assert result["weeks_to_single_walks"] is not None
    assert 6 <= result["weeks_to_single_walks"] <= 20
    assert result["weeks_to_goal"] is not None and result["weeks_to_goal"] <= 26
    first = result["weeks"][0]["walk"]
    assert first["minutes"] == 5 and first["times"] in (2, 3)


def test_flares_every_third_week_slow_it_down_and_never_push() -> None:
    steady = run(Scenario(weeks=40))
    flaring = run(Scenario(weeks=40, flare_every=3))
    assert flaring["weeks_to_single_walks"] > steady["weeks_to_single_walks"]
    weeks = flaring["weeks"]
    for this, nxt in zip(weeks, weeks[1:], strict=False):
        if this["flare"]:
            assert nxt["weekly_minutes"] <= this["weekly_minutes"]
            assert nxt["longest_walk"] <= this["longest_walk"]
            assert nxt["walking_step"] < this["walking_step"] or this["walking_step"] == 1
            assert nxt["mode"] == "flare"


def test_a_three_week_break_comes_back_lower_than_before() -> None:
    result = run(Scenario(weeks=16, pause=(8, 3)))
    weeks = result["weeks"]
    before_gap = weeks[6]["walking_step"]  # week 7, the last active week
    back = weeks[10]  # week 11, the first week after the break
    assert back["mode"] == "reentry"
    assert back["walking_step"] < before_gap
    assert any("break" in why for why in back["why"])


def test_partial_adherence_is_slower_but_still_gets_there() -> None:
    full = run(Scenario(weeks=40))
    partial = run(Scenario(weeks=40, adherence=0.6, seed=3))
    assert partial["weeks_to_single_walks"] is None or (
        partial["weeks_to_single_walks"] >= full["weeks_to_single_walks"]
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_seed_gives_the_same_run(seed: int) -> None:
    assert run(Scenario(weeks=10, adherence=0.7, seed=seed)) == run(
        Scenario(weeks=10, adherence=0.7, seed=seed)
    )
