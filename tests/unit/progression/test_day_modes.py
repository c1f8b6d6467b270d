"""Same-day answers: logged red flags, leg symptoms, the flare line and flare mode (§3.1, §4.7)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.conftest import base_profile
from upright.domain.errors import HistoryError
from upright.domain.planning.plan import Plan
from upright.domain.progression import pain
from upright.domain.progression.day_modes import flare_walk
from upright.domain.tracking.logs import parse_history
from upright.services.library import Library
from upright.services.planning import plan_from_data

MON = date(2026, 11, 2)
WALK = [{"id": "walking", "status": "done"}]


def day(offset: int, **fields: Any) -> dict[str, Any]:
    return {"date": (MON + timedelta(days=offset)).isoformat(), "items": WALK, **fields}


def calm_weeks(weeks: int = 2, pain_level: int = 2) -> list[dict[str, Any]]:
    return [day(i, pain_before=pain_level, pain_during=pain_level) for i in range(7 * weeks)]


def plan(library: Library, history: list[dict[str, Any]], on: int, **kw: Any) -> Plan:
    profile = base_profile(**kw)
    return plan_from_data(profile, MON + timedelta(days=on), library, history)


def modes(p: Plan) -> list[str]:
    return [d.mode for d in p.days]


def walk_total(p: Plan, offset: int) -> float:
    found = p.day(MON + timedelta(days=offset))
    assert found is not None
    return sum(i.dose["minutes"] * i.dose["times"] for i in found.items if i.category == "aerobic")


# ------------------------------------------------------------------ the history contract


@pytest.mark.parametrize(
    ("session", "field", "allowed"),
    [
        ({"leg_symptoms": "tingly"}, "leg_symptoms", "new_numbness_or_weakness"),
        ({"red_flags": ["dizzy"]}, "red_flags", "saddle_numbness"),
        ({"red_flags": "saddle_numbness"}, "red_flags", "saddle_numbness"),
    ],
)
def test_bad_safety_answers_name_the_field_and_the_words(
    session: dict[str, Any], field: str, allowed: str
) -> None:
    with pytest.raises(HistoryError) as caught:
        parse_history({"sessions": [day(0, **session)]}, ["walking"])
    assert caught.value.field == f"sessions[0].{field}"
    assert allowed in str(caught.value)


def test_safety_answers_round_trip_and_empty_means_answered_no() -> None:
    raw = [day(0, leg_symptoms="same", red_flags=[]), day(1)]
    first, second = parse_history({"sessions": raw}, ["walking"])
    assert first.checked and first.red_flags == () and first.leg_symptoms == "same"
    assert not second.checked
    assert first.to_json()["red_flags"] == [] and "red_flags" not in second.to_json()


# ------------------------------------------------------------------ logged red flags


@pytest.mark.parametrize(
    ("flag", "level"),
    [("saddle_numbness", "emergency"), ("fever_or_unwell", "same_day"), ("night_pain", "soon")],
)
def test_a_logged_red_flag_stops_the_plan_at_its_level_from_that_day(
    library: Library, flag: str, level: str
) -> None:
    history = [*calm_weeks(2), day(16, red_flags=[flag])]
    week3 = plan(library, history, 17)
    assert week3.stop is not None and week3.stop.level == level
    assert modes(week3) == ["normal", "normal"] + ["stopped"] * 5
    assert any("safety check on Wed 18 Nov" in r for r in week3.stop.reasons)
    stopped_items = [i for d in week3.days[2:] for i in d.items]
    if level == "soon":
        assert {i.id for i in stopped_items} <= {"walking"}
    else:
        assert not stopped_items
    later = plan(library, history, 40)
    assert later.stop is not None and later.stop.level == level
    assert set(modes(later)) == {"stopped"}


def test_a_check_answered_no_changes_nothing(library: Library) -> None:
    history = [*calm_weeks(2), day(16, red_flags=[], pain_before=2, pain_during=2)]
    assert plan(library, history, 17).stop is None


def test_the_worst_logged_level_wins(library: Library) -> None:
    history = [
        *calm_weeks(1),
        day(8, red_flags=["night_pain"]),
        day(9, red_flags=["pain_both_legs"]),
    ]
    p = plan(library, history, 10)
    assert p.stop is not None and p.stop.level == "emergency"


# ------------------------------------------------------------------ leg symptoms


def test_new_numbness_without_a_check_pauses_until_a_check_is_answered(library: Library) -> None:
    history = [*calm_weeks(2), day(15, leg_symptoms="new_numbness_or_weakness")]
    paused = plan(library, history, 16)
    assert modes(paused)[1:] == ["paused"] * 6 and not paused.days[3].items
    checked = [*history, day(17, red_flags=[], pain_before=2, pain_during=2)]
    after = plan(library, checked, 18)
    assert modes(after)[1:3] == ["paused", "paused"] and "paused" not in modes(after)[3:]


def test_new_numbness_with_the_check_answered_the_same_day_does_not_pause(
    library: Library,
) -> None:
    history = [*calm_weeks(2), day(15, leg_symptoms="new_numbness_or_weakness", red_flags=[])]
    assert "paused" not in modes(plan(library, history, 16))


def test_spreading_steps_back_and_says_to_see_a_clinician(library: Library) -> None:
    history = [*calm_weeks(2), day(15, leg_symptoms="spreading", pain_before=2, pain_during=2)]
    p = plan(library, history, 16)
    assert modes(p)[:2] == ["normal", "normal"] and set(modes(p)[2:]) == {"flare"}
    assert any("does not settle" in n for n in p.days[2].notes)


@pytest.mark.parametrize("legs", ["none", "better", "same"])
def test_quiet_legs_change_nothing(library: Library, legs: str) -> None:
    history = [*calm_weeks(2), day(15, leg_symptoms=legs, pain_before=2, pain_during=2)]
    assert set(modes(plan(library, history, 16))) == {"normal"}


# ------------------------------------------------------------------ the flare line


@pytest.mark.parametrize(
    ("usual", "worst", "flare"),
    [
        (3, pain.PAIN_ACCEPTABLE, False),
        (3, pain.PAIN_ACCEPTABLE + 1, True),
        (4, 6, True),
        (5, 6, False),
        (5, 7, True),
        (6, 7, False),
        (6, 8, True),
        (8, 9, False),
        (8, 10, True),
    ],
)
def test_the_flare_line_is_above_5_and_2_points_above_usual(
    library: Library, usual: int, worst: int, flare: bool
) -> None:
    history = [*calm_weeks(2, usual), day(15, pain_before=usual, pain_during=worst)]
    p = plan(library, history, 16, pain_now=usual)
    assert (modes(p)[2] == "flare") is flare
    assert modes(p)[1] == "normal"  # from the day after, not the day itself


@pytest.mark.parametrize(
    ("before", "morning", "flare"), [(3, 4, False), (3, 5, True), (6, 8, True)]
)
def test_a_next_morning_rise_of_2_is_a_flare(
    library: Library, before: int, morning: int, flare: bool
) -> None:
    history = [
        *calm_weeks(2),
        day(15, pain_before=before, pain_during=before, pain_next_morning=morning),
    ]
    # the answer is given on Wed (day 16): the plan for Wed already changes
    p = plan(library, history, 16)
    assert (modes(p)[2] == "flare") is flare
    assert modes(p)[1] == "normal"


def test_plan_date_counts_only_what_was_known_by_that_day(library: Library) -> None:
    history = [*calm_weeks(2), day(15, pain_before=2, pain_during=2, pain_next_morning=8)]
    # on Tue (day 15) the morning answer did not exist yet
    assert "flare" not in modes(plan(library, history, 15))
    assert modes(plan(library, history, 16))[2:] == ["flare"] * 5


def test_a_stable_high_baseline_is_not_a_flare_and_still_steps_up(library: Library) -> None:
    history = [
        day(i, pain_before=6, pain_during=6, pain_after=6, pain_next_morning=6) for i in range(21)
    ]
    p = plan(library, history, 21, pain_now=6)
    assert set(modes(p)) == {"normal"}
    first = plan(library, [], 0, pain_now=6)
    assert p.progress["walking_step"] > first.progress["walking_step"]


def test_a_week_without_pain_answers_holds(library: Library) -> None:
    silent = [day(i) for i in range(14)]
    p = plan(library, silent, 14, walk_minutes=5)
    start = plan(library, [], 0, walk_minutes=5)
    assert p.progress["walking_step"] == start.progress["walking_step"]
    assert all(v == 1 for v in p.progress["levels"].values())
    assert "Pain stayed low" not in " ".join(i for d in p.days for x in d.items for i in x.why)


# ------------------------------------------------------------------ flare mode


def test_flare_days_hold_only_gentle_movement_and_short_walks_never_more(library: Library) -> None:
    history = [*calm_weeks(2), day(14, pain_before=2, pain_during=8)]
    p = plan(library, history, 15, walk_minutes=20)
    before = walk_total(p, 14)
    for d in p.days[1:]:
        assert d.mode == "flare"
        assert {i.category for i in d.items} <= {"aerobic", "mobility"}
        assert all(i.level in (None, 1) for i in d.items)
        walks = [i for i in d.items if i.category == "aerobic"]
        assert walks and pain.FLARE_WALKS_MIN <= walks[0].dose["times"] <= pain.FLARE_WALKS_MAX
        assert (
            pain.FLARE_WALK_MIN_MINUTES <= walks[0].dose["minutes"] <= pain.FLARE_WALK_MAX_MINUTES
        )
        assert walk_total(p, (d.date - MON).days) <= before


def flare_then_calm(calm_days: int) -> list[dict[str, Any]]:
    history = [*calm_weeks(2), day(14, pain_before=2, pain_during=8)]
    return history + [day(15 + i, pain_before=2, pain_during=2) for i in range(calm_days)]


def test_the_plan_returns_after_enough_calm_days_not_before(library: Library) -> None:
    n = pain.CALM_DAYS_TO_RETURN
    short = plan(library, flare_then_calm(n - 1), 15 + n)
    assert modes(short)[1 + n] == "flare"
    back = plan(library, flare_then_calm(n), 16 + n)
    assert modes(back)[1 : 1 + n] == ["flare"] * n and modes(back)[1 + n] == "normal"
    assert any("calm" in note for note in back.days[1 + n].notes)


def test_no_pain_answers_are_not_calm_days(library: Library) -> None:
    history = [*calm_weeks(2), day(14, pain_before=2, pain_during=8)]
    history += [day(15 + i) for i in range(4)]
    assert modes(plan(library, history, 19))[5] == "flare"


def test_a_flare_not_settling_in_two_weeks_prompts_a_clinician(library: Library) -> None:
    history = [*calm_weeks(2), day(16, pain_before=2, pain_during=8)]
    days_in = pain.FLARE_DAYS_TO_SEE_CLINICIAN
    p = plan(library, history, 17 + days_in)
    first = MON + timedelta(days=17)
    assert set(modes(p)) == {"flare"}
    for d in p.days:
        prompted = any("has not settled" in n for n in d.notes)
        assert prompted is ((d.date - first).days >= days_in), d.date


@pytest.mark.parametrize(
    ("cap", "bout", "expected"),
    [
        (10, 5, (5, 2)),
        (15, 8, (5, 3)),
        (14, 8, (5, 2)),
        (30, 30, (10, 3)),
        (25, 25, (8, 3)),
        (12, 12, (5, 2)),
        (7, 7, (3, 2)),
        (12, 4, (4, 3)),
        (0, 5, (0, 0)),
    ],
)
def test_flare_walks_fit_under_the_day_before(
    cap: float, bout: float, expected: tuple[int, int]
) -> None:
    minutes, times = flare_walk(cap, bout)
    assert (minutes, times) == expected
    assert minutes * times <= cap and minutes <= bout
