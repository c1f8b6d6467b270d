"""Red flags per reference.md §3.1: the first-episode flag, soon flags and `flags_reviewed`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright.domain import vocab
from upright.domain.errors import ProfileError
from upright.domain.planning.plan import Plan
from upright.domain.profile import (
    FIRST_EPISODE_OVER_AGE,
    FIRST_EPISODE_UNDER_AGE,
    FIRST_EPISODE_WEEKS,
    parse_profile,
)
from upright.services.library import Library
from upright.services.planning import plan_from_data


def plan_for(library: Library, history: list[dict[str, Any]] | None = None, **kw: Any) -> Plan:
    on = kw.pop("on", MONDAY)
    return plan_from_data(base_profile(**kw), on, library, history or [])


def first_episode(library: Library, age: int, weeks: int, first: bool = True) -> Plan:
    return plan_for(library, age=age, pain_weeks=weeks, first_episode=first)


@pytest.mark.parametrize(
    ("age", "weeks", "flagged"),
    [
        (FIRST_EPISODE_OVER_AGE, 1, False),
        (FIRST_EPISODE_OVER_AGE + 1, 1, True),
        (FIRST_EPISODE_UNDER_AGE, 1, False),
        (FIRST_EPISODE_UNDER_AGE - 1, 1, True),
        (FIRST_EPISODE_OVER_AGE + 1, FIRST_EPISODE_WEEKS - 1, True),
        (FIRST_EPISODE_OVER_AGE + 1, FIRST_EPISODE_WEEKS, False),
        (FIRST_EPISODE_UNDER_AGE - 1, FIRST_EPISODE_WEEKS, False),
    ],
)
def test_a_first_episode_over_50_or_under_20_is_a_soon_flag(
    library: Library, age: int, weeks: int, flagged: bool
) -> None:
    plan = first_episode(library, age, weeks)
    if flagged:
        assert plan.stop is not None and plan.stop.level == "soon"
        assert any(f"you are {age}" in r for r in plan.stop.reasons)
    else:
        assert plan.stop is None


def test_not_a_first_episode_is_no_flag(library: Library) -> None:
    assert first_episode(library, 70, 1, first=False).stop is None
    assert plan_for(library, age=None, pain_weeks=1, first_episode=True).stop is None


def test_a_soon_stop_keeps_only_the_usual_walking_and_never_steps_up(library: Library) -> None:
    walk = [{"id": "walking", "status": "done"}]
    history = [
        {"date": (MONDAY + timedelta(days=d)).isoformat(), "items": walk, "pain_during": 1}
        for d in range(21)
    ]
    later = MONDAY + timedelta(days=21)
    plain = plan_for(library, history, on=later, walk_minutes=10)
    flagged = plan_for(library, history, on=later, walk_minutes=10, red_flags=["night_pain"])
    assert flagged.stop is not None and flagged.stop.level == "soon"
    walks = [i for d in flagged.days for i in d.items]
    assert walks and {i.id for i in walks} == {"walking"}
    start = plan_for(library, red_flags=["night_pain"], walk_minutes=10)
    first = max(i.dose["minutes"] * i.dose["times"] for d in start.days for i in d.items)
    assert max(i.dose["minutes"] * i.dose["times"] for i in walks) <= first
    assert plain.progress["walking_step"] > flagged.progress["walking_step"]


def test_flags_reviewed_lets_the_plan_go_on_and_keeps_the_flag_in_the_record(
    library: Library,
) -> None:
    paused = plan_for(library, red_flags=["cancer_history"])
    reviewed = plan_for(library, red_flags=["cancer_history"], flags_reviewed=True)
    assert paused.stop is not None and reviewed.stop is None
    assert {i.category for d in reviewed.days for i in d.items} > {"aerobic"}
    assert any("clinician has checked" in n and "cancer" in n for n in reviewed.notes)
    assert {d.mode for d in reviewed.days} == {"normal"}
    profile = parse_profile(base_profile(red_flags=["cancer_history"], flags_reviewed=True))
    assert profile.to_dict()["red_flags"] == ["cancer_history"]
    assert profile.to_dict()["flags_reviewed"] is True
    aged = plan_for(library, age=60, pain_weeks=2, first_episode=True, flags_reviewed=True)
    assert aged.stop is None


def test_flags_reviewed_does_not_lift_an_emergency_or_same_day_flag(library: Library) -> None:
    both = plan_for(library, red_flags=["cancer_history", "fever_or_unwell"], flags_reviewed=True)
    assert both.stop is not None and both.stop.level == "same_day"
    assert not [i for d in both.days for i in d.items]


@pytest.mark.parametrize("flags", [[], ["fever_or_unwell"], ["saddle_numbness", "recent_trauma"]])
def test_flags_reviewed_without_a_soon_flag_is_refused(flags: list[str]) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(base_profile(red_flags=flags, flags_reviewed=True))
    assert caught.value.field == "flags_reviewed"
    assert "soon" in str(caught.value) and "cancer_history" in str(caught.value)


@pytest.mark.parametrize("field", ["flags_reviewed", "first_episode"])
def test_yes_no_fields_name_the_field_and_the_allowed_values(field: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(base_profile(**{field: "maybe"}))
    assert caught.value.field == field
    assert "true, false" in str(caught.value)
    assert parse_profile(base_profile(first_episode="yes")).first_episode is True


def test_every_new_flag_word_is_at_its_level_in_section_3_1() -> None:
    expected = {
        "new_sexual_dysfunction": "emergency",
        "pain_both_legs": "emergency",
        "spreading_numbness": "same_day",
        "iv_drug_use": "same_day",
        "immunosuppressed": "same_day",
        "recent_infection": "same_day",
        "fall_with_fragile_bones": "same_day",
        "long_term_steroids": "soon",
        "pain_many_sites": "soon",
        "spinal_deformity": "soon",
    }
    assert {k: vocab.RED_FLAGS[k] for k in expected} == expected
