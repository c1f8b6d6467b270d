"""A clinician's answers: checked at every edge, and always obeyed by the planner."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright.domain import vocab
from upright.domain.errors import InvalidInput
from upright.domain.planning.generator import WALKING_MODALITIES
from upright.domain.profile import parse_profile
from upright.domain.safety.clearance import in_force
from upright.services.clearance import apply_to_profile, check_answers
from upright.services.library import Library
from upright.services.planning import plan_from_data

TODAY = date(2026, 11, 23)


def answers(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"clearance": "cleared_with_restrictions"}
    data.update(overrides)
    return data


def test_a_full_answer_is_checked_into_every_field(library: Library) -> None:
    checked = check_answers(
        answers(restrictions=["no_prone", "no_extension"], max_walk_minutes="15",
                avoid_exercises=["bird_dog"], valid_until="2026-11-23", note=" ok "),
        library, TODAY,
    )  # fmt: skip
    assert checked == {
        "clearance": "cleared_with_restrictions",
        "restrictions": ["no_extension", "no_prone"],  # vocabulary order
        "max_walk_minutes": 15,
        "avoid_exercises": ["bird_dog"],
        "valid_until": "2026-11-23",
        "note": "ok",
    }


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"clearance": "maybe"}, "clearance", "not an answer"),
        ({"clearance": ""}, "clearance", "not answered"),
        ({"restrictions": ["no_running"]}, "restrictions", "unknown restriction"),
        ({"avoid_exercises": ["burpee"]}, "avoid_exercises", "unknown exercise"),
        ({"max_walk_minutes": 0}, "max_walk_minutes", "out of range"),
        ({"max_walk_minutes": 241}, "max_walk_minutes", "out of range"),
        ({"max_walk_minutes": "ten"}, "max_walk_minutes", "whole minutes"),
        ({"valid_until": "2026-11-22"}, "valid_until", "in the past"),
        ({"valid_until": "next year"}, "valid_until", "not a date"),
        ({"clearance": "cleared", "restrictions": ["no_flexion"]}, "clearance", "go with"),
        ({"clearance": "not_yet", "valid_until": "2027-01-01"}, "valid_until", "only a clearance"),
        ({"note": "x" * 501}, "note", "too long"),
        ({"colour": "red"}, "colour", "unknown field"),
    ],
)
def test_bad_answers_name_the_field(
    library: Library, overrides: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words) as caught:
        check_answers(answers(**overrides), library, TODAY)
    assert caught.value.field == field


def test_the_walk_limit_edges_are_accepted(library: Library) -> None:
    assert check_answers(answers(max_walk_minutes=1), library, TODAY)["max_walk_minutes"] == 1
    assert check_answers(answers(max_walk_minutes=240), library, TODAY)["max_walk_minutes"] == 240


def test_new_answers_replace_the_earlier_ones(library: Library) -> None:
    earlier = apply_to_profile(
        base_profile(),
        check_answers(answers(restrictions=["no_flexion"], max_walk_minutes=10), library, TODAY),
    )
    later = apply_to_profile(earlier, check_answers({"clearance": "cleared"}, library, TODAY))
    assert later["clearance"] == "cleared"
    assert "restrictions" not in later or later["restrictions"] == []
    assert "max_walk_minutes" not in later


def test_a_clearance_holds_to_its_last_day_and_lapses_the_day_after() -> None:
    profile = parse_profile(base_profile(clearance="cleared", clearance_valid_until="2026-11-30"))
    held, note = in_force(profile, date(2026, 11, 30))
    assert held.clearance == "cleared" and note is None
    lapsed, note = in_force(profile, date(2026, 12, 1))
    assert lapsed.clearance == "not_yet" and note is not None and "30 November 2026" in note


def test_a_lapsed_clearance_plans_only_the_walking_starter(library: Library) -> None:
    data = base_profile(clearance="cleared", clearance_valid_until="2026-11-20")
    plan = plan_from_data(data, TODAY, library)
    ids = {i.id for d in plan.days for i in d.items}
    assert ids <= {"walking"} and plan.clearance == "not_yet"
    assert any("valid until 20 November 2026" in n for n in plan.notes)
    still = plan_from_data({**data, "clearance_valid_until": "2026-11-29"}, TODAY, library)
    assert {i.id for d in still.days for i in d.items} - {"walking"}


CATALOG_IDS = st.sampled_from(
    ["bird_dog", "dead_bug", "side_bridge", "glute_bridge", "cat_camel", "hamstring_strap",
     "curl_up", "plank", "hip_hinge", "pelvic_tilt", "walking", "knee_to_chest"]
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    conditions=st.lists(st.sampled_from(vocab.CONDITIONS[:-1]), max_size=2, unique=True),
    restrictions=st.lists(st.sampled_from(tuple(vocab.RESTRICTIONS)), max_size=3, unique=True),
    avoid=st.lists(CATALOG_IDS, max_size=3, unique=True),
    limit=st.one_of(st.none(), st.integers(1, 40)),
    walk=st.integers(0, 60),
    equipment=st.lists(st.sampled_from(vocab.EQUIPMENT), max_size=5, unique=True),
    days=st.integers(0, 200),
)
def test_clinician_restrictions_are_always_obeyed_by_the_planner(
    library: Library, conditions: list[str], restrictions: list[str], avoid: list[str],
    limit: int | None, walk: int, equipment: list[str], days: int,
) -> None:  # fmt: skip
    profile = base_profile(
        conditions=conditions, walk_minutes=walk, equipment=equipment,
        days=list(vocab.DAYS), clearance="cleared",
    )  # fmt: skip
    if "pregnancy" in conditions:
        profile["pregnancy_week"] = 20
    if vocab.SURGERY_CONDITIONS & set(conditions):
        profile["weeks_since_surgery"] = 20
    entered = check_answers(
        answers(restrictions=restrictions, avoid_exercises=avoid, max_walk_minutes=limit),
        library, TODAY,
    )  # fmt: skip
    if not (restrictions or avoid or limit):
        entered["clearance"] = "cleared"
    data = apply_to_profile(profile, entered)
    plan = plan_from_data(data, TODAY + timedelta(days=days), library)
    banned = {tag for r in restrictions for tag in vocab.RESTRICTIONS[r]}
    for day in plan.days:
        for item in day.items:
            assert item.id not in avoid, f"{item.id} was to be avoided"
            assert not banned & set(item.movements), f"{item.id} moves {item.movements}"
            if limit is not None and item.dose.get("modality") in WALKING_MODALITIES:
                assert item.dose.get("minutes", 0) <= limit
