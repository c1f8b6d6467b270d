"""Safety-netting prompts: two flare weeks in a row, no improvement after 6 weeks."""

from __future__ import annotations

from datetime import date, timedelta

from upright.domain.outcomes.change import judge
from upright.domain.outcomes.netting import flare_runs, prompts

MON = date(2026, 9, 7)


def weeks(*verdicts: str | None) -> list[tuple[date, str | None]]:
    return [(MON + timedelta(weeks=n), v) for n, v in enumerate(verdicts)]


def test_two_flare_weeks_in_a_row_prompt_one_does_not() -> None:
    assert flare_runs(weeks("step_up", "step_back", "hold")) == []
    assert flare_runs(weeks("step_back", "hold", "step_back")) == []
    two = flare_runs(weeks("hold", "step_back", "step_back", "step_up"))
    assert two == [(MON + timedelta(weeks=1), MON + timedelta(weeks=2))]
    assert flare_runs(weeks("step_back", "step_back", "step_back")) == [
        (MON, MON + timedelta(weeks=2))
    ]


def test_flare_weeks_with_a_gap_between_them_are_not_in_a_row() -> None:
    gap = [(MON, "step_back"), (MON + timedelta(weeks=2), "step_back")]
    assert flare_runs(gap) == []


def test_the_flare_prompt_names_the_weeks() -> None:
    out = prompts(weeks("step_back", "step_back"), [], None, None, [], None, MON)
    assert len(out) == 1 and "2 flare weeks in a row" in out[0] and "7 September 2026" in out[0]


def _pain(values: list[float]) -> list[tuple[date, float]]:
    return [(MON + timedelta(weeks=n), v) for n, v in enumerate(values)]


def test_flat_pain_after_6_weeks_prompts_but_not_before() -> None:
    flat = _pain([5, 5, 5, 5, 5, 5, 5])
    at_six = prompts([], flat, None, None, [], MON, MON + timedelta(weeks=6))
    assert len(at_six) == 1 and "No meaningful improvement after 6 weeks" in at_six[0]
    before = prompts([], flat, None, None, [], MON, MON + timedelta(weeks=6) - timedelta(days=1))
    assert before == []


def test_a_real_drop_in_session_pain_means_no_prompt() -> None:
    dropping = _pain([5, 5, 4, 4, 3, 3, 3])  # 5 -> 3: 2 points
    assert prompts([], dropping, None, None, [], MON, MON + timedelta(weeks=7)) == []
    small = _pain([5, 5, 5, 5, 4, 4, 4])  # 5 -> 4: 1 point, 20%
    assert prompts([], small, None, None, [], MON, MON + timedelta(weeks=7))


def test_outcome_answers_decide_when_a_6_week_follow_up_exists() -> None:
    later = MON + timedelta(weeks=6)
    same = [judge("back_pain_week", 6, 6), judge("peg", 6, 5.5), judge("psfs", 3, 4)]
    out = prompts([], _pain([5, 3, 2]), MON, later, same, MON, later)
    assert len(out) == 1 and "outcome answers" in out[0]
    better = [*same, judge("psfs", 3, 5)]
    assert prompts([], _pain([5, 5, 5]), MON, later, better, MON, later) == []


def test_an_outcome_follow_up_before_6_weeks_is_not_enough_to_judge() -> None:
    early = MON + timedelta(weeks=5, days=6)
    same = [judge("back_pain_week", 6, 6)]
    assert prompts([], [], MON, early, same, None, early) == []
