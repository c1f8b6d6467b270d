"""Minimal important change: each threshold at its edge, in both directions."""

from __future__ import annotations

import pytest

from upright.domain.outcomes.change import judge, mic


@pytest.mark.parametrize(
    "start, latest, verdict",
    [
        (8, 6, "better"),  # 2 points
        (8, 7, "same"),  # 1 point, 12.5%
        (3, 2, "better"),  # 1 point is 33%: 30% reached
        (4, 3, "same"),  # 1 point is 25%
        (10, 8, "better"),  # 2 points (30% would be 3)
        (0, 0, "same"),
        (4, 6, "worse"),  # worsening counts from 2 points
        (4, 5, "same"),
        (1, 2, "same"),  # 100% worse but 1 point: not a real worsening
        (0, 2, "worse"),
    ],
)
def test_pain_nrs_counts_from_2_points_or_30_percent(start: int, latest: int, verdict: str) -> None:
    assert judge("back_pain_week", start, latest).verdict == verdict


def test_nrs_threshold_is_the_smaller_of_2_points_and_30_percent() -> None:
    assert mic("nrs", 10) == 2.0
    assert mic("nrs", 5) == pytest.approx(1.5)
    assert mic("nrs", 0) == 2.0


@pytest.mark.parametrize(
    "start, latest, verdict",
    [(6.0, 4.2, "better"), (6.0, 4.3, "same"), (2.0, 1.0, "better"), (2.0, 1.34, "same"),
     (5.0, 6.5, "worse"), (5.0, 6.4, "same")],
)  # fmt: skip
def test_peg_counts_from_30_percent_and_at_least_1_point(
    start: float, latest: float, verdict: str
) -> None:
    assert judge("peg", start, latest).verdict == verdict


@pytest.mark.parametrize(
    "start, latest, verdict",
    [(3.0, 5.0, "better"), (3.0, 4.9, "same"), (5.0, 3.0, "worse"), (5.0, 3.1, "same")],
)
def test_psfs_counts_from_2_points_and_higher_is_better(
    start: float, latest: float, verdict: str
) -> None:
    assert judge("psfs", start, latest).verdict == verdict


def test_the_text_says_the_numbers_and_the_threshold() -> None:
    text = judge("back_pain_week", 6, 3).describe()
    assert "6 at the start, 3 now" in text and "real improvement" in text and "1.8" in text
