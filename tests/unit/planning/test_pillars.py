"""The three pillars survive a short week: core on 2-3 days covering every group, a daily
stretch, and a walk that still reaches the goal (the stretch does not eat it)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings

from tests.conftest import MONDAY, base_profile
from tests.unit.planning.test_plan_properties import LIBRARY, days, profiles
from upright.domain import vocab
from upright.domain.planning.choose import CORE_GROUPS
from upright.domain.planning.generator import build_plan
from upright.domain.planning.plan import Plan
from upright.domain.profile import parse_profile
from upright.domain.progression.simulate import Scenario, simulate
from upright.domain.progression.state import ProgressState, initial_state
from upright.domain.safety.screening import screen
from upright.services.library import Library
from upright.services.planning import plan_from_data


def _core_days(plan: Plan) -> list[set[str]]:
    return [{i.group or "" for i in d.items if i.category == "core"} for d in plan.days]


@settings(max_examples=250, deadline=None)
@given(data=profiles(), on=days)
def test_core_is_kept_on_two_or_three_days_and_covers_every_allowed_group(
    data: dict[str, Any], on: date
) -> None:
    data["red_flags"] = []
    profile = parse_profile(data)
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    plan = build_plan(screening, on, initial_state(profile))
    allowed = {a.exercise.group for a in screening.allowed if a.exercise.category == "core"}
    groups = _core_days(plan)
    with_core = [g for g in groups if g]
    if allowed and profile.minutes_per_day >= 15:
        assert len(with_core) >= (3 if len(profile.days) >= 3 else 2), groups
        assert set().union(*with_core) >= allowed & set(CORE_GROUPS), groups
    if allowed:
        assert len(with_core) >= 2  # never all of it dropped, however short the time
    # no item needs what the person said they cannot do
    cannot = {tag for limit in profile.limits for tag in vocab.LIMITS[limit]}
    for item in (i for d in plan.days for i in d.items):
        assert not set(item.movements) & cannot, (item.id, profile.limits)
    stretches = any(a.exercise.category == "stretch" and a.exercise.group == "hamstrings"
                    for a in screening.allowed)  # fmt: skip
    if stretches and screening.stop is None and profile.clearance != "advised_against":
        for day in plan.days:
            assert any(i.category == "stretch" for i in day.items), day.date


def test_ten_minutes_a_day_still_hold_core_on_three_days(library: Library) -> None:
    plan = plan_from_data(base_profile(minutes_per_day=10), MONDAY, library)
    groups = _core_days(plan)
    assert sum(1 for g in groups if g) == 3
    assert set().union(*groups) == {"abdomen", "back", "pelvis"}


def test_one_free_day_still_gets_two_core_days_with_a_note(library: Library) -> None:
    plan = plan_from_data(base_profile(days=["sat"], minutes_per_day=20), MONDAY, library)
    groups = _core_days(plan)
    assert groups[5] and sum(1 for g in groups if g) == 2
    assert set().union(*groups) == {"abdomen", "back", "pelvis"}
    assert any("at least 2 days" in n for n in plan.notes)


def test_isthmic_slip_with_a_disc_problem_keeps_its_core(library: Library) -> None:
    plan = plan_from_data(
        base_profile(conditions=["isthmic_spondylolisthesis", "disc_herniation"],
                     minutes_per_day=30),
        MONDAY,
        library,
    )  # fmt: skip
    assert sum(1 for g in _core_days(plan) if g) == 3


def test_the_default_profile_reaches_the_goal_with_core_kept_every_week() -> None:
    profile = parse_profile({**base_profile(), "minutes_per_day": 30, "equipment": []})
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    result = simulate(profile, screening, MONDAY, Scenario(weeks=20))
    assert result["weeks_to_goal"] is not None and result["weeks_to_goal"] <= 20
    for row in result["weeks"][::4]:
        state = ProgressState(row["walking_step"], (), levels=row["levels"])
        plan = build_plan(screening, date.fromisoformat(row["week_start"]), state)
        groups = _core_days(plan)
        assert sum(1 for g in groups if g) == 3 and set().union(*groups) == set(CORE_GROUPS)


@pytest.mark.parametrize("minutes", [30, 32, 45, 90])
def test_with_the_default_time_an_adherent_beginner_reaches_the_goal(minutes: int) -> None:
    data = {"age": 55, "conditions": ["nonspecific_chronic"], "clearance": "cleared",
            "walk_minutes": 5, "minutes_per_day": minutes}  # fmt: skip
    profile = parse_profile(data)
    result = simulate(
        profile, screen(profile, LIBRARY.catalog, LIBRARY.rules), date(2026, 1, 5),
        Scenario(weeks=20),
    )  # fmt: skip
    assert result["weeks_to_goal"] is not None and result["weeks_to_goal"] <= 20


@pytest.mark.parametrize(
    ("free", "core_days"),
    [([], 2), (["sat"], 2), (["mon", "thu"], 2), (["mon", "wed", "fri"], 3),
     (["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 3)],
)  # fmt: skip
def test_core_days_follow_the_free_days(library: Library, free: list[str], core_days: int) -> None:
    plan = plan_from_data(base_profile(days=free, minutes_per_day=30), MONDAY, library)
    groups = _core_days(plan)
    assert sum(1 for g in groups if g) == core_days
    assert set().union(*groups) == {"abdomen", "back", "pelvis"}
    if len(free) >= core_days:
        names = [d.date.strftime("%a").lower() for d, g in zip(plan.days, groups, strict=True) if g]
        assert set(names) <= set(free)


def test_walks_move_off_core_days_only_when_both_do_not_fit(library: Library) -> None:
    from upright.domain.profile import parse_profile

    for minutes, apart in ((30, True), (60, False)):
        profile = parse_profile(base_profile(walk_minutes=30, minutes_per_day=minutes))
        plan = build_plan(screen(profile, library.catalog, library.rules), MONDAY,
                          initial_state(profile))  # fmt: skip
        both = [d for d in plan.days if {"core", "aerobic"} <= {i.category for i in d.items}]
        assert (not both) == apart, minutes
