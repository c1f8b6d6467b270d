"""Boundary rows for every threshold of the pain rules and the walking ladder.

Written from the mutants that survived ``scripts/mutation`` (see docs/architecture.md): each
row sits exactly on a named limit and one step past it, so moving a limit or flipping a
comparison fails a test. Where a rule lowers a dose the test says "must go down".
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from upright.domain.progression import pain, walking
from upright.domain.progression.walking import WalkStep
from upright.domain.tracking.logs import SessionLog

DAY = date(2026, 11, 25)


def log(day: date = DAY, **pains: object) -> SessionLog:
    return SessionLog(day=day, items=(), **pains)  # type: ignore[arg-type]


# --- the walking ladder ---


def test_a_step_number_is_clamped_to_the_ladder() -> None:
    assert walking.step(0) == walking.step(1) == walking.LADDER[0]
    assert walking.step(2) == walking.LADDER[1]
    assert walking.step(walking.TOP_STEP) == walking.LADDER[-1]
    assert walking.step(walking.TOP_STEP + 3) == walking.LADDER[-1]


@pytest.mark.parametrize(
    ("walk_minutes", "expected"),
    [(0, 1), (5, 1), (6, 2), (7, 2), (8, 3), (11, 4), (12, 5), (29, 8), (30, 9), (45, 9)],
)
def test_the_first_step_is_the_longest_walk_that_fits_never_past_the_goal(
    walk_minutes: int, expected: int
) -> None:
    number, reason = walking.start_step(walk_minutes, pain_now=2, acute=False, after_surgery=False)
    assert number == expected
    assert number <= walking.GOAL_STEP
    if walk_minutes <= walking.LADDER[0].minutes:
        assert "first step" in reason
    else:
        assert f"{walk_minutes} minutes" in reason and f"step {number}" in reason


def test_high_pain_starts_at_the_first_step_from_the_named_limit() -> None:
    at_limit, why = walking.start_step(30, walking.HIGH_PAIN_START, False, False)
    below, _ = walking.start_step(30, walking.HIGH_PAIN_START - 1, False, False)
    assert at_limit == 1 and below == 9  # must go down at the limit, not before
    assert f"{walking.HIGH_PAIN_START}/10" in why


@pytest.mark.parametrize(
    ("acute", "after_surgery", "says"), [(True, False, "acute"), (False, True, "surgery")]
)
def test_a_new_episode_or_a_recent_operation_starts_at_the_first_step(
    acute: bool, after_surgery: bool, says: str
) -> None:
    number, why = walking.start_step(30, 2, acute, after_surgery)
    assert number == 1 and says in why
    # a person who could only start at step 1 anyway is not told they were held back
    low, low_why = walking.start_step(5, 2, acute, after_surgery)
    assert low == 1 and says not in low_why


def _step(minutes: int, times: int, days: int) -> WalkStep:
    return WalkStep(step=1, minutes=minutes, times=times, days=days, intensity="easy")


def test_a_rise_is_allowed_exactly_up_to_the_longest_walk_limit() -> None:
    before = _step(10, 1, 3)
    most = _step(10 + walking.MAX_LONGEST_WALK_RISE, 1, 3)
    too_far = _step(10 + walking.MAX_LONGEST_WALK_RISE + 1, 1, 3)
    assert walking.fits_rise(before, most)
    assert not walking.fits_rise(before, too_far)


@pytest.mark.parametrize(
    ("before", "exact", "over"),
    [
        # 50 min a week: the fixed minutes are the larger allowance (50 + 35 = 85)
        (_step(5, 2, 5), _step(5, 17, 1), _step(5, 18, 1)),
        # 300 min a week: the fraction is the larger allowance (300 + 20% = 360)
        (_step(30, 2, 5), _step(30, 12, 1), _step(30, 13, 1)),
    ],
)
def test_a_weekly_rise_is_allowed_exactly_up_to_the_larger_allowance(
    before: WalkStep, exact: WalkStep, over: WalkStep
) -> None:
    allowance = max(
        before.weekly_minutes * walking.MAX_WEEKLY_RISE_FRACTION, walking.MAX_WEEKLY_RISE_MINUTES
    )
    assert exact.weekly_minutes == before.weekly_minutes + allowance
    assert walking.fits_rise(before, exact)
    assert not walking.fits_rise(before, over)


# --- the pain rules ---


def test_the_usual_level_counts_exactly_the_days_of_its_window() -> None:
    first = log(DAY - timedelta(days=pain.USUAL_PAIN_DAYS), pain_before=6)
    too_old = log(DAY - timedelta(days=pain.USUAL_PAIN_DAYS + 1), pain_before=9)
    same_day = log(DAY, pain_before=9)
    assert pain.usual_pain([first], DAY, None) == 6
    assert pain.usual_pain([too_old], DAY, 2) == 2  # outside: the profile's pain
    assert pain.usual_pain([same_day], DAY, 2) == 2  # the day itself is not its own usual
    assert pain.usual_pain([], DAY, None) == 0.0  # unknown never hides a flare
    assert pain.usual_pain([], DAY, 4) == 4.0


def test_a_days_resting_pain_is_the_pain_before_else_the_lowest_answer() -> None:
    assert (
        pain.usual_pain([log(DAY - timedelta(days=1), pain_before=2, pain_during=7)], DAY, 9) == 2
    )
    assert pain.usual_pain([log(DAY - timedelta(days=1), pain_during=7, pain_after=4)], DAY, 9) == 4
    assert pain.usual_pain([log(DAY - timedelta(days=1))], DAY, 9) == 9  # no answer: fallback


def test_a_pain_answer_is_any_of_before_during_after_or_the_morning() -> None:
    assert not pain.has_pain_answer(log())
    assert pain.has_pain_answer(log(pain_before=0))
    assert pain.has_pain_answer(log(pain_during=0))
    assert pain.has_pain_answer(log(pain_next_morning=0))
    assert pain.has_pain_answer(log(pain_next_morning=0), with_morning=True)
    assert not pain.has_pain_answer(log(pain_next_morning=0), with_morning=False)
    assert pain.has_pain_answer(log(pain_before=0, pain_next_morning=0), with_morning=False)


def test_new_numbness_or_weakness_in_a_leg_steps_back() -> None:
    why = pain.leg_flare(log(leg_symptoms="new_numbness_or_weakness"))
    assert why is not None and "numbness or weakness" in why
    verdict = pain.judge(
        [log(pain_before=1, pain_during=1, leg_symptoms="new_numbness_or_weakness")], None
    )
    assert verdict.verdict == "step_back" and verdict.flare
    assert pain.leg_flare(log(leg_symptoms="same")) is None


def test_calm_means_within_the_smallest_change_that_matters() -> None:
    usual = 4.0
    edge = int(usual + pain.MIN_IMPORTANT_CHANGE - 1)  # 5: still calm
    assert pain.is_calm(log(pain_before=edge), usual)
    assert not pain.is_calm(log(pain_before=edge + 1), usual)
    # a low usual level still allows the safe zone
    assert pain.is_calm(log(pain_before=pain.PAIN_SAFE), 0.0)
    assert not pain.is_calm(log(pain_before=pain.PAIN_SAFE + 1), 0.0)
    assert not pain.is_calm(log(), usual)


def test_the_next_morning_limit_sits_exactly_on_the_named_rise() -> None:
    rise = pain.MORNING_NOT_SETTLED
    flare = pain.judge([log(pain_before=2, pain_during=2, pain_next_morning=2 + rise)], None)
    just_under = pain.judge([log(pain_before=2, pain_during=2, pain_next_morning=1 + rise)], None)
    settled = pain.judge([log(pain_before=2, pain_during=2, pain_next_morning=2)], None)
    assert flare.verdict == "step_back" and flare.flare  # must go down
    assert just_under.verdict == "hold" and not just_under.flare
    assert settled.verdict == "step_up"


def test_a_rising_week_holds_from_exactly_the_named_trend() -> None:
    week = [log(pain_before=3, pain_during=3)]
    at_trend = pain.judge(week, 3 - pain.RISING_TREND)
    under = pain.judge(week, 3 - pain.RISING_TREND + 0.5)
    assert at_trend.verdict == "hold"
    assert under.verdict == "step_up"


def test_the_profiles_pain_is_the_usual_level_before_any_log() -> None:
    # 6/10 during: a flare against a usual 0, only a hold against the profile's usual 5
    session = [log(pain_during=pain.PAIN_ACCEPTABLE + 1)]
    assert pain.judge(session, None, baseline=None).verdict == "step_back"
    assert pain.judge(session, None, baseline=pain.PAIN_ACCEPTABLE).verdict == "hold"


def test_a_week_with_no_answers_holds_and_a_calm_week_steps_up() -> None:
    silent = pain.judge([log()], None)
    assert silent.verdict == "hold" and not silent.flare
    calm = pain.judge([log(pain_before=1, pain_during=1)], None)
    assert calm == pain.PainVerdict("step_up", False, ("Pain stayed low and settled each time.",))


def test_a_silent_week_is_a_hold_and_never_called_a_flare() -> None:
    silent = pain.judge([log()], None)
    assert silent.flare is False


@pytest.mark.parametrize(
    ("step", "text"),
    [
        (_step(5, 2, 7), "2 walks of 5 minutes a day (easy pace)"),
        (_step(30, 1, 4), "1 walk of 30 minutes a day, 4 days a week (easy pace)"),
        (_step(12, 1, 7), "1 walk of 12 minutes a day (easy pace)"),
        (_step(10, 2, 6), "2 walks of 10 minutes a day, 6 days a week (easy pace)"),
    ],
)
def test_a_step_is_described_in_words(step: WalkStep, text: str) -> None:
    assert step.describe() == text


def test_the_start_step_reasons_word_for_word() -> None:
    assert walking.start_step(5, 2, False, False)[1] == (
        "You start at the first step: short, easy walks of 5 minutes, twice a day."
    )
    gentle = "You start gently, at the first step (short walks of 5 minutes), because {}. The plan rises from there."
    assert walking.start_step(30, 2, True, False)[1] == gentle.format(
        "this is a new (acute) episode, where short, frequent walks help most"
    )
    assert walking.start_step(30, 2, False, True)[1] == gentle.format(
        "you are recovering from surgery"
    )
    assert walking.start_step(30, walking.HIGH_PAIN_START, False, False)[1] == gentle.format(
        f"your pain is high today ({walking.HIGH_PAIN_START}/10 or more)"
    )
