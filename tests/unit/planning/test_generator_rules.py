"""The week builder one rule at a time (generator.py): which days hold core work and walks, how a
day is fitted into the person's minutes, and how the walk is dosed. Every shortened dose must go
down. Written from the mutants that survived ``scripts/mutation`` (docs/architecture.md)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright import bootstrap
from upright.domain import vocab
from upright.domain.planning import generator as gen
from upright.domain.planning.dose import minutes as dose_minutes
from upright.domain.planning.plan import PlanItem
from upright.domain.profile import parse_profile
from upright.domain.progression import walking
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Screening, screen

LIBRARY = bootstrap.library()


def screening(**kw: Any) -> Screening:
    return screen(parse_profile(base_profile(**kw)), LIBRARY.catalog, LIBRARY.rules)


def state(step: int = 1, **kw: Any) -> ProgressState:
    return ProgressState(walking_step=step, walking_reasons=("Because.",), **kw)


def walk_item(sc: Screening, st: ProgressState) -> PlanItem:
    choice = sc.allowance("walking")
    assert choice is not None
    return gen._aerobic_item(sc, choice, st)[0]


# --- days ---


@pytest.mark.parametrize(
    ("free", "count", "expected"),
    [
        (("mon", "wed"), 7, vocab.DAYS),
        (("mon", "wed"), 8, vocab.DAYS),
        (("mon", "wed", "fri"), 2, ("mon", "fri")),
        (("mon", "wed", "fri"), 3, ("mon", "wed", "fri")),
        (("mon",), 3, ("mon", "tue", "fri")),
        (("sat",), 2, ("mon", "sat")),
        (("mon", "tue"), 4, ("mon", "tue", "wed", "sat")),
        (("mon", "wed", "fri"), 6, ("mon", "tue", "wed", "thu", "fri", "sat")),
        ((), 0, ()),
    ],
)
def test_days_fill_the_free_days_first_then_the_others_in_week_order(
    free: tuple[str, ...], count: int, expected: tuple[str, ...]
) -> None:
    assert gen._fill_days(free, count) == expected


@pytest.mark.parametrize(
    ("free", "expected"),
    [
        (vocab.DAYS, ("mon", "wed", "fri")),
        (("mon", "tue", "wed"), ("mon", "tue", "wed")),
        (("tue", "fri"), ("tue", "fri")),
        (("wed",), ("mon", "wed")),
        ((), ("mon", "thu")),
    ],
)
def test_core_goes_on_three_days_when_there_are_three_free_days_and_never_fewer_than_two(
    free: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert gen._core_days(free) == expected
    assert gen.CORE_DAYS_MIN <= len(expected) <= gen.CORE_DAYS_MAX


def test_walks_go_on_other_days_than_the_core_work_when_both_do_not_fit() -> None:
    free = ("mon", "wed", "fri")
    assert gen._walking_days(free, 3, free, tight=False) == free
    assert gen._walking_days(free, 3, free, tight=True) == ("tue", "thu", "sat")
    assert gen._walking_days(free, 5, free, tight=True) == ("mon", "tue", "thu", "sat", "sun")


# --- fitting a day into the person's minutes ---


def walk(minutes: int, times: int, rest: int = 0) -> PlanItem:
    dose: dict[str, Any] = {"minutes": minutes, "times": times, "modality": "walking",
                            "intensity": "easy"}  # fmt: skip
    if rest:
        dose["rest_minutes"] = rest
    return PlanItem("walking", "Walking", "aerobic", (), dose, ("w",),
                    est_minutes=dose_minutes("aerobic", dose))  # fmt: skip


def core(name: str, est: float, pattern: list[int] | None = None) -> PlanItem:
    dose: dict[str, Any] = {"pattern": pattern, "hold_seconds": 10} if pattern else {"reps": 5}
    return PlanItem(name, name.title(), "core", (), dose, ("c",), est_minutes=est)


@pytest.mark.parametrize(
    ("item", "room", "expected"),
    [
        (walk(10, 2), 20, (10, 2)),
        (walk(10, 2), 19, (10, 1)),
        (walk(10, 2), 10, (10, 1)),
        (walk(10, 2), 9, (9, 1)),
        (walk(10, 2), 1, (gen.MIN_BOUT, 1)),
        (walk(10, 3, rest=2), 34, (10, 3)),
        (walk(10, 3, rest=2), 33, (10, 2)),
        (walk(10, 3, rest=2), 22, (10, 2)),
        (walk(10, 3, rest=2), 21, (10, 1)),
        (walk(10, 3, rest=2), 7, (7, 1)),
    ],
)
def test_a_walk_is_shortened_to_the_room_left_first_by_bouts_then_by_minutes(
    item: PlanItem, room: float, expected: tuple[int, int]
) -> None:
    short = gen._shorten_walk(item, room, 25)
    assert (short.dose["minutes"], short.dose["times"]) == expected
    if expected == (item.dose["minutes"], item.dose["times"]):
        assert short is item
    else:
        assert short.est_minutes < item.est_minutes  # must go down
        assert short.why[-1] == (
            "Shortened to fit the 25 minutes you have on this day, with your core work."
        )
        assert short.dose["text"] == gen.doses.describe("aerobic", short.dose)


def test_a_day_that_fits_is_left_as_it_is() -> None:
    items, notes = gen._fit(60, walk(10, 2), [core("a", 5)], [core("b", 5)], [core("m", 3)])
    assert [i.id for i in items] == ["walking", "m", "a", "b"] and notes == []


def test_the_order_of_give_extras_then_extra_core_then_the_walk_then_sets() -> None:
    # 30 minutes: walk 20 + needed core 8 = 28: the extra core (5) and mobility (3) do not fit
    items, notes = gen._fit(30, walk(10, 2), [core("a", 8)], [core("b", 5)], [core("m", 3)])
    assert [i.id for i in items] == ["walking", "a"]
    assert notes == ["M left out today to fit your 30 minutes."]
    # 25 minutes: the walk gives up a bout before the core work goes
    items, notes = gen._fit(25, walk(10, 2), [core("a", 8)], [], [])
    assert items[0].dose["times"] == 1 and [i.id for i in items] == ["walking", "a"]
    assert notes == []


def test_core_work_drops_to_its_first_set_then_moves_to_another_day_but_one_always_stays() -> None:
    needed = [core("a", 6, [5, 3, 1]), core("b", 6, [5, 3]), core("c", 6)]
    items, notes = gen._fit(12, None, needed, [], [])
    first = [i for i in items if i.id == "a"][0]
    assert first.dose["sets"] == 1 and "pattern" not in first.dose
    assert first.why[-1] == "Only the first set today, to fit your time."
    assert first.est_minutes < 6  # must go down
    assert [i for i in items if i.id == "c"] == [] or len(items) <= 3
    items, notes = gen._fit(1, None, [core("a", 6), core("b", 6)], [], [])
    assert [i.id for i in items] == ["a"]
    assert notes == [
        "B moves to another core day this week to fit your time.",
        "Today runs a little over your 1 minutes so that your core work is kept.",
    ]


def test_a_day_exactly_at_the_budget_is_not_over_it() -> None:
    items, notes = gen._fit(10, None, [core("a", 10)], [core("b", 0.01)], [core("m", 0)])
    assert notes == [] and [i.id for i in items] == ["m", "a"]
    items, notes = gen._fit(10, None, [core("a", 10.02)], [], [])
    assert notes == ["Today runs a little over your 10 minutes so that your core work is kept."]


# --- the walk's dose ---


def test_a_person_not_cleared_walks_the_first_step_whatever_their_state() -> None:
    item = walk_item(screening(clearance="not_yet", walk_minutes=30), state(6))
    first = walking.step(1)
    assert (item.dose["minutes"], item.dose["times"]) == (first.minutes, first.times)
    assert "Until a doctor clears you, this gentle walking starter is the whole plan." in item.why
    cleared = walk_item(screening(walk_minutes=30), state(6))
    assert cleared.dose["minutes"] == walking.step(6).minutes
    assert "Until a doctor clears you" not in " ".join(cleared.why)


def test_the_walk_says_its_step_and_the_states_reasons() -> None:
    item = walk_item(screening(walk_minutes=30), state(4))
    ladder = walking.step(4)
    assert item.why[0] == gen.WHY_WALKING
    assert f"Walking ladder step 4 of {walking.TOP_STEP}: {ladder.describe()}." in item.why
    assert "Because." in item.why
    assert item.name == gen.NAME_BY_PACE[ladder.intensity]
    assert item.dose["intensity"] == ladder.intensity and item.dose["modality"] == "walking"
    assert item.est_minutes == ladder.minutes * ladder.times
    easy = walk_item(screening(walk_minutes=30), state(1))
    assert easy.why[-1].startswith("For now, walk at an easy pace")
    assert "brisk from step 7 of the walking ladder. This walk is step 1" in easy.why[-1]
    # never words that change with the day the note is read on ("next week" on next week's day)
    for step in range(1, 7):
        note = walk_item(screening(walk_minutes=30), state(step)).why[-1]
        assert "next week" not in note and "at the earliest" not in note
    assert any(w.startswith("For now, walk at a moderate pace") for w in item.why)
    brisk = walk_item(screening(walk_minutes=30), state(7))
    assert brisk.dose["intensity"] == "brisk" and brisk.name == "Brisk walking"
    assert not any(w.startswith("For now, walk at") for w in brisk.why)


@pytest.mark.parametrize(("cap", "expected"), [(3, 3), (5, 5), (9, 5)])
def test_a_short_walk_cap_lowers_the_walk_never_raises_it(cap: int, expected: int) -> None:
    item = walk_item(screening(walk_minutes=30), state(1, walk_bout_cap=cap))
    assert item.dose["minutes"] == expected
    assert item.dose["minutes"] <= walking.step(1).minutes


def test_another_modality_is_dosed_to_the_same_effort_as_the_walk() -> None:
    sc = screening(walk_minutes=30, prefers="exercise_bike", equipment=["exercise_bike"])
    bike = sc.allowance("exercise_bike")
    assert bike is not None and bike.exercise.met
    for number in (1, 7):
        ladder = walking.step(number)
        item, days = gen._aerobic_item(sc, bike, state(number))
        expected = max(gen.MIN_BOUT, round(ladder.minutes * walking.WALK_MET[ladder.intensity]
                                           / bike.exercise.met))  # fmt: skip
        assert item.dose["minutes"] == expected and days == ladder.days
        assert item.dose["intensity"] == ("easy" if ladder.intensity == "easy" else "moderate")
        assert item.name == bike.exercise.name and item.dose["modality"] == "exercise_bike"
        assert item.why[0].startswith(f"{bike.exercise.name} in place of walking, dosed to")
        assert f"equals about {expected} minutes here at {bike.exercise.met} MET" in item.why[-1]


def test_a_same_minutes_alternative_keeps_the_walks_minutes_at_a_moderate_effort() -> None:
    sc = screening(walk_minutes=0)
    chair = sc.allowance("chair_exercise")
    assert chair is not None and chair.exercise.same_minutes
    ladder = walking.step(7)
    item, _ = gen._aerobic_item(sc, chair, state(7))
    assert item.dose["minutes"] == ladder.minutes and item.dose["intensity"] == "moderate"
    assert "for the same minutes" in item.why[0]
    easy, _ = gen._aerobic_item(sc, chair, state(1))
    assert easy.dose["intensity"] == "easy"


@pytest.mark.parametrize(
    ("comfortable", "step", "bouts"),
    [
        (gen.MIN_BOUT - 1, 7, None),
        (gen.MIN_BOUT, 7, (gen.MIN_BOUT, gen.MAX_BOUTS)),
        (4, 7, (4, 5)),
        (6, 4, (6, 4)),
        (walking.step(4).minutes, 4, None),
    ],
)
def test_interval_walking_splits_the_walk_into_bouts_of_the_comfortable_time(
    comfortable: int, step: int, bouts: tuple[int, int] | None
) -> None:
    sc = screening(conditions=["spinal_stenosis"], walk_minutes=comfortable)
    item = walk_item(sc, state(step))
    ladder = walking.step(step)
    if bouts is None:
        assert "rest_minutes" not in item.dose
        assert item.dose["minutes"] == ladder.minutes
    else:
        assert (item.dose["minutes"], item.dose["times"]) == bouts
        assert item.dose["rest_minutes"] == gen.REST_MINUTES
        assert item.dose["times"] == min(
            gen.MAX_BOUTS, math.ceil(ladder.minutes * ladder.times / comfortable)
        )
        assert f"Walked in bouts of {comfortable} minutes" in item.why[-1]
        assert f"a {gen.REST_MINUTES}-minute sit-down rest" in item.why[-1]


def test_standing_limits_also_walk_in_bouts_and_a_clinicians_limit_sets_the_bout() -> None:
    stands = walk_item(screening(limits=["cannot_stand_long"], walk_minutes=4), state(7))
    assert stands.dose["minutes"] == 4 and stands.dose["rest_minutes"] == gen.REST_MINUTES
    limited = walk_item(screening(conditions=["spinal_stenosis"], walk_minutes=30,
                                  max_walk_minutes=5), state(7))  # fmt: skip
    assert limited.dose["minutes"] == 5 and "rest_minutes" in limited.dose
    plain = walk_item(screening(walk_minutes=4), state(7))
    assert "rest_minutes" not in plain.dose


@pytest.mark.parametrize(
    ("limit", "step", "expected"),
    [
        (10, 7, (10, 2)),
        (20, 7, (20, 1)),
        (19, 7, (10, 2)),
        (4, 9, (4, gen.MAX_TIMES)),
        (7, 9, (7, 4)),
    ],
)
def test_a_clinicians_walking_limit_splits_a_longer_walk_into_shorter_ones(
    limit: int, step: int, expected: tuple[int, int]
) -> None:
    ladder = walking.step(step)
    item = walk_item(screening(walk_minutes=60, max_walk_minutes=limit), state(step))
    assert (item.dose["minutes"], item.dose["times"]) == expected
    assert item.dose["minutes"] <= limit  # must go down to the limit
    total = ladder.minutes * ladder.times
    if ladder.minutes > limit:
        assert item.dose["times"] == min(gen.MAX_TIMES, math.ceil(total / limit))
        assert item.why[-1] == (
            f"Your clinician's limit is {limit} minutes for one walk, so the time is split into "
            f"{item.dose['times']} shorter walks of {item.dose['minutes']} minutes."
        )


# --- the other items ---


def test_a_stretch_says_why_by_its_hold() -> None:
    assert gen._stretch_why({"hold_seconds": 30}).endswith(
        "Holding 30 seconds works as well as holding 60."
    )
    assert gen._stretch_why({}).endswith("Holding 30 seconds works as well as holding 60.")
    short = gen._stretch_why({"hold_seconds": 29})
    assert "shorter holds of 29 seconds and builds up to 30 seconds" in short


def test_a_stretch_is_done_on_each_leg_or_side_and_core_only_when_the_level_says() -> None:
    strap = LIBRARY.catalog.get("hamstring_strap")
    hips = LIBRARY.catalog.get("hip_flexor_stretch")
    bird = LIBRARY.catalog.get("bird_dog")
    bridge = LIBRARY.catalog.get("glute_bridge")
    assert strap and hips and bird and bridge
    assert gen._per(strap, 1) == "leg" and gen._per(hips, 1) == "side"
    assert gen._per(bird, 1) == "side" and gen._per(bridge, 1) is None


def test_a_level_item_is_held_at_what_screening_allows_and_says_why() -> None:
    sc = screening()
    allowance = sc.allowance("bird_dog")
    assert allowance is not None
    held = type(allowance)(allowance.exercise, 2, ("Levels 3 and up are not for you: x",))
    item = gen._level_item(held, state(levels={"bird_dog": 4},
                                       level_reasons={"bird_dog": ("Up one level.",)}), "Core.")  # fmt: skip
    assert item.level == 2 and item.why[0] == "Core."
    assert "Held at level 2: Levels 3 and up are not for you: x" in item.why
    assert "Up one level." in item.why
    assert (
        f"Level 2 of {allowance.exercise.top_level}: {allowance.exercise.level(2).name}."
        in item.why
    )
    free = gen._level_item(held, state(levels={"bird_dog": 1}), "Core.")
    assert free.level == 1 and "Levels 3 and up are not for you: x" in free.why
    assert not any(w.startswith("Held at level") for w in free.why)
    assert free.dose["pattern"] == list(allowance.exercise.level(1).pattern)
    assert free.est_minutes == dose_minutes(
        "core", free.dose, allowance.exercise.level(1).each_side
    )


def test_an_empty_pillar_is_named_with_its_reason_only_for_a_cleared_person() -> None:
    sc = screening()
    assert gen._empty_pillars(sc, True, True) == []
    notes = gen._empty_pillars(sc, False, False)
    assert notes[0].startswith(
        "No core exercise suits you right now, so this part of the plan is empty"
    )
    assert notes[1].startswith("No hamstring stretch suits you right now")
    assert gen._empty_pillars(screening(clearance="not_yet"), False, False) == []
    assert gen._empty_pillars(screening(red_flags=["night_pain"]), False, False) == []


def test_an_empty_pillar_quotes_the_first_exclusion_of_its_kind() -> None:
    sc = screening(limits=["cannot_get_to_floor"])
    notes = gen._empty_pillars(sc, False, False)
    core_out = [e for e in sc.excluded if e.exercise.category == "core"]
    stretch_out = [e for e in sc.excluded if e.exercise.group == "hamstrings"]
    assert notes[0].endswith(f": {core_out[0].reasons[0]}" if core_out else ".")
    assert notes[1].endswith(f": {stretch_out[0].reasons[0]}" if stretch_out else ".")


# --- the week ---


def test_a_doctor_advising_against_exercise_gives_an_empty_week_that_says_why() -> None:
    plan = gen.build_plan(screening(clearance="advised_against"), MONDAY, state())
    assert plan.stop is None and all(d.items == () for d in plan.days)
    assert plan.notes[0].startswith("Your doctor has advised against exercise for now")
    assert [d.date for d in plan.days] == [MONDAY + gen.timedelta(days=n) for n in range(7)]


def test_a_stopped_week_is_empty_and_keeps_the_stop() -> None:
    sc = screening(red_flags=["saddle_numbness"])
    plan = gen.build_plan(sc, MONDAY + gen.timedelta(days=3), state())
    assert plan.stop == sc.stop and plan.week_start == MONDAY
    assert all(d.items == () for d in plan.days)
    assert not any(n.startswith("Your doctor has advised") for n in plan.notes)


def test_core_on_more_days_than_free_ones_names_the_added_days() -> None:
    plan = gen.build_plan(screening(days=["wed"]), MONDAY, state())
    assert (
        f"Core work needs at least {gen.CORE_DAYS_MIN} days a week, so it also goes on Monday. "
        "Change your free days to move it."
    ) in plan.notes
    core_days = [d.date.weekday() for d in plan.days if any(i.category == "core" for i in d.items)]
    assert core_days == [0, 2]


def test_the_week_records_where_the_person_stands() -> None:
    plan = gen.build_plan(screening(walk_minutes=30), MONDAY, state(4, levels={"bird_dog": 2}))
    assert plan.progress == {
        "walking_step": 4,
        "mode": "start",
        "levels": {"bird_dog": 2},
        "walking": walking.step(4).describe(),
    }


def test_every_day_holds_the_stretch_and_core_days_hold_every_group_in_turn() -> None:
    plan = gen.build_plan(screening(walk_minutes=30), MONDAY, state(4))
    for day in plan.days:
        assert day.items and any(i.category == "stretch" for i in day.items)
    core_days = [d for d in plan.days if any(i.category == "core" for i in d.items)]
    assert [d.date.weekday() for d in core_days] == [0, 2, 4]
    groups = {i.group for d in core_days for i in d.items if i.category == "core"}
    assert groups == {"abdomen", "back", "pelvis"}
    assert all(any(i.category == "mobility" for i in d.items) for d in core_days)
    walk_days = [d for d in plan.days if any(i.category == "aerobic" for i in d.items)]
    assert len(walk_days) == walking.step(4).days


def test_a_tight_day_puts_the_walks_on_the_days_without_core_work() -> None:
    plan = gen.build_plan(screening(walk_minutes=30, minutes_per_day=30), MONDAY, state(8))
    for day in plan.days:
        kinds = {i.category for i in day.items}
        assert not {"aerobic", "core"} <= kinds
    roomy = gen.build_plan(screening(walk_minutes=30, minutes_per_day=240), MONDAY, state(8))
    both = [d for d in roomy.days if {"aerobic", "core"} <= {i.category for i in d.items}]
    assert both


def test_warning_signs_of_a_rule_go_on_every_item() -> None:
    sc = screening(conditions=["pregnancy"], pregnancy_week=20)
    signs = tuple(dict.fromkeys(w for r in sc.rules for w in r.warning_signs))
    assert signs
    plan = gen.build_plan(sc, MONDAY, state())
    items = [i for d in plan.days for i in d.items]
    assert items and all(i.warnings == signs for i in items)


def test_a_changed_dose_is_described_and_timed_again_on_each_side_when_it_was() -> None:
    sided = PlanItem("bird_dog", "Bird dog", "core", (), {"text": "5 holds of 10 s on each side"},
                     ("c",), est_minutes=9.0)  # fmt: skip
    dose = {"sets": 1, "reps": 5, "hold_seconds": 10}
    changed = gen._with_dose(sided, dict(dose), "Note.")
    assert changed.dose["text"] == "5 holds of 10 s on each side"
    assert changed.est_minutes == dose_minutes("core", dose, True)
    assert changed.why == ("c", "Note.")
    one_side = replace(sided, dose={"text": "5 holds of 10 s"})
    plain = gen._with_dose(one_side, dict(dose), "Note.")
    assert plain.dose["text"] == "5 holds of 10 s"
    assert plain.est_minutes == dose_minutes("core", dose, False) < changed.est_minutes
    no_text = gen._with_dose(replace(sided, dose={}), dict(dose), "Note.")
    assert no_text.dose["text"] == "5 holds of 10 s"
    walk_dose = {"minutes": 5, "times": 2, "intensity": "easy"}
    walked = gen._with_dose(walk(10, 2), dict(walk_dose), "Shorter.")
    assert walked.dose["text"] == "5 minutes at an easy pace, twice a day"
    assert walked.est_minutes == 10.0


def test_a_level_item_names_its_level_describes_its_dose_and_times_it() -> None:
    sc = screening()
    bird = sc.allowance("bird_dog")
    strap = sc.allowance("hamstring_strap")
    assert bird is not None and strap is not None
    item = gen._level_item(bird, state(), "Core.")
    first = bird.exercise.level(1)
    assert item.name == bird.exercise.name and item.level_name == first.name
    assert item.dose["text"] == gen.doses.describe("core", item.dose, "side")
    assert item.dose["text"].endswith(" on each side. Rest about 30 s between sets")
    stretch = gen._level_item(strap, state(), None)
    assert stretch.dose["text"] == gen.doses.describe("stretch", stretch.dose, "leg")
    assert stretch.est_minutes == dose_minutes("stretch", stretch.dose)
    assert stretch.why[0] == gen._stretch_why(stretch.dose)


def test_a_level_above_the_top_is_held_at_the_top_without_a_borrowed_reason() -> None:
    sc = screening()
    bird = sc.allowance("bird_dog")
    assert bird is not None and bird.limits == ()
    top = bird.exercise.top_level
    item = gen._level_item(bird, state(levels={"bird_dog": top + 2}), "Core.")
    assert item.level == top and f"Held at level {top}: " in item.why


def test_a_changed_stretch_dose_is_described_as_a_stretch() -> None:
    strap = PlanItem("hamstring_strap", "Strap", "stretch", (), {"text": "x"}, (), est_minutes=1.0)
    changed = gen._with_dose(strap, {"hold_seconds": 30, "reps": 2}, "Note.")
    assert changed.dose["text"] == "Hold 30 s, twice on each side"


def test_a_day_that_fits_exactly_keeps_every_set_and_every_core_exercise() -> None:
    pyramid = core("a", 5, [5, 3, 1])
    items, notes = gen._fit(10, None, [pyramid, core("b", 5)], [], [])
    assert [i.id for i in items] == ["a", "b"] and notes == []
    assert items[0].dose == pyramid.dose  # not cut to its first set
    items, _ = gen._fit(20, walk(10, 1), [pyramid], [], [])
    assert items[1].dose == pyramid.dose


def test_every_core_exercise_over_the_time_drops_to_its_first_set() -> None:
    needed = [core("a", 6, [5, 3, 1]), core("b", 6, [5, 3])]
    items, _ = gen._fit(5, None, needed, [], [])
    assert [i.dose.get("sets") for i in items] == [1, 1]  # both cut, both kept
    items, _ = gen._fit(11, None, needed, [], [])
    assert [(i.id, i.dose.get("sets")) for i in items][:2] == [("a", 1), ("b", 1)]


def test_a_day_a_hundredth_over_is_not_said_to_run_over() -> None:
    items, notes = gen._fit(10, None, [core("a", 10 + 0.01)], [], [])
    assert notes == [] and [i.id for i in items] == ["a"]


def test_extras_that_fit_one_by_one_but_not_together() -> None:
    items, notes = gen._fit(10, None, [core("a", 4)], [core("b", 3)], [core("m", 3), core("n", 3)])
    assert [i.id for i in items] == ["m", "a", "b"]
    assert notes == ["N left out today to fit your 10 minutes."]
    exact, _ = gen._fit(10, None, [core("a", 4)], [core("b", 6)], [])
    assert [i.id for i in exact] == ["a", "b"]  # an extra core exercise that fits exactly stays


@pytest.mark.parametrize(
    ("limit", "step", "expected"), [(5, 4, (5, 4)), (1, 1, (1, 4)), (7, 4, (6, 3))]
)
def test_a_clinicians_limit_splits_the_whole_weeks_walk_into_whole_minutes(
    limit: int, step: int, expected: tuple[int, int]
) -> None:
    item = walk_item(screening(walk_minutes=60, max_walk_minutes=limit), state(step))
    assert (item.dose["minutes"], item.dose["times"]) == expected
    assert isinstance(item.dose["minutes"], int) and item.group == "whole_body"


def test_a_stopped_or_advised_against_week_keeps_its_facts() -> None:
    sc = screening(clearance="advised_against", pain_weeks=10, conditions=["unknown"])
    plan = gen.build_plan(sc, MONDAY, state(3, levels={"bird_dog": 2}))
    assert plan.clearance == "advised_against" and plan.conflicts == sc.conflicts
    assert plan.notes[0].startswith("Your doctor has advised against exercise for now")
    assert any(n.startswith("Your pain has lasted") for n in plan.notes[1:])
    assert plan.progress == {"walking_step": 3, "mode": "start", "levels": {"bird_dog": 2}}
    assert [(e.id, e.name, e.reasons, e.kind) for e in plan.excluded] == [
        (e.exercise.id, e.exercise.name, e.reasons, e.kind) for e in sc.excluded
    ]


def test_the_week_lists_what_was_left_out_by_name() -> None:
    sc = screening(equipment=[])
    plan = gen.build_plan(sc, MONDAY, state())
    strap = [e for e in plan.excluded if e.id == "hamstring_strap"][0]
    assert strap.name == LIBRARY.catalog.get("hamstring_strap").name  # type: ignore[union-attr]
    assert strap.kind == "equipment"


def test_each_kind_of_item_says_its_own_why() -> None:
    plan = gen.build_plan(screening(walk_minutes=30), MONDAY, state(4))
    items = [i for d in plan.days for i in d.items]
    assert {i.why[0] for i in items if i.category == "core"} == {gen.WHY_CORE}
    assert {i.why[0] for i in items if i.category == "mobility"} == {gen.WHY_MOBILITY}
    older = gen.build_plan(screening(age=70, conditions=["osteoporosis"]), MONDAY, state(4))
    balance = [i for d in older.days for i in d.items if i.category == "balance"]
    assert balance and {i.why[0] for i in balance} == {gen.WHY_PROGRAM["balance"]}


def test_core_work_turns_round_the_core_days() -> None:
    plan = gen.build_plan(screening(walk_minutes=5, minutes_per_day=240), MONDAY, state())
    by_day = [[i.id for i in d.items if i.category == "core"] for d in plan.days]
    core_days = [ids for ids in by_day if ids]
    assert len(core_days) == 3 and all(len(ids) == 3 for ids in core_days)
    first = core_days[0]
    assert core_days[1] == first[1:] + first[:1] and core_days[2] == first[2:] + first[:2]


def test_an_empty_pillar_is_named_in_the_plan() -> None:
    sc = screening()
    no_core = replace(sc, allowed=tuple(a for a in sc.allowed if a.exercise.category != "core"))
    notes = gen.build_plan(no_core, MONDAY, state()).notes
    assert any(n.startswith("No core exercise suits you right now") for n in notes)
    assert not any(n.startswith("No hamstring stretch") for n in notes)
    no_stretch = replace(
        sc, allowed=tuple(a for a in sc.allowed if a.exercise.group != "hamstrings")
    )
    notes = gen.build_plan(no_stretch, MONDAY, state()).notes
    assert any(n.startswith("No hamstring stretch suits you right now") for n in notes)
    assert not any(n.startswith("No core exercise") for n in notes)


def test_without_core_work_no_day_is_a_core_day_and_walks_go_anywhere() -> None:
    sc = screening(days=["mon", "wed", "fri"], minutes_per_day=10, walk_minutes=30)
    no_core = replace(sc, allowed=tuple(a for a in sc.allowed if a.exercise.category != "core"))
    plan = gen.build_plan(no_core, MONDAY, state(7))
    walk_days = tuple(vocab.DAYS[d.date.weekday()] for d in plan.days
                      if any(i.category == "aerobic" for i in d.items))  # fmt: skip
    assert walk_days == gen._fill_days(vocab.DAYS, walking.step(7).days)
    assert not any(n.startswith("Core work needs") for n in plan.notes)
    one_day = replace(no_core, profile=replace(no_core.profile, days=("wed",)))
    assert not any(
        n.startswith("Core work needs") for n in gen.build_plan(one_day, MONDAY, state()).notes
    )


def test_three_free_days_need_no_extra_core_day() -> None:
    plan = gen.build_plan(screening(days=["mon", "wed", "fri"]), MONDAY, state())
    assert not any(n.startswith("Core work needs") for n in plan.notes)


def test_a_short_day_holds_its_share_of_the_core_work_without_moving_any() -> None:
    plan = gen.build_plan(screening(minutes_per_day=8, walk_minutes=5), MONDAY, state())
    core_days = [d for d in plan.days if any(i.category == "core" for i in d.items)]
    assert core_days
    for day in core_days:
        assert not any("moves to another core day" in n for n in day.notes)
