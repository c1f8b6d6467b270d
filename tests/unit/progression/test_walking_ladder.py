"""The walking ladder follows the leaflet and never jumps."""

from __future__ import annotations

import pytest

from upright.domain.progression import walking


def test_it_starts_with_short_walks_and_ends_at_the_leaflets_goal() -> None:
    first = walking.LADDER[0]
    assert (first.minutes, first.times, first.days) == (5, 2, 7)
    goal = walking.step(walking.GOAL_STEP)
    assert goal.minutes == 30 and goal.times == 1 and 3 <= goal.days <= 4
    assert goal.intensity == "brisk"
    single = walking.step(walking.SINGLE_WALK_STEP)
    assert 20 <= single.minutes <= 30 and single.times == 1


def test_each_step_up_respects_the_stated_limits() -> None:
    for before, after in zip(walking.LADDER, walking.LADDER[1:], strict=False):
        assert walking.fits_rise(before, after), (before, after)
        assert after.minutes - before.minutes <= walking.MAX_LONGEST_WALK_RISE


def test_a_step_back_never_asks_for_more() -> None:
    for lower, higher in zip(walking.LADDER, walking.LADDER[1:], strict=False):
        assert lower.weekly_minutes <= higher.weekly_minutes
        assert lower.minutes <= higher.minutes


@pytest.mark.parametrize(
    ("walk_minutes", "pain", "acute", "expected"),
    [(0, 2, False, 1), (5, 2, False, 1), (12, 2, False, 5), (30, 2, False, 9), (60, 2, False, 9),
     (30, 8, False, 1), (30, 2, True, 1)],
)  # fmt: skip
def test_the_first_step_starts_where_the_person_is(
    walk_minutes: int, pain: int, acute: bool, expected: int
) -> None:
    number, reason = walking.start_step(walk_minutes, pain, acute, after_surgery=False)
    assert number == expected
    assert reason
