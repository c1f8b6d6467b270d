"""Doses in words and minutes (dose.py) and the choices of the planner (choose.py), one rule at a
time. Written from the mutants that survived ``scripts/mutation`` (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import base_profile
from upright import bootstrap
from upright.domain.planning import choose
from upright.domain.planning.dose import (
    BETWEEN_REPS_SECONDS,
    BETWEEN_SETS_SECONDS,
    SETUP_SECONDS,
    describe,
    minutes,
    pattern,
    shortened,
)
from upright.domain.profile import parse_profile
from upright.domain.safety.screening import Screening, screen

LIBRARY = bootstrap.library()


# --- dose.py ---


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        ({"pattern": [5, 3, 1], "sets": 9, "reps": 9}, [5, 3, 1]),
        ({"pattern": (4.0, 2)}, [4, 2]),
        ({"pattern": [], "sets": 2, "reps": 6}, [6, 6]),
        ({"sets": 3, "reps": 10}, [10, 10, 10]),
        ({"reps": 0, "sets": 0}, [1]),
        ({"reps": None, "sets": None}, [1]),
        ({}, [1]),
        ({"pattern": "5,3", "reps": 2}, [2]),
    ],
)
def test_the_reps_of_each_set(dose: dict[str, Any], expected: list[int]) -> None:
    assert pattern(dose) == expected


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        ({"minutes": 10, "times": 1, "intensity": "easy"}, "10 minutes at an easy pace"),
        ({"minutes": 12.5, "times": 2, "intensity": "brisk"},
         "12.5 minutes at a brisk pace, twice a day"),
        ({"minutes": 8, "times": 3, "intensity": "moderate", "modality": "water_walking"},
         "8 minutes at a moderate pace, 3 times a day"),
        ({"minutes": 20, "intensity": "moderate", "modality": "exercise_bike"},
         "20 minutes at a moderate effort"),
        ({"minutes": 20, "times": 0, "intensity": "easy", "modality": "elliptical"},
         "20 minutes at an easy effort"),
        ({"minutes": 6}, "6 minutes at a moderate pace"),
        ({}, "0 minutes at a moderate pace"),
        ({"minutes": 5, "times": 4, "rest_minutes": 2, "intensity": "easy"},
         "4 bouts of 5 minutes at an easy pace, sitting down to rest 2 minutes between bouts"),
        ({"minutes": 5, "rest_minutes": 1.5, "intensity": "easy"},
         "1 bout of 5 minutes at an easy pace, sitting down to rest 1.5 minutes between bouts"),
    ],
)  # fmt: skip
def test_an_aerobic_dose_in_words(dose: dict[str, Any], text: str) -> None:
    assert describe("aerobic", dose) == text


@pytest.mark.parametrize(
    ("category", "dose", "per", "text"),
    [
        ("stretch", {"hold_seconds": 30, "reps": 2}, "leg", "Hold 30 s, twice on each leg"),
        ("stretch", {"hold_seconds": 20.5, "reps": 3}, None, "Hold 20.5 s, 3 times on each side"),
        ("stretch", {}, None, "Hold 0 s, once on each side"),
        ("stretch", {"reps": 0, "hold_seconds": 30}, None, "Hold 30 s, once on each side"),
        ("core", {"sets": 2, "reps": 10, "hold_seconds": 1}, None,
         "2 sets of 10 times, holding 1 s each time"),
        ("core", {"pattern": [5, 3, 1], "hold_seconds": 10}, "side",
         "5 holds of 10 s, then 3, then 1 on each side. Rest about 30 s between sets"),
        ("core", {"pattern": [6, 4], "hold_seconds": 5}, None,
         "6 holds of 5 s, then 4. Rest about 30 s between sets"),
        ("core", {"pattern": [6, 4], "hold_seconds": 3}, None, "6 times, then 4"),
        ("core", {"sets": 2, "reps": 10, "hold_seconds": 3}, None,
         "2 sets of 10 times, holding 3 s each time"),
        ("core", {"sets": 2, "reps": 10, "hold_seconds": 4.9}, "side",
         "2 sets of 10 times, holding 4.9 s each time on each side"),
        ("core", {"sets": 2, "reps": 10}, None, "2 sets of 10 times"),
        ("core", {"sets": 3, "reps": 5, "hold_seconds": 10}, None, "3 sets of 5 holds of 10 s"),
        ("core", {"sets": 1, "reps": 8, "hold_seconds": 5}, "side", "8 holds of 5 s on each side"),
        ("core", {"sets": 1, "reps": 8, "hold_seconds": 2}, None, "8 times, holding 2 s each time"),
        ("mobility", {"reps": 10}, None, "10 times"),
    ],
)  # fmt: skip
def test_a_held_or_counted_dose_in_words(
    category: str, dose: dict[str, Any], per: str | None, text: str
) -> None:
    assert describe(category, dose, per) == text


def test_minutes_of_a_walk_count_every_bout_and_the_rests_between() -> None:
    assert minutes("aerobic", {"minutes": 10}) == 10.0
    assert minutes("aerobic", {"minutes": 10, "times": 3}) == 30.0
    assert minutes("aerobic", {"minutes": 5, "times": 4, "rest_minutes": 2}) == 5 * 4 + 2 * 3
    assert minutes("aerobic", {"minutes": 5, "times": 1, "rest_minutes": 2}) == 5.0
    assert minutes("aerobic", {"minutes": 5, "times": 0, "rest_minutes": 2}) == 0.0
    assert minutes("aerobic", {"minutes": 5, "times": 2, "rest_minutes": None}) == 10.0


def test_minutes_of_a_stretch_count_both_sides_and_the_setup() -> None:
    assert minutes("stretch", {"hold_seconds": 30, "reps": 2}) == (SETUP_SECONDS + 2 * 2 * 30) / 60
    assert minutes("stretch", {"hold_seconds": 30}) == (SETUP_SECONDS + 2 * 30) / 60
    assert minutes("stretch", {"reps": 0, "hold_seconds": None}) == SETUP_SECONDS / 60
    assert minutes("stretch", {"reps": 0, "hold_seconds": 30}) == (SETUP_SECONDS + 2 * 30) / 60


def test_minutes_of_core_work_count_every_hold_the_pauses_and_the_rests() -> None:
    dose = {"pattern": [5, 3, 1], "hold_seconds": 10}
    one_side = SETUP_SECONDS + 9 * (10 + BETWEEN_REPS_SECONDS) + 2 * BETWEEN_SETS_SECONDS
    assert minutes("core", dose) == one_side / 60
    each = SETUP_SECONDS + 9 * 2 * (10 + BETWEEN_REPS_SECONDS) + 2 * BETWEEN_SETS_SECONDS
    assert minutes("core", dose, each_side=True) == each / 60
    assert minutes("core", {"reps": 10}) == (SETUP_SECONDS + 10 * BETWEEN_REPS_SECONDS) / 60


def test_a_shortened_dose_keeps_only_the_first_set() -> None:
    dose = {"pattern": [5, 3, 1], "sets": 3, "reps": 5, "hold_seconds": 10}
    assert shortened(dose) == {"sets": 1, "reps": 5, "hold_seconds": 10}
    assert dose["pattern"] == [5, 3, 1]  # the level's own dose is not changed
    assert shortened({"sets": 2, "reps": 10}) == {"sets": 1, "reps": 10}
    assert minutes("core", shortened(dose)) < minutes("core", dose)  # must go down


# --- choose.py ---


def screening(**kw: Any) -> Screening:
    return screen(parse_profile(base_profile(**kw)), LIBRARY.catalog, LIBRARY.rules)


@pytest.mark.parametrize(
    ("free", "count", "expected"),
    [
        (("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 3, ("mon", "wed", "fri")),
        (("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 2, ("mon", "thu")),
        (("mon", "tue", "wed"), 2, ("mon", "wed")),
        (("tue", "wed", "thu", "fri"), 3, ("tue", "wed", "thu")),  # a tie: the first wins
        (("sat", "sun", "mon"), 3, ("mon", "sat", "sun")),
        (("mon", "fri"), 2, ("mon", "fri")),
        (("wed",), 3, ("wed",)),
        (("mon", "tue"), 1, ("mon",)),
        ((), 2, ()),
    ],
)
def test_days_are_spread_to_avoid_back_to_back_days(
    free: tuple[str, ...], count: int, expected: tuple[str, ...]
) -> None:
    assert choose.spread_days(free, count) == expected


def test_the_core_set_covers_abdomen_back_and_pelvis_best_first() -> None:
    sc = screening()
    chosen = choose.core_set(sc, {})
    assert [a.exercise.group for a in chosen] == list(choose.CORE_GROUPS)
    assert len(chosen) == choose.CORE_PER_SESSION
    for allowance in chosen:
        best = choose.ranked(sc, "core", allowance.exercise.group, {})[0]
        assert allowance == best


def test_the_core_set_tops_up_from_other_groups_when_a_group_is_ruled_out() -> None:
    sc = screening()
    only_abdomen = type(sc)(**{**sc.__dict__, "allowed": tuple(
        a for a in sc.allowed if a.exercise.category != "core" or a.exercise.group == "abdomen"
    )})  # fmt: skip
    chosen = choose.core_set(only_abdomen, {})
    assert len(chosen) == choose.CORE_PER_SESSION
    assert {a.exercise.group for a in chosen} == {"abdomen"}
    assert len({a.exercise.id for a in chosen}) == choose.CORE_PER_SESSION


def test_ranking_puts_preferred_then_fewest_cautions_then_favoured_then_priority() -> None:
    sc = screening(conditions=["disc_herniation"])
    ranked = choose.ranked(sc, "mobility", None, {})
    keys = [choose._score(sc, a, 1) for a in ranked]
    assert keys == sorted(keys)
    assert choose.mobility(sc, {}) == ranked[0]
    assert choose.hamstring_stretch(sc, {}) == choose.ranked(sc, "stretch", "hamstrings", {})[0]
    assert choose.best(sc, "core", {}) == choose.ranked(sc, "core", None, {})


def test_the_score_reads_the_movements_at_the_level_reached_capped_by_the_allowance() -> None:
    sc = screening(conditions=["disc_herniation"])
    allowance = next(a for a in sc.allowed if a.max_level >= 2 and a.exercise.category == "core")
    at_top = choose._score(sc, allowance, allowance.max_level)
    beyond = choose._score(sc, allowance, allowance.max_level + 5)
    assert at_top == beyond
    favoured = sum(1 for t in allowance.exercise.movements_at(1) if t in sc.favours)
    assert choose._score(sc, allowance, 1)[2] == -favoured
    assert choose._score(sc, allowance, 1)[3:] == (
        allowance.exercise.priority,
        allowance.exercise.id,
    )


def test_an_empty_pool_chooses_nothing() -> None:
    sc = screening()
    empty = type(sc)(**{**sc.__dict__, "allowed": ()})
    assert choose.hamstring_stretch(empty, {}) is None
    assert choose.mobility(empty, {}) is None
    assert choose.core_set(empty, {}) == []
    assert choose.aerobic(empty)[0] is None


@pytest.mark.parametrize(
    ("kw", "chosen", "note"),
    [
        ({"walk_minutes": 10}, "walking", None),
        ({"walk_minutes": 10, "prefers": "exercise_bike", "equipment": ["exercise_bike"]},
         "exercise_bike", None),
        ({"walk_minutes": 10, "prefers": "exercise_bike", "equipment": []}, "walking",
         "You prefer exercise bike, but needs an exercise bike"),
        ({"walk_minutes": 0}, "chair_exercise", "Walking is hard for you right now, so chair"),
        ({"walk_minutes": 0, "equipment": ["exercise_bike"]}, "exercise_bike",
         "Walking is hard for you right now, so exercise bike"),
        ({"walk_minutes": 10, "clearance": "not_yet"}, "walking", None),
        ({"walk_minutes": 0, "clearance": "not_yet"}, None,
         "No walking is planned because you cannot walk comfortably yet."),
        ({"walk_minutes": 10, "clearance": "not_yet", "limits": ["wheelchair_user"]}, None,
         "No walking is planned because you cannot walk comfortably yet."),
    ],
)  # fmt: skip
def test_the_aerobic_choice(kw: dict[str, Any], chosen: str | None, note: str | None) -> None:
    allowance, notes = choose.aerobic(screening(**kw))
    assert (allowance.exercise.id if allowance else None) == chosen
    if note is None:
        assert notes == []
    else:
        assert len(notes) == 1 and notes[0].startswith(note)


def test_a_condition_that_prefers_an_aerobic_exercise_puts_it_first() -> None:
    sc = screening(conditions=["spinal_stenosis"], equipment=["exercise_bike"], walk_minutes=10)
    preferred = [
        p for p in sc.prefers if (a := sc.allowance(p)) and a.exercise.category == "aerobic"
    ]
    allowance, notes = choose.aerobic(sc)
    if preferred:
        assert allowance is not None and allowance.exercise.id == preferred[0]
        assert notes[0].endswith("it suits your back condition, and you have one.")
    non_aerobic = [
        p for p in sc.prefers if (a := sc.allowance(p)) and a.exercise.category != "aerobic"
    ]
    assert all(p != (allowance.exercise.id if allowance else None) for p in non_aerobic)


def test_no_aerobic_exercise_at_all_says_so() -> None:
    sc = screening(walk_minutes=0)
    none = type(sc)(**{**sc.__dict__, "allowed": tuple(
        a for a in sc.allowed if a.exercise.category != "aerobic"
    )})  # fmt: skip
    allowance, notes = choose.aerobic(none)
    assert allowance is None
    assert notes == [
        "No aerobic exercise is planned: walking is not comfortable yet and no alternative "
        "(bike, elliptical, pool) is available. Ask your doctor or physiotherapist how to start."
    ]


def test_the_best_list_ranks_by_the_levels_reached() -> None:
    # with axial spondyloarthritis a higher side-bridge level changes what it favours
    sc = screening(conditions=["axial_spondyloarthritis"], age=70)
    levels = {"side_bridge": 4}
    assert choose.ranked(sc, "core", None, levels) != choose.ranked(sc, "core", None, {})
    assert choose.best(sc, "core", levels) == choose.ranked(sc, "core", None, levels)


def test_the_score_counts_the_favoured_movements_of_every_exercise() -> None:
    sc = screening(conditions=["disc_herniation"])
    assert sc.favours
    for allowance in sc.allowed:
        tags = allowance.exercise.movements_at(1)
        assert choose._score(sc, allowance, 1)[2] == -sum(1 for t in tags if t in sc.favours)


def test_no_hamstring_stretch_allowed_means_none_even_with_other_stretches() -> None:
    sc = screening()
    others = replace(sc, allowed=tuple(a for a in sc.allowed if a.exercise.group != "hamstrings"))
    assert any(a.exercise.category == "stretch" for a in others.allowed)
    assert choose.hamstring_stretch(others, {}) is None


def test_the_core_set_ranks_by_the_levels_reached() -> None:
    # with axial spondyloarthritis the side bridge at level 4 moves up; with no pelvis exercise
    # allowed, the third place is topped up from that ranking
    sc = screening(conditions=["axial_spondyloarthritis"], age=70)
    keep = {"abdominal_bracing", "side_bridge", "back_extension", "bird_dog"}
    few = replace(sc, allowed=tuple(
        a for a in sc.allowed if a.exercise.category != "core" or a.exercise.id in keep
    ))  # fmt: skip
    assert [a.exercise.id for a in choose.core_set(few, {"side_bridge": 4})] == [
        "abdominal_bracing", "back_extension", "side_bridge"
    ]  # fmt: skip
    assert [a.exercise.id for a in choose.core_set(few, {})] == [
        "abdominal_bracing", "back_extension", "bird_dog"
    ]  # fmt: skip


def test_a_person_who_can_walk_one_minute_walks() -> None:
    allowance, _ = choose.aerobic(screening(walk_minutes=1))
    assert allowance is not None and allowance.exercise.id == "walking"


def test_walking_ruled_out_for_safety_says_why_its_stand_in_is_planned() -> None:
    sc = screening(limits=["wheelchair_user"], walk_minutes=10)
    walk_out = sc.exclusion("walking")
    assert walk_out is not None and walk_out.kind == "safety"
    allowance, notes = choose.aerobic(sc)
    assert allowance is not None and allowance.exercise.id != "walking"
    reason = walk_out.reasons[0]
    assert notes == [
        f"{allowance.exercise.name} takes the place of walking. Walking is left out: "
        f"{reason[:1].lower()}{reason[1:]}"
    ]
