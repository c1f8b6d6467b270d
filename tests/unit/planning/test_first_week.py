"""The first day counts: onboarding on any weekday gives a starter today; earlier days are not missed."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright.adapters import data_files
from upright.domain.planning.first_week import BEFORE_START_NOTE, FIRST_DAY_NOTE
from upright.domain.profile import parse_profile
from upright.services.library import Library
from upright.services.planning import plan_for

MONDAY = date(2026, 11, 23)
SUNDAY = MONDAY + timedelta(days=6)


def _plan(library: Library, on: date, started: date | None, **profile: object):  # type: ignore[no-untyped-def]
    data = base_profile(**{"days": ["mon", "wed", "fri"], "walk_minutes": 10, **profile})
    plan, _ = plan_for(parse_profile(data), on, library, [], started=started)
    return plan


def test_a_sunday_start_gets_a_walk_and_the_stretch_today(library: Library) -> None:
    before = _plan(library, SUNDAY, None).day(SUNDAY)
    assert before is not None and not any(i.category == "aerobic" for i in before.items)
    plan = _plan(library, SUNDAY, SUNDAY)
    today = plan.day(SUNDAY)
    assert today is not None and FIRST_DAY_NOTE in today.notes
    categories = [i.category for i in today.items]
    assert "aerobic" in categories and "stretch" in categories
    walk = next(i for i in today.items if i.category == "aerobic")
    assert walk.dose["times"] == 1 and any("first day" in w for w in walk.why)
    usual = next(
        i for d in plan.days for i in d.items if i.category == "aerobic" and d.date < SUNDAY
    )
    assert walk.dose["minutes"] == usual.dose["minutes"]  # one bout of the usual walk, no longer
    assert walk.est_minutes <= usual.est_minutes
    for day in plan.days[:6]:
        assert BEFORE_START_NOTE in day.notes and FIRST_DAY_NOTE not in day.notes


def test_a_start_on_a_walking_day_keeps_that_walk(library: Library) -> None:
    plain = _plan(library, MONDAY, None)
    plan = _plan(library, MONDAY, MONDAY)
    assert any(i.category == "aerobic" for i in plain.days[0].items)
    assert plan.days[0].items == plain.days[0].items  # already a walk: nothing added
    assert FIRST_DAY_NOTE in plan.days[0].notes
    assert all(BEFORE_START_NOTE not in d.notes for d in plan.days)


def test_a_later_week_is_unchanged(library: Library) -> None:
    started = MONDAY - timedelta(days=3)
    assert _plan(library, MONDAY, started) == _plan(library, MONDAY, None)


def test_a_stopped_plan_gets_no_starter(library: Library) -> None:
    plan = _plan(library, SUNDAY, SUNDAY, red_flags=["saddle_numbness"])
    assert plan.stop is not None
    assert all(not d.items and FIRST_DAY_NOTE not in d.notes for d in plan.days)


LIBRARY = Library(catalog=data_files.load_catalog(), rules=data_files.load_rulebook())


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=6), st.sampled_from([5, 10, 20, 40]))
def test_any_start_day_has_a_walk_and_other_days_keep_their_items(offset: int, walk: int) -> None:
    lib = LIBRARY
    started = MONDAY + timedelta(days=offset)
    plain = _plan(lib, started, None, walk_minutes=walk)
    plan = _plan(lib, started, started, walk_minutes=walk)
    today = plan.day(started)
    assert today is not None and any(i.category == "aerobic" for i in today.items)
    for a, b in zip(plain.days, plan.days, strict=True):
        if a.date != started:
            assert a.items == b.items  # only the first day changes
