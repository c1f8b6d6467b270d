"""Each safety rule, checked through screening and the plan it allows."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright.domain.errors import ProfileError
from upright.domain.planning.plan import Plan
from upright.domain.profile import parse_profile
from upright.services.library import Library
from upright.services.planning import plan_from_data


def plan_for(library: Library, **overrides: Any) -> Plan:
    return plan_from_data(base_profile(**overrides), MONDAY, library)


def items(plan: Plan) -> list[Any]:
    return [i for d in plan.days for i in d.items]


def movements(plan: Plan) -> set[str]:
    return {m for i in items(plan) for m in i.movements}


@pytest.mark.parametrize(
    ("flag", "level"),
    [
        ("saddle_numbness", "emergency"),
        ("bladder_bowel_change", "emergency"),
        ("weakness_both_legs", "emergency"),
        ("worsening_weakness_one_leg", "same_day"),
        ("fever_or_unwell", "same_day"),
        ("recent_trauma", "same_day"),
        ("cancer_history", "soon"),
        ("unexplained_weight_loss", "soon"),
        ("night_pain", "soon"),
        ("inflammatory_pattern", "soon"),
        ("new_sexual_dysfunction", "emergency"),
        ("pain_both_legs", "emergency"),
        ("spreading_numbness", "same_day"),
        ("iv_drug_use", "same_day"),
        ("immunosuppressed", "same_day"),
        ("recent_infection", "same_day"),
        ("fall_with_fragile_bones", "same_day"),
        ("long_term_steroids", "soon"),
        ("pain_many_sites", "soon"),
        ("spinal_deformity", "soon"),
    ],
)
def test_a_red_flag_stops_the_plan_at_its_level(library: Library, flag: str, level: str) -> None:
    plan = plan_for(library, red_flags=[flag], walk_minutes=12)
    assert plan.stop is not None and plan.stop.level == level
    assert len(plan.days) == 7
    assert {d.mode for d in plan.days} == {"stopped"}
    if level == "soon":  # usual walking only, never more than the person's usual walk
        assert items(plan) and {i.id for i in items(plan)} == {"walking"}
        assert all(i.dose["minutes"] <= 12 for i in items(plan))
        assert all(not d.items for d in plan_for(library, red_flags=[flag], walk_minutes=0).days)
    else:
        assert not items(plan)


def test_the_most_urgent_flag_wins(library: Library) -> None:
    plan = plan_for(library, red_flags=["night_pain", "bladder_bowel_change", "fever_or_unwell"])
    assert plan.stop is not None
    assert plan.stop.level == "emergency"
    assert "emergency department" in plan.stop.message
    assert len(plan.stop.reasons) == 3


def test_not_cleared_gives_only_the_gentle_walking_starter(library: Library) -> None:
    plan = plan_for(library, clearance="not_yet", walk_minutes=30)
    planned = items(plan)
    assert planned and {i.id for i in planned} == {"walking"}
    assert all(i.dose["minutes"] <= 5 and 2 <= i.dose["times"] <= 3 for i in planned)
    waiting = [e for e in plan.excluded if e.kind == "clearance"]
    assert waiting and all("doctor" in e.reasons[0] for e in waiting)


def test_advised_against_gives_no_plan(library: Library) -> None:
    plan = plan_for(library, clearance="advised_against")
    assert plan.stop is None and not items(plan)
    assert any("advised against" in n for n in plan.notes)


@pytest.mark.parametrize(
    ("conditions", "banned"),
    [
        (["isthmic_spondylolisthesis"], {"spinal_extension", "rotation"}),
        (["degenerative_spondylolisthesis"], {"spinal_extension"}),
        (["spinal_stenosis"], {"spinal_extension"}),
        (["facet_joint_pain"], {"spinal_extension", "rotation"}),
        (["disc_herniation"], {"spinal_flexion", "loaded_flexion", "rotation"}),
        (["sciatica"], {"spinal_flexion", "loaded_flexion", "rotation"}),
        (["osteoporosis"], {"spinal_flexion", "loaded_flexion", "rotation"}),
        (["vertebral_fracture"], {"spinal_flexion", "loaded_flexion", "rotation", "axial_load"}),
        (["si_joint_pain"], {"single_leg"}),
        (["pregnancy"], {"supine", "prone", "loaded_flexion", "single_leg"}),
        (["postpartum"], {"loaded_flexion"}),
        ([], {"spinal_extension", "spinal_flexion", "rotation", "loaded_flexion"}),
        (["unknown"], {"spinal_extension", "spinal_flexion", "rotation", "loaded_flexion"}),
    ],
)
def test_conditions_rule_out_movements(
    library: Library, conditions: list[str], banned: set[str]
) -> None:
    extra: dict[str, Any] = {"pregnancy_week": 20} if "pregnancy" in conditions else {}
    plan = plan_for(library, conditions=conditions, **extra)
    assert items(plan), "a cleared person gets a plan"
    assert not movements(plan) & (banned | {"impact"})
    excluded = {e.id: e for e in plan.excluded}
    for exercise in library.catalog.exercises:
        if set(exercise.movements_at(1)) & banned:
            assert exercise.id in excluded, exercise.id
            assert any("left out" in r for r in excluded[exercise.id].reasons)
            assert not any("reference.md" in r for r in excluded[exercise.id].reasons)


def test_the_leaflets_conflict_takes_the_stricter_rule_and_says_ask_your_doctor(
    library: Library,
) -> None:
    plan = plan_for(library, conditions=["disc_herniation", "isthmic_spondylolisthesis"])
    assert not movements(plan) & {"spinal_extension", "spinal_flexion", "loaded_flexion"}
    assert plan.conflicts and "ask your doctor" in plan.conflicts[0].lower()
    assert "isthmic spondylolisthesis" in plan.conflicts[0]


@pytest.mark.parametrize(
    ("restriction", "tags"),
    [
        ("no_extension", {"spinal_extension"}),
        ("no_flexion", {"spinal_flexion", "loaded_flexion"}),
        ("no_rotation", {"rotation"}),
        ("no_supine", {"supine"}),
        ("no_prone", {"prone"}),
    ],
)
def test_clinician_restrictions_rule_out_movements(
    library: Library, restriction: str, tags: set[str]
) -> None:
    plan = plan_for(library, clearance="cleared_with_restrictions", restrictions=[restriction])
    assert items(plan)
    assert not movements(plan) & tags
    reasons = [r for e in plan.excluded for r in e.reasons]
    assert any("because of your clinician's restriction" in r for r in reasons)
    assert not any(restriction in r for r in reasons)  # the words, not the code


def test_after_surgery_early_only_walking(library: Library) -> None:
    plan = plan_for(library, conditions=["after_discectomy"], weeks_since_surgery=3)
    assert {i.category for i in items(plan)} == {"aerobic"}
    later = plan_for(library, conditions=["after_discectomy"], weeks_since_surgery=10)
    assert {"core", "stretch"} <= {i.category for i in items(later)}


def test_sciatica_gets_the_gentle_hamstring_stretch(library: Library) -> None:
    plan = plan_for(library, conditions=["sciatica"])
    stretches = {i.id for i in items(plan) if i.category == "stretch"}
    assert stretches == {"hamstring_nerve_gentle"}


def test_pregnancy_gets_a_seated_stretch_and_no_lying_on_the_back(library: Library) -> None:
    plan = plan_for(library, conditions=["pregnancy"], pregnancy_week=30)
    assert {i.id for i in items(plan) if i.category == "stretch"} == {"hamstring_seated"}
    assert not movements(plan) & {"supine", "prone"}


def test_without_a_strap_the_strap_stretch_is_replaced(library: Library) -> None:
    plan = plan_for(library, equipment=[])
    assert "hamstring_strap" not in {i.id for i in items(plan)}
    strap = next(e for e in plan.excluded if e.id == "hamstring_strap")
    assert "strap" in strap.reasons[0]


def test_running_is_never_planned(library: Library) -> None:
    plan = plan_for(library, conditions=["nonspecific_chronic"], walk_minutes=60)
    assert "running" not in {i.id for i in items(plan)}
    running = next(e for e in plan.excluded if e.id == "running")
    assert "jar" in running.reasons[0]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("conditions", ["bad_back"], "allowed: nonspecific_acute"),
        ("red_flags", ["dizzy"], "allowed: saddle_numbness"),
        ("pain_now", 11, "0-10"),
        ("pain_now", -1, "0-10"),
        ("clearance", "maybe", "cleared"),
        ("restrictions", ["no_walking"], "no_extension"),
        ("prefers", "running", "walking"),
        ("days", ["funday"], "mon"),
        ("equipment", ["treadmill"], "exercise_bike"),
        ("minutes_per_day", "lots", "5-240"),
    ],
)
def test_bad_input_names_the_field_and_the_allowed_values(
    field: str, value: Any, words: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(base_profile(**{field: value}))
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith(field)


def test_an_unknown_field_is_named() -> None:
    with pytest.raises(ProfileError, match="^pain_level: unknown field"):
        parse_profile(base_profile(pain_level=3))
