"""The schedule: start, 2, 6 and 12 weeks, then every 3 months; points open 3 days early."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from upright.domain.outcomes.schedule import due, timepoints

START = date(2026, 1, 5)


def test_the_points_are_start_2_6_12_weeks_then_every_13_weeks() -> None:
    points = timepoints(START, START + timedelta(weeks=52))
    assert [p.weeks for p in points][:8] == [0, 2, 6, 12, 25, 38, 51, 64]
    assert [p.label for p in points][:6] == [
        "start",
        "2 weeks",
        "6 weeks",
        "12 weeks",
        "6 months",
        "9 months",
    ]


def test_without_answers_the_start_is_due_today() -> None:
    status = due(None, set(), START)
    assert status.now is not None and status.now.weeks == 0 and status.now.on == START
    assert status.next.weeks == 2


def test_a_point_opens_3_days_early_not_4() -> None:
    two_weeks = START + timedelta(weeks=2)
    assert due(START, {0}, two_weeks - timedelta(days=4)).now is None
    opened = due(START, {0}, two_weeks - timedelta(days=3)).now
    assert opened is not None and opened.weeks == 2


def test_an_answered_point_is_no_longer_due_and_the_next_is_named() -> None:
    status = due(START, {0, 2}, START + timedelta(weeks=2, days=1))
    assert status.now is None
    assert status.next.weeks == 6 and status.next.on == START + timedelta(weeks=6)


def test_a_missed_point_is_skipped_not_stacked() -> None:
    status = due(START, {0}, START + timedelta(weeks=6))
    assert status.now is not None and status.now.weeks == 6


def test_the_start_point_does_not_open_early() -> None:
    assert due(START, set(), START - timedelta(days=1)).now is None


@given(st.integers(0, 2000))
def test_the_next_point_is_always_after_today(days: int) -> None:
    today = START + timedelta(days=days)
    status = due(START, {0}, today)
    assert status.next.opens > today
    if status.now is not None:
        assert status.now.opens <= today
