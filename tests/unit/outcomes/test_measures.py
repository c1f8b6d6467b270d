"""Outcome answers: every range edge, the half-finished PEG, PSFS rows, and the scores."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upright.domain.errors import InvalidInput
from upright.domain.outcomes.measures import parse_answers


def full(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "back_pain_now": 5,
        "back_pain_week": 6,
        "leg_pain_now": 2,
        "leg_pain_week": 3,
        "peg_pain": 6,
        "peg_enjoyment": 5,
        "peg_activity": 7,
        "psfs": [{"name": "putting on socks", "score": 4}, {"name": "gardening", "score": 3}],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("field", ["back_pain_now", "leg_pain_week", "peg_activity"])
@pytest.mark.parametrize("value", [0, 10, "0", "10", 7.0])
def test_every_score_from_0_to_10_is_accepted(field: str, value: Any) -> None:
    assert getattr(parse_answers(full(**{field: value})), field) == int(float(value))


@pytest.mark.parametrize("field", ["back_pain_now", "back_pain_week", "leg_pain_now", "peg_pain"])
@pytest.mark.parametrize("value", [-1, 11, 2.5, "x", True, [3]])
def test_out_of_range_or_not_a_number_names_the_field(field: str, value: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_answers(full(**{field: value}))
    assert caught.value.field == field
    assert "0-10" in caught.value.message


@pytest.mark.parametrize("missing", ["back_pain_now", "leg_pain_now", "leg_pain_week"])
def test_an_unanswered_pain_question_is_refused(missing: str) -> None:
    data = full()
    del data[missing]
    with pytest.raises(InvalidInput, match="not answered") as caught:
        parse_answers(data)
    assert caught.value.field == missing


@pytest.mark.parametrize(
    "answered", [("peg_pain",), ("peg_pain", "peg_enjoyment"), ("peg_activity",)]
)
def test_a_half_finished_peg_is_refused(answered: tuple[str, ...]) -> None:
    data = full()
    for key in ("peg_pain", "peg_enjoyment", "peg_activity"):
        if key not in answered:
            data[key] = None
    with pytest.raises(InvalidInput, match="all three") as caught:
        parse_answers(data)
    assert caught.value.field not in answered


def test_peg_is_the_mean_of_its_three_items() -> None:
    answers = parse_answers(full(peg_pain=6, peg_enjoyment=5, peg_activity=7))
    assert answers.peg == 6.0
    assert parse_answers(full(peg_pain=1, peg_enjoyment=2, peg_activity=2)).peg == 1.67


def test_psfs_is_the_mean_of_the_rated_activities_and_empty_rows_are_skipped() -> None:
    rows = [
        {"name": "socks", "score": 4},
        {"name": "", "score": None},
        {"name": "lift", "score": 7},
    ]
    answers = parse_answers(full(psfs=rows))
    assert [a.name for a in answers.psfs] == ["socks", "lift"]
    assert answers.psfs_mean == 5.5
    assert parse_answers(full(psfs=[])).psfs_mean is None


def test_psfs_takes_up_to_five_activities() -> None:
    five = [{"name": f"task {n}", "score": n} for n in range(5)]
    assert len(parse_answers(full(psfs=five)).psfs) == 5
    with pytest.raises(InvalidInput, match="up to 5"):
        parse_answers(full(psfs=[*five, {"name": "task 6", "score": 1}]))


@pytest.mark.parametrize(
    "row, problem",
    [
        ({"name": "", "score": 3}, "no name"),
        ({"name": "socks", "score": None}, "not answered"),
        ({"name": "socks", "score": 11}, "out of range"),
        ({"name": "x" * 81, "score": 3}, "too long"),
    ],
)
def test_a_bad_psfs_row_says_which_activity(row: dict[str, Any], problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem) as caught:
        parse_answers(full(psfs=[{"name": "lift", "score": 2}, row]))
    assert caught.value.field.startswith("psfs activity 2")


def test_the_same_activity_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match="named twice"):
        parse_answers(full(psfs=[{"name": "Socks", "score": 2}, {"name": "socks", "score": 3}]))


def test_an_unknown_question_is_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown question") as caught:
        parse_answers(full(oswestry=3))
    assert caught.value.field == "oswestry"


@given(st.lists(st.integers(0, 10), min_size=3, max_size=3))
def test_peg_stays_on_the_scale(items: list[int]) -> None:
    a, b, c = items
    peg = parse_answers(full(peg_pain=a, peg_enjoyment=b, peg_activity=c)).peg
    assert min(items) <= peg <= max(items)


def test_answers_survive_a_round_trip() -> None:
    answers = parse_answers(full())
    assert parse_answers(answers.to_dict()) == answers
