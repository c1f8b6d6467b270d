"""The pain episode is stored as its onset, so "lasted 13 weeks" a month later says 17."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright.domain.errors import ProfileError
from upright.domain.profile import LIMITS, Profile, pain_weeks_on, parse_profile, with_onset

GIVEN = date(2026, 11, 2)


def _saved(weeks: int, on: date = GIVEN, **more: object) -> Profile:
    return with_onset(parse_profile(base_profile(pain_weeks=weeks, **more)), on)


def test_weeks_given_become_an_onset_counted_back_from_that_day() -> None:
    saved = _saved(13)
    assert saved.pain_onset == (GIVEN - timedelta(weeks=13)).isoformat() == "2026-08-03"
    assert saved.pain_weeks == 13
    assert saved.to_dict()["pain_onset"] == "2026-08-03"


def test_thirteen_weeks_a_month_later_are_seventeen() -> None:
    saved = _saved(13)
    assert saved.as_of(GIVEN + timedelta(days=28)).pain_weeks == 17
    assert pain_weeks_on(saved, GIVEN + timedelta(days=28)) == 17


def test_a_week_is_whole_days_seven() -> None:
    saved = _saved(0)
    assert pain_weeks_on(saved, GIVEN) == 0
    assert pain_weeks_on(saved, GIVEN + timedelta(days=6)) == 0
    assert pain_weeks_on(saved, GIVEN + timedelta(days=7)) == 1
    assert pain_weeks_on(saved, GIVEN - timedelta(days=30)) == 0  # before the onset


def test_the_count_stops_at_the_highest_answer_allowed() -> None:
    saved = _saved(LIMITS["pain_weeks"][1])
    assert pain_weeks_on(saved, GIVEN + timedelta(days=700)) == LIMITS["pain_weeks"][1]


def test_an_old_profile_without_an_onset_reads_as_it_was_given() -> None:
    old = parse_profile(base_profile(pain_weeks=13))
    assert old.pain_onset is None
    assert old.as_of(GIVEN + timedelta(days=300)).pain_weeks == 13
    assert "pain_onset" not in old.to_dict()


def test_saving_unchanged_weeks_keeps_the_onset() -> None:
    first = _saved(13)
    later = GIVEN + timedelta(days=10)  # 14 weeks and 3 days in
    for shown in (13, 14):  # as first given, or as counted on the later day
        again = with_onset(parse_profile(base_profile(pain_weeks=shown)), later, first)
        assert again.pain_onset == first.pain_onset and again.pain_weeks == 14
    # carrying the stored onset along with changed weeks: the new weeks count
    changed = with_onset(
        parse_profile(base_profile(pain_weeks=2, pain_onset=first.pain_onset)), later, first
    )
    assert changed.pain_onset == (later - timedelta(weeks=2)).isoformat()
    assert changed.pain_weeks == 2


def test_an_onset_given_counts_and_is_not_after_the_day() -> None:
    given = with_onset(parse_profile(base_profile(pain_weeks=1, pain_onset="2026-10-01")), GIVEN)
    assert given.pain_onset == "2026-10-01" and given.pain_weeks == 4
    with pytest.raises(ProfileError) as error:
        with_onset(parse_profile(base_profile(pain_onset="2026-12-01")), GIVEN)
    assert error.value.field == "pain_onset" and "after today" in error.value.message
    with pytest.raises(ProfileError) as error:
        parse_profile(base_profile(pain_onset="last spring"))
    assert error.value.field == "pain_onset" and "YYYY-MM-DD" in str(error.value.allowed)


@given(
    st.integers(0, 520),
    st.integers(0, 4000),
    st.integers(0, 4000),
)
def test_the_episode_ages_a_week_every_seven_days(weeks: int, later: int, more: int) -> None:
    saved = _saved(weeks)
    day = GIVEN + timedelta(days=later)
    now = pain_weeks_on(saved, day)
    assert now == min(weeks + later // 7, LIMITS["pain_weeks"][1])
    assert pain_weeks_on(saved, day + timedelta(days=more)) >= now  # never gets younger
    # saving the answers again, unchanged, on any later day keeps the onset
    again = with_onset(parse_profile(saved.to_dict() | {"pain_weeks": now}), day, saved)
    assert again.pain_onset == saved.pain_onset
