"""Day by day (daily.py): what each day's answers mean for the days after it. A flare starts the
day after, calm days in a row end it, only what was known counts. Written from the mutants that
survived ``scripts/mutation`` (docs/architecture.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from upright.domain.progression import pain
from upright.domain.progression.daily import PAUSED_TEXT, known_sessions, timeline
from upright.domain.tracking.logs import ItemLog, SessionLog

MON = date(2026, 11, 2)
SUN = MON + timedelta(days=6)
FLARE = pain.PAIN_ACCEPTABLE + 3


def log(offset: int, **kw: Any) -> SessionLog:
    return SessionLog(MON + timedelta(days=offset), (ItemLog("walking", "done"),), **kw)


def modes(sessions: list[SessionLog], end: int = 6, known: int = 30, start: int = 0,
          baseline: int | None = 1) -> list[str]:  # fmt: skip
    days = timeline(sessions, MON + timedelta(days=start), MON + timedelta(days=end),
                    MON + timedelta(days=known), baseline)  # fmt: skip
    return [days[d].mode for d in sorted(days)]


def test_what_was_known_at_the_end_of_a_day_counts_and_nothing_later() -> None:
    sessions = [log(2, pain_next_morning=5), log(0), log(4)]
    known = known_sessions(sessions, MON + timedelta(days=2))
    assert [s.day for s in known] == [MON, MON + timedelta(days=2)]  # in day order
    assert known[1].pain_next_morning is None  # that answer is given tomorrow
    assert known_sessions(sessions, MON + timedelta(days=3))[1].pain_next_morning == 5


def test_a_flare_starts_the_day_after_and_lasts_until_calm_days_in_a_row() -> None:
    calm = pain.CALM_DAYS_TO_RETURN
    sessions = [log(0, pain_during=FLARE)] + [log(n, pain_during=1) for n in range(1, 1 + calm)]
    got = modes(sessions, end=calm + 2)
    assert got == ["normal"] + ["flare"] * calm + ["normal", "normal"]
    days = timeline(sessions, MON, MON + timedelta(days=calm + 2), MON + timedelta(days=30), 1)
    back = days[MON + timedelta(days=calm + 1)]
    assert back.reasons == (
        f"Your back has been calm for {calm} days in a row, so the plan is back to where it was "
        "(reference.md §4.7).",
    )
    assert days[MON + timedelta(days=calm + 2)].reasons == ()
    flare = days[MON + timedelta(days=1)]
    assert flare.flare_since == MON + timedelta(days=1)
    assert flare.reasons[0].startswith(f"Flare mode since {MON + timedelta(days=1):%a %d %b}. On ")
    assert f"calm days so far: 0 of {calm}." in flare.reasons[2]
    assert f"calm days so far: 1 of {calm}." in days[MON + timedelta(days=2)].reasons[2]


def test_one_calm_day_too_few_keeps_the_flare_and_a_sore_day_restarts_the_count() -> None:
    calm = pain.CALM_DAYS_TO_RETURN
    few = [log(0, pain_during=FLARE)] + [log(n, pain_during=1) for n in range(1, calm)]
    assert modes(few, end=calm + 1)[-1] == "flare"
    sore = pain.PAIN_SAFE + 3
    broken = [log(0, pain_during=FLARE), log(1, pain_during=1), log(2, pain_during=sore)] + [
        log(n, pain_during=1) for n in range(3, 3 + calm - 1)
    ]
    assert modes(broken, end=2 + calm)[-1] == "flare"
    # a day with no pain answer neither counts nor breaks the run
    gap = [log(0, pain_during=FLARE), log(1, pain_during=1), log(2)] + [
        log(n, pain_during=1) for n in range(3, 3 + calm - 1)
    ]
    assert modes(gap, end=2 + calm)[-1] == "normal"


def test_a_new_flare_during_a_flare_keeps_its_first_day_and_restarts_the_calm_count() -> None:
    sessions = [log(0, pain_during=FLARE), log(1, pain_during=1), log(2, pain_during=FLARE)]
    days = timeline(sessions, MON, MON + timedelta(days=4), MON + timedelta(days=30), 1)
    third = days[MON + timedelta(days=3)]
    assert third.flare_since == MON + timedelta(days=1)
    assert "calm days so far: 0 of" in third.reasons[2]
    assert f"On {MON + timedelta(days=2):%a %d %b} pain reached {FLARE}/10" in third.reasons[0]


def test_calm_is_judged_against_the_usual_level_when_the_flare_began() -> None:
    # usual 6: a later day at 7 is calm (within the smallest change that matters)
    high = [log(-n, pain_before=6) for n in range(1, 4)]
    sessions = high + [log(0, pain_during=10)] + [log(n, pain_during=7) for n in range(1, 4)]
    assert modes(sessions, end=4, baseline=6)[-1] == "normal"


def test_a_flare_not_settling_in_two_weeks_and_two_flare_weeks_prompt_a_clinician() -> None:
    limit = pain.FLARE_DAYS_TO_SEE_CLINICIAN
    sessions = [log(0, pain_during=FLARE)]
    days = timeline(sessions, MON, MON + timedelta(days=limit + 1), MON + timedelta(days=30), 1)
    before = days[MON + timedelta(days=limit)]  # flare since day 1: limit - 1 days in
    at = days[MON + timedelta(days=limit + 1)]
    assert not any("has not settled" in r for r in before.reasons)
    assert at.reasons[3] == (
        f"It has not settled in {limit} days: please see a doctor or physiotherapist "
        "(reference.md §4.7)."
    )
    # flares logged in two weeks in a row
    weeks = [log(0, pain_before=1, pain_during=FLARE), log(7, pain_before=1, pain_during=FLARE)]
    got = timeline(weeks, MON + timedelta(days=8), MON + timedelta(days=8),
                   MON + timedelta(days=30), 1)  # fmt: skip
    assert got[MON + timedelta(days=8)].reasons[-1] == (
        f"Your back has flared {pain.FLARE_WEEKS_TO_SEE_CLINICIAN} weeks in a row: please see "
        "a doctor or physiotherapist before pushing on (reference.md §4.1)."
    )
    one_week = timeline([log(7, pain_during=FLARE)], MON + timedelta(days=8),
                        MON + timedelta(days=8), MON + timedelta(days=30), 1)  # fmt: skip
    assert not any("weeks in a row" in r for r in one_week[MON + timedelta(days=8)].reasons)


def test_new_numbness_pauses_from_that_day_until_a_check_is_answered() -> None:
    sessions = [log(1, leg_symptoms="new_numbness_or_weakness"), log(3, red_flags=())]
    # new numbness is also a leg flare: once the check is answered, flare mode remains
    assert modes(sessions, end=4) == ["normal", "paused", "paused", "flare", "flare"]
    days = timeline(sessions, MON, SUN, MON + timedelta(days=30), 1)
    assert days[MON + timedelta(days=1)].reasons == (PAUSED_TEXT,)
    same_day = [log(1, leg_symptoms="new_numbness_or_weakness", red_flags=())]
    assert modes(same_day, end=2) == ["normal", "normal", "flare"]


def test_red_flags_are_kept_with_the_first_day_each_was_answered() -> None:
    sessions = [log(1, red_flags=("night_pain",)), log(3, red_flags=("night_pain", "weight_loss"))]
    days = timeline(sessions, MON, SUN, MON + timedelta(days=30), 1)
    assert days[MON].flags == ()
    assert days[MON + timedelta(days=1)].flags == (("night_pain", MON + timedelta(days=1)),)
    assert days[SUN].flags == (
        ("night_pain", MON + timedelta(days=1)),
        ("weight_loss", MON + timedelta(days=3)),
    )


def test_the_days_before_the_start_count_but_are_not_returned() -> None:
    sessions = [log(0, pain_during=FLARE)]
    days = timeline(sessions, MON + timedelta(days=2), MON + timedelta(days=3),
                    MON + timedelta(days=30), 1)  # fmt: skip
    assert sorted(days) == [MON + timedelta(days=2), MON + timedelta(days=3)]
    assert {d.mode for d in days.values()} == {"flare"}
    assert timeline([], MON, MON, MON, None) == {MON: timeline([], MON, MON, MON, 0)[MON]}


@pytest.mark.parametrize(("next_morning", "flare"), [(1 + pain.MORNING_NOT_SETTLED, True),
                                                     (pain.MORNING_NOT_SETTLED, False)])  # fmt: skip
def test_a_next_morning_rise_flares_the_day_after_once_it_is_known(
    next_morning: int, flare: bool
) -> None:
    sessions = [log(0, pain_before=1, pain_next_morning=next_morning)]
    assert modes(sessions, end=1)[1] == ("flare" if flare else "normal")
    assert modes(sessions, end=1, known=0)[1] == "normal"  # not yet known on the day itself


def test_a_morning_rise_without_a_pain_before_is_judged_against_the_usual_level() -> None:
    sessions = [log(0, pain_next_morning=1 + pain.MORNING_NOT_SETTLED)]
    assert modes(sessions, end=1, baseline=1)[1] == "flare"
    assert modes([log(0, pain_next_morning=pain.MORNING_NOT_SETTLED)], end=1, baseline=1)[1] == (
        "normal"
    )


def test_a_day_with_only_a_morning_answer_neither_counts_nor_breaks_the_calm_run() -> None:
    calm = pain.CALM_DAYS_TO_RETURN
    sessions = [log(0, pain_during=FLARE), log(1, pain_during=1), log(2, pain_next_morning=1)]
    sessions += [log(n, pain_during=1) for n in range(3, 3 + calm - 1)]
    assert modes(sessions, end=2 + calm)[-1] == "normal"


def test_flags_are_listed_by_the_day_they_were_first_answered() -> None:
    sessions = [log(1, red_flags=("weight_loss",)), log(3, red_flags=("night_pain",))]
    days = timeline(sessions, MON, SUN, MON + timedelta(days=30), 1)
    assert [f for f, _ in days[SUN].flags] == ["weight_loss", "night_pain"]


def test_a_pause_during_a_flare_keeps_the_flares_first_day() -> None:
    sessions = [log(0, pain_during=FLARE), log(1, leg_symptoms="new_numbness_or_weakness")]
    days = timeline(sessions, MON, SUN, MON + timedelta(days=30), 1)
    paused = days[MON + timedelta(days=1)]
    assert paused.mode == "paused" and paused.flare_since == MON + timedelta(days=1)
