"""The planner follows the source advice: daily stretch, core on the person's days, walking ladder."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright.domain.planning.plan import Plan
from upright.services.library import Library
from upright.services.planning import plan_from_data


def plan_for(library: Library, **overrides: Any) -> Plan:
    return plan_from_data(base_profile(**overrides), MONDAY, library)


def test_daily_hamstring_stretch_and_core_on_the_persons_days(library: Library) -> None:
    plan = plan_for(library, days=["mon", "wed", "fri"])
    for day in plan.days:
        assert any(i.category == "stretch" for i in day.items), day.date
        has_core = any(i.category == "core" for i in day.items)
        assert has_core == (day.date.strftime("%a").lower() in {"mon", "wed", "fri"})


def test_core_work_covers_abdomen_back_and_pelvis(library: Library) -> None:
    plan = plan_for(library, minutes_per_day=90)
    monday = plan.days[0]
    groups = {library.catalog.get(i.id).group for i in monday.items if i.category == "core"}  # type: ignore[union-attr]
    assert groups == {"abdomen", "back", "pelvis"}
    for item in monday.items:
        if item.category == "core":
            assert item.family and item.level == 1
            assert set(item.dose) >= {"sets", "reps", "hold_seconds", "text"}


def test_a_beginner_walks_two_or_three_times_five_minutes_a_day(library: Library) -> None:
    plan = plan_for(library, walk_minutes=5)
    walks = [i for d in plan.days for i in d.items if i.id == "walking"]
    assert len(walks) == 7
    assert all(w.dose["minutes"] == 5 and w.dose["times"] in (2, 3) for w in walks)
    assert walks[0].dose["modality"] == "walking"


def test_someone_who_can_walk_half_an_hour_starts_near_the_goal(library: Library) -> None:
    plan = plan_for(library, walk_minutes=30, days=["mon", "tue", "thu", "sat"])
    walks = [(d.date, i) for d in plan.days for i in d.items if i.id == "walking"]
    assert {i.dose["minutes"] for _, i in walks} == {30}
    assert 3 <= len(walks) <= 4
    assert all(i.dose["intensity"] == "brisk" for _, i in walks)


def test_high_pain_starts_gently_even_when_walking_is_easy(library: Library) -> None:
    plan = plan_for(library, walk_minutes=40, pain_now=8)
    walk = next(i for d in plan.days for i in d.items if i.id == "walking")
    assert walk.dose["minutes"] <= 5
    assert any("pain is high" in w for w in walk.why)


def test_a_clinicians_walk_limit_splits_longer_walks(library: Library) -> None:
    plan = plan_for(
        library, walk_minutes=30, max_walk_minutes=10, clearance="cleared_with_restrictions"
    )
    walk = next(i for d in plan.days for i in d.items if i.id == "walking")
    assert walk.dose["minutes"] == 10 and walk.dose["times"] == 3
    assert any("limit" in w for w in walk.why)


@pytest.mark.parametrize(
    ("prefers", "equipment", "expected"),
    [
        ("exercise_bike", ["exercise_bike"], "exercise_bike"),
        ("elliptical", ["elliptical"], "elliptical"),
        ("water", ["pool"], "water_walking"),
        ("exercise_bike", [], "walking"),
    ],
)
def test_alternatives_are_dosed_to_the_same_weekly_load(
    library: Library, prefers: str, equipment: list[str], expected: str
) -> None:
    plan = plan_for(library, prefers=prefers, equipment=equipment, walk_minutes=30)
    item = next(i for d in plan.days for i in d.items if i.category == "aerobic")
    assert item.id == expected
    if expected != "walking":
        met = library.catalog.get(expected).met  # type: ignore[union-attr]
        assert item.dose["minutes"] == round(30 * 4.8 / met)  # 30 brisk minutes = 144 MET-min
    else:
        assert any("instead" in n for n in plan.notes)


def test_someone_who_cannot_walk_gets_a_bike_when_they_have_one(library: Library) -> None:
    plan = plan_for(library, walk_minutes=0, equipment=["exercise_bike"])
    aerobic = {i.id for d in plan.days for i in d.items if i.category == "aerobic"}
    assert aerobic == {"exercise_bike"}


def test_the_day_fits_a_short_time_budget(library: Library) -> None:
    plan = plan_for(library, minutes_per_day=10, walk_minutes=10)
    for day in plan.days:
        stretch = sum(i.est_minutes for i in day.items if i.category == "stretch")
        assert day.minutes - stretch <= 10
    assert sum(any(i.category == "aerobic" for i in d.items) for d in plan.days) >= 4


def test_plan_json_follows_the_contract(library: Library) -> None:
    body = plan_for(library).to_json()
    assert set(body) >= {"stop", "clearance", "week_start", "days", "excluded"}
    assert body["stop"] is None and len(body["days"]) == 7
    for day in body["days"]:
        for item in day["items"]:
            assert set(item) >= {"id", "name", "category", "movements", "dose", "why"}
            assert item["category"] in ("core", "stretch", "aerobic", "mobility")
            for key, value in item["dose"].items():
                if key == "pattern":
                    assert all(isinstance(n, int) for n in value)
                elif key not in ("modality", "intensity", "text"):
                    assert isinstance(value, (int, float)), key
    for entry in body["excluded"]:
        assert set(entry) >= {"id", "name", "reasons"} and entry["reasons"]


def test_a_walk_limit_never_raises_the_days_total(library: Library) -> None:
    plan = plan_for(
        library, walk_minutes=20, max_walk_minutes=15, clearance="cleared_with_restrictions"
    )
    walk = next(i for d in plan.days for i in d.items if i.id == "walking")
    assert walk.dose["minutes"] <= 15
    assert walk.dose["minutes"] * walk.dose["times"] <= 20


def test_a_walk_limit_does_not_shorten_the_bike(library: Library) -> None:
    plan = plan_for(
        library,
        walk_minutes=30,
        max_walk_minutes=10,
        prefers="exercise_bike",
        equipment=["exercise_bike"],
    )
    bike = next(i for d in plan.days for i in d.items if i.id == "exercise_bike")
    assert bike.dose["minutes"] == 36 and bike.dose["times"] == 1
