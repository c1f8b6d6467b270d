"""The day modes one rule at a time (day_modes.py): the flare day's gentle items and capped walks,
a stopped day, the merged stop, and which mode each day gets. Every lowered dose must go down.
Written from the mutants that survived ``scripts/mutation`` (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright import bootstrap
from upright.domain.planning.generator import build_plan
from upright.domain.planning.plan import Plan, PlanDay, PlanItem
from upright.domain.profile import parse_profile
from upright.domain.progression import day_modes, pain
from upright.domain.progression.daily import PAUSED_TEXT
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Screening, screen
from upright.domain.tracking.logs import ItemLog, SessionLog

LIBRARY = bootstrap.library()
BOOK = LIBRARY.rules


def screening(**kw: Any) -> Screening:
    return screen(parse_profile(base_profile(**kw)), LIBRARY.catalog, BOOK)


def walk(minutes: float, times: int | None = 2) -> PlanItem:
    dose: dict[str, Any] = {"minutes": minutes, "modality": "walking", "intensity": "brisk"}
    if times is not None:
        dose["times"] = times
    return PlanItem("walking", "Walking", "aerobic", (), dose, ("why",), est_minutes=minutes)


def mobility(level: int) -> PlanItem:
    return PlanItem("cat_camel", "Cat-camel", "mobility", ("x",), {"reps": 99}, ("why",),
                    family="cat_camel", level=level, level_name="n")  # fmt: skip


def stretch() -> PlanItem:
    return PlanItem("hamstring_strap", "Strap", "stretch", (), {"minutes": 50, "times": 9}, ())


def week(*items_by_day: tuple[PlanItem, ...]) -> Plan:
    days = tuple(PlanDay(MONDAY + timedelta(days=n), items) for n, items in enumerate(items_by_day))
    return Plan(None, "cleared", MONDAY, days, ())


def test_a_days_walking_counts_every_walk_and_nothing_else() -> None:
    day = PlanDay(MONDAY, (walk(7, 3), stretch(), walk(4, None)))
    assert day_modes._walk_total(day) == 7 * 3 + 4


def test_flare_mode_takes_mobility_down_to_its_first_level() -> None:
    sc = screening()
    cat_camel = LIBRARY.catalog.get("cat_camel")
    assert cat_camel is not None
    gentle = day_modes._gentle(mobility(3), sc)
    first = cat_camel.level(1)
    assert gentle.level == 1  # must go down
    assert gentle.dose == dict(first.dose) and gentle.level_name == first.name
    assert gentle.movements == cat_camel.movements_at(1)
    assert gentle.why == ("why", "Flare mode: the gentlest level only.")
    for unchanged in (mobility(1), replace(mobility(3), level=None)):
        assert day_modes._gentle(unchanged, sc) is unchanged
    not_allowed = replace(mobility(3), id="no_such_drill")
    assert day_modes._gentle(not_allowed, sc) is not_allowed


def test_a_flare_day_walks_no_more_than_the_last_walking_day_before_the_flare() -> None:
    sc = screening()
    plan = week((walk(10, 2),), (walk(6, 2),), (), (walk(12, 1), mobility(3)), (), (), ())
    # flare from Wednesday: the last walking day before it is Tuesday (12 minutes)
    items = day_modes._flare_items(plan, plan.days[3], MONDAY + timedelta(days=2), sc)
    walks = [i for i in items if i.category == "aerobic"]
    assert [i.id for i in items] == ["cat_camel", "walking"]
    assert items[0].level == 1
    minutes, times = walks[0].dose["minutes"], walks[0].dose["times"]
    assert (minutes, times) == day_modes.flare_walk(12, 12)  # the day's own walk sets the bout
    assert minutes * times <= 12 and walks[0].dose["intensity"] == "easy"
    assert walks[0].est_minutes == minutes * times
    assert f"{times} short, easy walks of {minutes} minutes" in walks[0].why[-1]
    # a flare from Tuesday: Monday's 20 minutes is the cap (Tuesday itself is not "before")
    tue = day_modes._flare_items(plan, plan.days[1], MONDAY + timedelta(days=1), sc)
    tue_walk = [i for i in tue if i.category == "aerobic"][0]
    assert (tue_walk.dose["minutes"], tue_walk.dose["times"]) == day_modes.flare_walk(20, 6)


def test_a_flare_from_the_first_day_caps_at_the_smallest_walking_day() -> None:
    sc = screening()
    plan = week((walk(10, 2),), (walk(6, 2),), (), (), (), (), ())
    items = day_modes._flare_items(plan, plan.days[2], MONDAY, sc)
    # a day with no walk of its own borrows the week's first walk, capped at 12 (Tuesday)
    assert [i.id for i in items] == ["walking"]
    minutes, times = items[0].dose["minutes"], items[0].dose["times"]
    assert (minutes, times) == day_modes.flare_walk(12, 10)


def test_a_week_without_walking_has_no_flare_walk() -> None:
    plan = week((mobility(2),), (), (), (), (), (), ())
    items = day_modes._flare_items(plan, plan.days[1], MONDAY, screening())
    assert [i.id for i in items] == ["cat_camel"]


@pytest.mark.parametrize(("level", "kept"), [("soon", True), ("same_day", False),
                                             ("emergency", False)])  # fmt: skip
def test_a_stopped_day_keeps_only_the_usual_walk_and_only_for_a_soon_stop(
    level: str, kept: bool
) -> None:
    day = PlanDay(MONDAY, (walk(10), stretch()), ("old",))
    stopped = day_modes._stopped_day(day, level, ("Stop.",))
    assert stopped.mode == "stopped" and stopped.notes == ("Stop.",)
    assert [i.id for i in stopped.items] == (["walking"] if kept else [])


def test_logged_flags_merge_with_the_screening_stop_worst_level_first() -> None:
    calm = screening()
    when = MONDAY + timedelta(days=2)
    assert day_modes._merged_stop(calm, BOOK, ()) is None
    logged = day_modes._merged_stop(calm, BOOK, [("night_pain", when), ("saddle_numbness", when)])
    assert logged is not None and logged.level == "emergency"
    assert logged.message == BOOK.level("emergency").message
    assert logged.reasons[0].startswith(f"In your safety check on {when:%a %d %b} you answered yes")
    assert BOOK.flag("saddle_numbness").reason in logged.reasons[0]
    assert BOOK.flag("night_pain").reason in logged.reasons[1]
    soon = screening(red_flags=["night_pain"])
    assert day_modes._merged_stop(soon, BOOK, ()) is soon.stop
    both = day_modes._merged_stop(soon, BOOK, [("saddle_numbness", when)])
    assert soon.stop is not None and both is not None
    assert both.level == "emergency" and both.message == BOOK.level("emergency").message
    assert both.reasons[-len(soon.stop.reasons) :] == soon.stop.reasons
    milder = day_modes._merged_stop(screening(red_flags=["saddle_numbness"]), BOOK,
                                    [("night_pain", when)])  # fmt: skip
    assert milder is not None and milder.level == "emergency"


def test_only_a_soon_stop_with_usual_walking_is_lifted_for_the_builder() -> None:
    soon = screening(red_flags=["night_pain"], walk_minutes=20)
    assert soon.allowed and day_modes.buildable(soon).stop is None
    emergency = screening(red_flags=["saddle_numbness"], walk_minutes=20)
    assert day_modes.buildable(emergency) is emergency
    no_walking = screening(red_flags=["night_pain"], walk_minutes=0)
    assert not no_walking.allowed and day_modes.buildable(no_walking) is no_walking
    calm = screening()
    assert day_modes.buildable(calm) is calm


# --- apply_day_modes: the mode of each day ---


def applied(sessions: list[SessionLog], known: int = 6, **kw: Any) -> Plan:
    sc = screening(**kw)
    built = build_plan(day_modes.buildable(sc), MONDAY, ProgressState(3, ("start",)))
    return day_modes.apply_day_modes(built, sc, BOOK, sessions, MONDAY + timedelta(days=known))


def log(offset: int, **kw: Any) -> SessionLog:
    return SessionLog(MONDAY + timedelta(days=offset), (ItemLog("walking", "done"),), **kw)


def test_a_cleared_person_gets_normal_days_and_a_waiting_one_gets_starter_days() -> None:
    assert {d.mode for d in applied([]).days} == {"normal"}
    assert {d.mode for d in applied([], clearance="not_yet").days} == {"starter"}
    assert {d.mode for d in applied([], clearance="advised_against").days} == {"stopped"}


def test_a_screening_stop_stops_every_day_and_a_soon_stop_keeps_the_walks() -> None:
    soon = applied([], red_flags=["night_pain"], walk_minutes=20)
    assert {d.mode for d in soon.days} == {"stopped"}
    assert {i.id for d in soon.days for i in d.items} == {"walking"}
    assert soon.stop is not None and soon.stop.level == "soon"


def test_a_logged_flag_stops_from_its_day_on_at_its_level() -> None:
    plan = applied([log(0, red_flags=()), log(2, red_flags=("night_pain",))], walk_minutes=20)
    assert [d.mode for d in plan.days] == ["normal", "normal"] + ["stopped"] * 5
    assert plan.stop is not None and plan.stop.level == "soon"
    assert all(i.id == "walking" for d in plan.days[2:] for i in d.items)
    assert plan.days[2].notes == (plan.stop.message,)
    worst = applied([log(1, red_flags=("night_pain", "saddle_numbness"))], walk_minutes=20)
    assert all(not d.items for d in worst.days[1:])


def test_new_numbness_pauses_and_a_flare_gives_flare_days() -> None:
    paused = applied([log(1, leg_symptoms="new_numbness_or_weakness")])
    assert [d.mode for d in paused.days][1:3] == ["paused", "paused"]
    assert paused.days[1].items == () and paused.days[1].notes == (PAUSED_TEXT,)
    flared = applied([log(1, pain_during=pain.PAIN_ACCEPTABLE + 3)], pain_now=1)
    assert [d.mode for d in flared.days][:3] == ["normal", "normal", "flare"]
    assert flared.days[2].notes and flared.days[2].notes[0].startswith("Flare mode since")


def test_what_is_known_later_does_not_change_earlier_days() -> None:
    # the flag is logged on Friday; a plan made on Wednesday does not know it yet
    plan = applied([log(4, red_flags=("night_pain",))], known=2, walk_minutes=20)
    assert {d.mode for d in plan.days} == {"normal"} and plan.stop is None
