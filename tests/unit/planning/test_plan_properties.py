"""Property tests over random profiles: the safety invariants of the planner."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from upright import bootstrap
from upright.domain import vocab
from upright.domain.planning.generator import MIN_BOUT, build_plan
from upright.domain.profile import parse_profile
from upright.domain.progression.state import initial_state
from upright.domain.safety.screening import screen
from upright.services.planning import plan_from_data


def subsets(words: tuple[str, ...], max_size: int | None = None) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(words), unique=True, max_size=max_size or len(words))


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    conditions = draw(subsets(vocab.CONDITIONS, 3))
    data: dict[str, Any] = {
        "age": draw(st.integers(16, 110)),
        "conditions": conditions,
        "pain_now": draw(st.integers(0, 10)),
        "pain_weeks": draw(st.integers(0, 200)),
        "red_flags": draw(st.one_of(st.just([]), subsets(tuple(vocab.RED_FLAGS), 3))),
        "clearance": draw(st.sampled_from(vocab.CLEARANCE)),
        "restrictions": draw(subsets(tuple(vocab.RESTRICTIONS))),
        "walk_minutes": draw(st.integers(0, 90)),
        "equipment": draw(subsets(vocab.EQUIPMENT)),
        "prefers": draw(st.sampled_from(vocab.PREFERS)),
        "days": draw(subsets(vocab.DAYS)),
        "minutes_per_day": draw(st.integers(5, 120)),
    }
    if draw(st.booleans()):
        data["max_walk_minutes"] = draw(st.integers(1, 60))
    if "pregnancy" in conditions:
        data["pregnancy_week"] = draw(st.integers(1, 42))
    if vocab.SURGERY_CONDITIONS & set(conditions) and draw(st.booleans()):
        data["weeks_since_surgery"] = draw(st.integers(0, 60))
    if draw(st.booleans()):
        data["limits"] = draw(subsets(tuple(vocab.LIMITS), 2))
    if "postpartum" in conditions:
        if draw(st.booleans()):
            data["weeks_postpartum"] = draw(st.integers(0, 104))
        if draw(st.booleans()):
            data["delivery"] = draw(st.sampled_from(vocab.DELIVERY))
    return data


LIBRARY = bootstrap.library()

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=300, deadline=None)
@given(data=profiles(), on=days)
def test_no_item_ever_breaks_a_rule_for_its_profile(data: dict[str, Any], on: date) -> None:
    profile = parse_profile(data)
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    plan = build_plan(screening, on, initial_state(profile))
    planned = [i for d in plan.days for i in d.items]
    assert len(plan.days) == 7
    assert plan.days[0].date.weekday() == 0 and plan.days[0].date <= on < plan.days[
        0
    ].date + timedelta(7)
    excluded_ids = {e.id for e in plan.excluded}
    for item in planned:
        # never an excluded exercise, never a banned movement, never impact
        assert item.id not in excluded_ids
        assert not set(item.movements) & set(screening.banned), (item.id, item.movements)
        assert "impact" not in item.movements
        exercise = LIBRARY.catalog.get(item.id)
        assert exercise is not None
        assert set(exercise.movements_at(item.level or 1)) == set(item.movements)
        assert item.why, item.id
        for tag in item.movements:
            for restriction in profile.restrictions:
                assert tag not in vocab.RESTRICTIONS[restriction]
        if item.category == "aerobic":
            walking = item.dose["modality"] in ("walking", "water_walking")
            if profile.max_walk_minutes is not None and walking:
                assert item.dose["minutes"] <= profile.max_walk_minutes
            assert item.dose["times"] >= 1 and item.dose["minutes"] >= 1
    if profile.red_flags:
        assert plan.stop is not None and not planned
        levels = [vocab.RED_FLAGS[f] for f in profile.red_flags]
        assert plan.stop.level == min(levels, key=vocab.URGENCY_LEVELS.index)
    else:
        assert plan.stop is None
    if profile.clearance == "advised_against":
        assert not planned
    if profile.clearance == "not_yet":
        assert {i.id for i in planned} <= {"walking"}
        assert all(i.dose["minutes"] <= 5 for i in planned)


@settings(max_examples=100, deadline=None)
@given(data=profiles(), on=days)
def test_the_same_input_always_gives_the_same_plan(data: dict[str, Any], on: date) -> None:
    first = plan_from_data(data, on, LIBRARY).to_json()
    second = plan_from_data(dict(data), on, LIBRARY).to_json()
    assert first == second


@settings(max_examples=150, deadline=None)
@given(data=profiles(), on=days)
def test_each_day_fits_the_time_the_person_has(data: dict[str, Any], on: date) -> None:
    data["red_flags"] = []
    plan = plan_from_data(data, on, LIBRARY)
    for day in plan.days:
        # the daily stretch rides on top (it must not eat the walk); over the budget only when
        # the walk is at its shortest and a single core exercise is kept
        aerobic_floor = sum(MIN_BOUT for i in day.items if i.category == "aerobic")
        stretch = sum(i.est_minutes for i in day.items if i.category == "stretch")
        core = [i.est_minutes for i in day.items if i.category == "core"]
        floor = aerobic_floor + (min(core) if len(core) == 1 else 0)
        assert day.minutes - stretch <= max(data["minutes_per_day"], floor) + 0.01
