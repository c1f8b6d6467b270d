"""The first day counts: onboarding on any weekday gives a starter today; earlier days are not missed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright.adapters import data_files
from upright.domain.planning.first_week import (
    BEFORE_START_NOTE,
    FIRST_DAY_NOTE,
    FIRST_SESSION_NOTE,
    STARTER_WHY,
    first_day_note,
    first_week,
)
from upright.domain.planning.plan import Plan, PlanDay, PlanItem
from upright.domain.profile import parse_profile
from upright.domain.safety.screening import Stop
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
    # the note says what the day holds: the plan's own session, not "a short walk and the stretch"
    assert {i.category for i in plan.days[0].items} - {"aerobic", "stretch"}
    assert FIRST_SESSION_NOTE in plan.days[0].notes and FIRST_DAY_NOTE not in plan.days[0].notes
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


# --- first_week one rule at a time, on a hand-made week ---


def _walk(times: object = 3) -> PlanItem:
    dose: dict[str, object] = {"minutes": 10}
    if times is not None:
        dose["times"] = times
    return PlanItem("walking", "Walking", "aerobic", (), dose, ("why",), est_minutes=30.0)


def _stretch() -> PlanItem:
    return PlanItem("hamstring_strap", "Strap", "stretch", (), {}, (), est_minutes=2.0)


def _week(*days: tuple[PlanItem, ...], mode: str = "normal", stop: Stop | None = None) -> Plan:
    return Plan(
        stop,
        "cleared",
        MONDAY,
        tuple(
            PlanDay(MONDAY + timedelta(days=n), items, ("n",), mode) for n, items in enumerate(days)
        ),
        (),
    )


def test_the_starter_walk_is_one_bout_of_the_usual_walk() -> None:
    plan = _week((_walk(3),), (_stretch(),), (_stretch(),))
    started = first_week(plan, MONDAY + timedelta(days=1))
    before, today, after = started.days
    assert before.items == plan.days[0].items and before.notes == ("n", BEFORE_START_NOTE)
    assert [i.id for i in today.items] == ["walking", "hamstring_strap"]  # the walk comes first
    walk = today.items[0]
    assert walk.dose == {"minutes": 10, "times": 1}
    assert walk.est_minutes == 10.0  # must go down: a third of the three bouts
    assert walk.why == ("why", STARTER_WHY)
    assert today.notes == ("n", FIRST_DAY_NOTE)
    assert after == plan.days[2]


@pytest.mark.parametrize("times", [None, 0, 1])
def test_a_walk_without_bouts_counts_as_one(times: object) -> None:
    plan = _week((_walk(times),), (_stretch(),))
    walk = first_week(plan, MONDAY + timedelta(days=1)).days[1].items[0]
    assert walk.est_minutes == 30.0 and walk.dose["times"] == 1


def test_a_start_day_with_a_walk_or_without_any_walk_in_the_week_adds_none() -> None:
    own = _week((_stretch(),), (_walk(2), _stretch()))
    assert first_week(own, MONDAY + timedelta(days=1)).days[1].items == own.days[1].items
    none = _week((_stretch(),), (_stretch(),))
    today = first_week(none, MONDAY + timedelta(days=1)).days[1]
    assert today.items == none.days[1].items and FIRST_DAY_NOTE not in today.notes
    assert today.notes[-1].startswith("Your first day: the stretch, to start gently")


@pytest.mark.parametrize(
    ("items", "note"),
    [
        ((), "Your first day: nothing is planned today."),
        (("aerobic",), "Your first day: a short walk, to start gently."),
        (("aerobic", "stretch"), FIRST_DAY_NOTE),
        (("stretch", "aerobic"), FIRST_DAY_NOTE),
        (("aerobic", "stretch", "core"), FIRST_SESSION_NOTE),
        (("aerobic", "mobility"), FIRST_SESSION_NOTE),
        (("stretch",), "Your first day: the stretch, to start gently."),
    ],
)
def test_the_first_day_note_says_what_the_day_holds(items: tuple[str, ...], note: str) -> None:
    made = tuple(PlanItem(c, c, c, (), {}, (), est_minutes=1.0) for c in items)
    assert first_day_note(made) == note


@pytest.mark.parametrize("mode", ["flare", "paused", "stopped"])
def test_no_starter_on_a_flare_pause_or_stop_day(mode: str) -> None:
    plan = _week((_walk(),), (_stretch(),), mode=mode)
    today = first_week(plan, MONDAY + timedelta(days=1)).days[1]
    assert today == plan.days[1]


def test_a_stopped_plan_or_a_start_outside_the_week_is_left_as_it_is() -> None:
    stop = Stop("soon", "Book.", ())
    stopped = _week((_walk(),), (_stretch(),), stop=stop)
    assert first_week(stopped, MONDAY + timedelta(days=1)) is stopped
    plan = _week((_walk(),), (_stretch(),))
    assert first_week(plan, MONDAY + timedelta(days=9)) is plan


def test_a_long_first_walk_is_never_called_short(library: Library) -> None:
    """Someone who walks 20 minutes starts at a brisk 20-minute walk: the first day's words say
    "one walk", never "one short walk" beside "20 minutes at a brisk pace"."""
    plan = _plan(library, SUNDAY, SUNDAY, walk_minutes=20)
    today = plan.day(SUNDAY)
    assert today is not None
    walk = next(i for i in today.items if i.category == "aerobic")
    assert walk.dose["minutes"] >= 20
    words = " ".join([*today.notes, *walk.why])
    assert "short walk" not in words
    assert "Your first day: one walk and the stretch, to start gently." in today.notes
    short = _plan(library, SUNDAY, SUNDAY, walk_minutes=5).day(SUNDAY)
    assert short is not None and FIRST_DAY_NOTE in short.notes


def test_the_first_step_says_how_often_as_its_dose_does(library: Library) -> None:
    plan = _plan(library, MONDAY, None, walk_minutes=5)
    walk = next(i for d in plan.days for i in d.items if i.category == "aerobic")
    assert walk.dose["times"] == 2
    assert any("walks of 5 minutes, twice a day" in w for w in walk.why)
    assert not any("2-3 times" in w for w in walk.why)


@pytest.mark.parametrize(("clearance", "asked"), [("not_yet", True), ("cleared", False)])
def test_the_welcome_asks_to_check_with_a_doctor_only_before_clearance(
    library: Library, clearance: str, asked: bool
) -> None:
    plan = _plan(library, MONDAY, MONDAY, clearance=clearance)
    assert plan.card is not None and plan.card["id"] == "welcome"
    body = " ".join(plan.card["body"])
    assert ("check with your doctor before you start" in body) is asked
    assert "not medical advice" in body


def test_a_day_over_the_minutes_given_says_why(library: Library) -> None:
    """30 minutes a day given: a day of "About 31 minutes" says the stretch comes on top."""
    plan = _plan(
        library, MONDAY, None, minutes_per_day=30, walk_minutes=15, clearance="cleared",
        conditions=["nonspecific_chronic", "sciatica"], days=["mon", "tue", "thu", "sat"],
    )  # fmt: skip
    assert any(round(d.minutes) > 30 for d in plan.days)
    for day in plan.days:
        if round(day.minutes) > 30:
            assert any("your 30 minutes" in n for n in day.notes), day.notes
        else:
            assert not any("the daily stretch on top" in n for n in day.notes)
