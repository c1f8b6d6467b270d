"""Condition programs: each rule does what the clinical rules page says, for a person's plan."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright.domain.errors import ProfileError
from upright.domain.planning.plan import Plan, PlanItem
from upright.services.library import Library
from upright.services.planning import plan_from_data


def plan_for(library: Library, **overrides: Any) -> Plan:
    return plan_from_data(base_profile(**overrides), MONDAY, library)


def items(plan: Plan) -> list[PlanItem]:
    return [i for d in plan.days for i in d.items]


def ids(plan: Plan) -> set[str]:
    return {i.id for i in items(plan)}


def test_stenosis_puts_the_bike_first_when_the_person_has_one(library: Library) -> None:
    plan = plan_for(library, conditions=["spinal_stenosis"], equipment=["exercise_bike"])
    assert {i.id for i in items(plan) if i.category == "aerobic"} == {"exercise_bike"}
    assert any("comes first" in n for n in plan.notes)


@pytest.mark.parametrize("condition", ["spinal_stenosis", "degenerative_spondylolisthesis"])
def test_stenosis_walks_in_bouts_of_the_comfortable_time_with_seated_rests(
    library: Library, condition: str
) -> None:
    plan = plan_for(library, conditions=[condition], walk_minutes=8, equipment=[],
                    minutes_per_day=60)  # fmt: skip
    from upright.domain.planning.generator import build_plan  # the walking step of week 10
    from upright.domain.profile import parse_profile
    from upright.domain.progression.state import ProgressState
    from upright.domain.safety.screening import screen

    profile = parse_profile(base_profile(conditions=[condition], walk_minutes=8, equipment=[],
                                         minutes_per_day=60))  # fmt: skip
    later = build_plan(
        screen(profile, library.catalog, library.rules), MONDAY, ProgressState(9, ())
    )
    walks = [i for i in items(later) if i.id == "walking"]
    assert walks and all(w.dose["minutes"] <= 8 for w in walks)
    for walk in walks:
        assert walk.dose["rest_minutes"] == 2 and walk.dose["times"] >= 3
        assert "sitting down to rest" in walk.dose["text"]
    assert plan.days  # the first week is within the comfortable time: no bouts needed
    first = [i for i in items(plan) if i.id == "walking"]
    assert all("rest_minutes" not in w.dose for w in first)


def test_pregnancy_shows_the_warning_signs_on_every_item(library: Library) -> None:
    plan = plan_for(library, conditions=["pregnancy"], pregnancy_week=24)
    assert items(plan)
    for item in items(plan):
        assert item.warnings and "bleeding" in item.warnings[0]
    assert "warnings" in plan.to_json()["days"][0]["items"][0]


def test_pregnancy_with_sciatica_still_has_a_daily_hamstring_stretch(library: Library) -> None:
    plan = plan_for(library, conditions=["pregnancy", "sciatica"], pregnancy_week=30)
    for day in plan.days:
        stretch = [i for i in day.items if i.category == "stretch"]
        assert [i.id for i in stretch] == ["hamstring_seated_gentle"]
        assert "supine" not in stretch[0].movements


def test_no_item_warnings_without_pregnancy(library: Library) -> None:
    assert not any(i.warnings for i in items(plan_for(library)))


@pytest.mark.parametrize(
    ("weeks", "delivery", "early"),
    [(1, "caesarean", True), (7, "caesarean", True), (8, "caesarean", False),
     (5, "vaginal", True), (6, "vaginal", False), (None, None, True), (20, None, False),
     (7, None, True)],
)  # fmt: skip
def test_postpartum_starts_with_walking_pelvic_floor_and_breathing(
    library: Library, weeks: int | None, delivery: str | None, early: bool
) -> None:
    extra: dict[str, Any] = {}
    if weeks is not None:
        extra["weeks_postpartum"] = weeks
    if delivery is not None:
        extra["delivery"] = delivery
    plan = plan_for(library, conditions=["postpartum"], **extra)
    planned = ids(plan)
    if early:
        assert planned <= {"walking", "pelvic_floor", "tummy_breathing"}
        assert {"walking", "pelvic_floor"} <= planned
        assert any("hamstring stretch" in n and "empty" in n for n in plan.notes)
    else:
        assert len(planned - {"walking", "pelvic_floor", "tummy_breathing"}) >= 3
        assert not {"curl_up"} & planned  # the gentle return still leaves out sit-up style moves


@pytest.mark.parametrize(
    "overrides",
    [{"age": 75, "conditions": ["osteoporosis"]}, {"age": 50, "conditions": ["osteoporosis"]},
     {"age": 70, "conditions": ["vertebral_fracture"]}, {"age": 66}],
)  # fmt: skip
def test_bones_and_age_bring_balance_and_strength_seated_and_standing_first(
    library: Library, overrides: dict[str, Any]
) -> None:
    plan = plan_for(library, minutes_per_day=45, **overrides)
    per_day = [{i.category for i in d.items} for d in plan.days]
    assert sum(1 for c in per_day if "balance" in c) >= 2
    assert sum(1 for c in per_day if "strength" in c) >= 2
    assert "sit_to_stand" in ids(plan)
    assert not any("floor" in i.movements for i in items(plan) if i.category != "mobility")
    if "vertebral_fracture" in overrides.get("conditions", []):
        assert any("physiotherapist" in n for n in plan.notes)


def test_no_balance_or_strength_under_65_without_bone_problems(library: Library) -> None:
    categories = {i.category for i in items(plan_for(library, age=64))}
    assert not categories & {"balance", "strength"}


def test_a_band_is_needed_for_the_band_levels(library: Library) -> None:
    from upright.domain.profile import parse_profile
    from upright.domain.safety.screening import screen

    without = screen(parse_profile(base_profile(age=70)), library.catalog, library.rules)
    row = without.allowance("seated_row")
    assert row is not None and row.max_level == 1 and "band" in row.limits[0]
    with_band = screen(
        parse_profile(base_profile(age=70, equipment=["band"])), library.catalog, library.rules
    )
    assert with_band.allowance("seated_row").max_level == 3  # type: ignore[union-attr]


def test_a_wheelchair_user_keeps_all_three_pillars_seated(library: Library) -> None:
    plan = plan_for(library, limits=["wheelchair_user"], walk_minutes=0, equipment=[])
    planned = items(plan)
    categories = {i.category for i in planned}
    assert {"aerobic", "core", "stretch"} <= categories
    for item in planned:
        assert not {"weight_bearing", "floor", "kneeling", "standing_long"} & set(item.movements)
    assert {i.id for i in planned if i.category == "aerobic"} == {"chair_exercise"}
    groups = {i.group for i in planned if i.category == "core"}
    assert groups == {"abdomen", "back", "pelvis"}


@pytest.mark.parametrize(
    ("limit", "tags"),
    [("cannot_kneel", {"kneeling"}), ("cannot_get_to_floor", {"floor", "kneeling"}),
     ("cannot_stand_long", {"standing_long"})],
)  # fmt: skip
def test_a_stated_limit_rules_out_what_it_names(
    library: Library, limit: str, tags: set[str]
) -> None:
    plan = plan_for(library, limits=[limit], equipment=["mat", "strap", "elliptical"],
                    prefers="elliptical")  # fmt: skip
    assert items(plan)
    assert not any(set(i.movements) & tags for i in items(plan))
    reasons = [r for e in plan.excluded for r in e.reasons]
    assert any("you said you cannot" in r for r in reasons)


def test_cannot_stand_long_walks_in_bouts(library: Library) -> None:
    from upright.domain.planning.generator import build_plan
    from upright.domain.profile import parse_profile
    from upright.domain.progression.state import ProgressState
    from upright.domain.safety.screening import screen

    profile = parse_profile(base_profile(limits=["cannot_stand_long"], walk_minutes=10))
    plan = build_plan(screen(profile, library.catalog, library.rules), MONDAY, ProgressState(9, ()))
    walks = [i for i in items(plan) if i.id == "walking"]
    assert walks and all(w.dose["minutes"] <= 10 and w.dose.get("rest_minutes") for w in walks)


@pytest.mark.parametrize(
    ("weeks", "core", "cap"), [(2, False, None), (5, False, None), (6, True, 2), (11, True, 2),
                               (12, True, None), (None, False, None)],
)  # fmt: skip
def test_discectomy_rules_change_with_the_weeks(
    library: Library, weeks: int | None, core: bool, cap: int | None
) -> None:
    from upright.domain.profile import parse_profile
    from upright.domain.safety.screening import screen

    extra = {"weeks_since_surgery": weeks} if weeks is not None else {}
    profile = parse_profile(base_profile(conditions=["after_discectomy"], **extra))
    screening = screen(profile, library.catalog, library.rules)
    allowed = [a for a in screening.allowed if a.exercise.category == "core"]
    assert bool(allowed) == core
    if core:
        tops = {a.max_level for a in allowed if a.exercise.top_level > 2}
        assert (max(tops) <= 2) == (cap == 2)
        assert (screening.allowance("curl_up") is not None) == (weeks is not None and weeks >= 12)


def test_fusion_stays_conservative_and_says_so(library: Library) -> None:
    from upright.domain.profile import parse_profile
    from upright.domain.safety.screening import screen

    profile = parse_profile(base_profile(conditions=["after_fusion"], weeks_since_surgery=104))
    screening = screen(profile, library.catalog, library.rules)
    assert screening.allowance("curl_up") is None  # bending limits stay: timelines unverified
    assert any("surgeon lifts" in n for n in screening.notes)
    mid = parse_profile(base_profile(conditions=["after_fusion"], weeks_since_surgery=20))
    capped = screen(mid, library.catalog, library.rules).allowance("bird_dog")
    assert capped is not None and capped.max_level == 2


@pytest.mark.parametrize(
    ("answers", "field"),
    [({"weeks_postpartum": 3}, "weeks_postpartum"), ({"delivery": "caesarean"}, "delivery"),
     ({"limits": ["cannot_fly"]}, "limits"),
     ({"conditions": ["postpartum"], "weeks_postpartum": 200}, "weeks_postpartum"),
     ({"conditions": ["postpartum"], "delivery": "forceps"}, "delivery")],
)  # fmt: skip
def test_bad_answers_name_the_field_and_the_allowed_values(
    library: Library, answers: dict[str, Any], field: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        plan_for(library, **answers)
    message = str(caught.value)
    assert message.startswith(field)
    if field == "limits":
        assert "cannot_kneel" in message and "wheelchair_user" in message


def test_a_plan_says_which_pillar_is_empty_and_why(library: Library) -> None:
    plan = plan_for(library, conditions=["postpartum"], weeks_postpartum=2, delivery="vaginal")
    note = next(n for n in plan.notes if "hamstring stretch" in n)
    assert "empty" in note and "6-week" in note
