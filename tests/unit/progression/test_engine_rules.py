"""Boundary rows for the weekly replay's rules (engine.py): re-entry after a break, the core
levels, the walking decision and the week's walking minutes.

Each row sits on a named limit and one step past it, and where a rule lowers a dose the test
says it must go down. Written from the mutants that survived ``scripts/mutation``
(docs/architecture.md, "Mutation testing").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.conftest import MONDAY, base_profile
from upright import bootstrap
from upright.domain.planning.generator import build_plan
from upright.domain.profile import parse_profile
from upright.domain.progression import engine, pain, walking
from upright.domain.progression.engine import (
    CLEAN_SESSIONS_TO_LEVEL_UP,
    FLARE_WEEKS_TO_SEE_CLINICIAN,
    GAP_DAYS_PER_EXTRA_STEP,
    GAP_LEVEL_DROP_DAYS,
    GAP_REENTRY_DAYS,
    WeekRecord,
    reenter,
    replay,
)
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Screening, screen
from upright.domain.tracking.logs import ItemLog, SessionLog

LIBRARY = bootstrap.library()
CORE = "bird_dog"  # a core family with 4 levels, allowed for the base profile
STEP_UP = pain.PainVerdict("step_up", False, ("fine",))
HOLD = pain.PainVerdict("hold", False, ("hold",))
FLARE = pain.PainVerdict("step_back", True, ("flare",))


def screening(**kw: Any) -> Screening:
    return screen(parse_profile(base_profile(**kw)), LIBRARY.catalog, LIBRARY.rules)


def state(step: int = 5, **kw: Any) -> ProgressState:
    return ProgressState(walking_step=step, walking_reasons=("start",), **kw)


def session(day: date = MONDAY, *items: ItemLog, **pains: Any) -> SessionLog:
    return SessionLog(day=day, items=items, **pains)


def core(status: str = "done", pain_level: int | None = None) -> ItemLog:
    return ItemLog(CORE, status, pain=pain_level)


# --- re-entry after a break (reference.md §4.6) ---


@pytest.mark.parametrize(
    ("gap", "expected_step"),
    [
        (GAP_REENTRY_DAYS, 4),
        (GAP_REENTRY_DAYS + GAP_DAYS_PER_EXTRA_STEP - 1, 4),
        (GAP_REENTRY_DAYS + GAP_DAYS_PER_EXTRA_STEP, 3),
        (GAP_REENTRY_DAYS + 2 * GAP_DAYS_PER_EXTRA_STEP - 1, 3),
        (GAP_REENTRY_DAYS + 2 * GAP_DAYS_PER_EXTRA_STEP, 2),
        (GAP_REENTRY_DAYS + 10 * GAP_DAYS_PER_EXTRA_STEP, 1),
    ],
)
def test_a_break_steps_the_walking_down_one_more_step_each_further_week(
    gap: int, expected_step: int
) -> None:
    after = reenter(state(5), gap)
    assert after.walking_step == expected_step  # must go down, by exactly this much
    assert after.mode == "reentry"
    dropped = 5 - expected_step
    text = after.walking_reasons[0]
    assert f"{gap} days" in text and f"step {expected_step}" in text
    assert f"restarts {dropped} step{'s' if dropped > 1 else ''} lower" in text
    assert (f"{dropped} steps" in text) == (dropped > 1)


def test_a_break_never_goes_below_the_first_step_and_says_it_starts_gently() -> None:
    after = reenter(state(1), GAP_REENTRY_DAYS)
    assert after.walking_step == 1
    assert "starts again gently at step 1" in after.walking_reasons[0]
    assert "lower" not in after.walking_reasons[0]


@pytest.mark.parametrize(
    ("gap", "dropped"), [(GAP_LEVEL_DROP_DAYS - 1, False), (GAP_LEVEL_DROP_DAYS, True)]
)
def test_a_long_break_lowers_every_core_level_above_the_first(gap: int, dropped: bool) -> None:
    before = state(5, levels={CORE: 3, "plank": 2, "dead_bug": 1}, clean_counts={CORE: 1})
    after = reenter(before, gap)
    assert after.clean_counts == {}
    if dropped:  # must go down
        assert after.levels == {CORE: 2, "plank": 1, "dead_bug": 1}
        assert f"{gap} days" in after.level_reasons[CORE][0]
        assert "dead_bug" not in after.level_reasons
    else:
        assert after.levels == before.levels
        assert after.level_reasons == {}
    assert before.levels[CORE] == 3  # the state it came from is not changed


# --- core levels (reference.md §4.1, §4.4) ---


def levels(
    before: ProgressState, sessions: list[SessionLog], verdict: pain.PainVerdict, **kw: Any
) -> tuple[dict[str, int], dict[str, tuple[str, ...]], dict[str, int]]:
    return engine._levels(before, screening(**kw), sessions, verdict)


def test_a_flare_lowers_each_core_level_by_one_but_never_below_the_first() -> None:
    before = state(levels={CORE: 3, "plank": 1}, clean_counts={CORE: 1})
    after, reasons, counts = levels(before, [], FLARE)
    assert after[CORE] == 2  # must go down
    assert after.get("plank", 1) == 1
    assert counts[CORE] == 0
    assert "Down one level to 2" in reasons[CORE][0]


@pytest.mark.parametrize(
    ("felt", "baseline", "hurt"),
    [
        (pain.PAIN_ACCEPTABLE + 1, pain.PAIN_ACCEPTABLE + 1 - pain.FLARE_RISE, True),
        (pain.PAIN_ACCEPTABLE + 1, pain.PAIN_ACCEPTABLE + 2 - pain.FLARE_RISE, False),
        (pain.PAIN_ACCEPTABLE, 0, False),
        (10, 0, True),
    ],
)
def test_an_exercise_that_hurt_steps_back_one_level(felt: int, baseline: int, hurt: bool) -> None:
    before = state(levels={CORE: 3}, clean_counts={CORE: 1})
    after, reasons, counts = levels(before, [session(MONDAY, core(pain_level=felt))], HOLD,
                                    pain_now=baseline)  # fmt: skip
    if hurt:
        assert after[CORE] == 2 and counts[CORE] == 0  # must go down
        assert f"above {pain.PAIN_ACCEPTABLE}/10" in reasons[CORE][0]
    else:
        assert after[CORE] == 3


def test_a_hurt_level_one_exercise_stays_at_one_and_its_count_restarts() -> None:
    before = state(levels={CORE: 1}, clean_counts={CORE: 1})
    after, reasons, counts = levels(before, [session(MONDAY, core(pain_level=9))], HOLD, pain_now=0)
    assert after.get(CORE, 1) == 1 and counts[CORE] == 0 and CORE not in reasons


@pytest.mark.parametrize(
    ("status", "felt", "baseline", "clean"),
    [
        ("done", pain.PAIN_SAFE, 0, True),
        ("done", pain.PAIN_SAFE + 1, 0, False),
        ("done", pain.PAIN_SAFE + 1, pain.PAIN_SAFE + 1, True),
        ("done", pain.PAIN_SAFE + 2, pain.PAIN_SAFE + 1, False),
        ("done", None, 0, False),  # no answer is not a good answer
        ("partly", 0, 0, False),  # partly done is not clean
        ("skipped", 0, 0, False),
    ],
)
def test_only_a_fully_done_low_pain_session_counts_as_clean(
    status: str, felt: int | None, baseline: int, clean: bool
) -> None:
    before = state(levels={CORE: 2}, clean_counts={CORE: 0})
    _, _, counts = levels(before, [session(MONDAY, core(status, felt))], HOLD, pain_now=baseline)
    assert counts.get(CORE, 0) == (1 if clean else 0)


def test_the_session_pain_stands_in_when_the_item_has_no_answer() -> None:
    before = state(levels={CORE: 2})
    calm = session(MONDAY, core(), pain_during=pain.PAIN_SAFE)
    sore = session(MONDAY, core(), pain_during=pain.PAIN_SAFE + 1)
    assert levels(before, [calm], HOLD, pain_now=0)[2][CORE] == 1
    assert levels(before, [sore], HOLD, pain_now=0)[2].get(CORE, 0) == 0


def test_the_usual_pain_comes_from_the_earlier_sessions() -> None:
    before = state(levels={CORE: 2})
    earlier = [session(MONDAY - timedelta(days=d), pain_before=5) for d in (1, 2, 3)]
    today = [session(MONDAY, core(pain_level=5))]
    counted = engine._levels(before, screening(pain_now=0), today, HOLD, earlier)[2]
    alone = engine._levels(before, screening(pain_now=0), today, HOLD)[2]
    assert counted[CORE] == 1 and alone.get(CORE, 0) == 0


@pytest.mark.parametrize(
    ("count", "verdict", "up"),
    [
        (CLEAN_SESSIONS_TO_LEVEL_UP - 1, STEP_UP, False),
        (CLEAN_SESSIONS_TO_LEVEL_UP, STEP_UP, True),
        (CLEAN_SESSIONS_TO_LEVEL_UP, HOLD, False),
    ],
)
def test_a_level_rises_after_the_named_number_of_clean_sessions_in_a_good_week(
    count: int, verdict: pain.PainVerdict, up: bool
) -> None:
    before = state(levels={CORE: 2}, clean_counts={CORE: count - 1})
    after, reasons, counts = levels(before, [session(MONDAY, core(pain_level=0))], verdict)
    if up:
        assert after[CORE] == 3 and counts[CORE] == 0
        assert "Up one level to 3" in reasons[CORE][0]
        assert f"{count} times" in reasons[CORE][0]
    else:
        assert after[CORE] == 2 and counts[CORE] == count


def test_a_level_never_rises_past_what_screening_allows() -> None:
    top = screening().allowance(CORE)
    assert top is not None
    before = state(levels={CORE: top.max_level}, clean_counts={CORE: 5})
    after, reasons, counts = levels(before, [], STEP_UP)
    assert after[CORE] == top.max_level and CORE not in reasons and counts[CORE] == 0


def test_a_level_above_the_allowed_one_is_read_as_the_allowed_one() -> None:
    # a clinician's restriction capped the level: a flare steps back from the cap, not above it
    top = screening().allowance(CORE)
    assert top is not None
    before = state(levels={CORE: top.max_level + 3})
    after, _, _ = levels(before, [], FLARE)
    assert after[CORE] == top.max_level - 1


def test_single_level_exercises_and_other_categories_keep_no_count() -> None:
    # the walk is aerobic, and a one-level exercise has nowhere to go
    before = state()
    walk = ItemLog("walking", "done", pain=0)
    single = [a.exercise.id for a in screening().allowed if a.exercise.top_level < 2]
    items = [walk] + [ItemLog(x, "done", pain=0) for x in single]
    _, _, counts = levels(before, [session(MONDAY, *items)], STEP_UP)
    assert counts == {}


# --- the week's walking decision ---


def record(done: float, planned: float, sessions: tuple[SessionLog, ...] = ()) -> WeekRecord:
    return WeekRecord(
        MONDAY,
        state(),
        None,
        sessions,
        3,
        3,
        planned,
        done,
        done,
        "step_up",
        (),  # type: ignore[arg-type]
    )


def decide(
    before: ProgressState,
    done: float = 100.0,
    planned: float = 100.0,
    verdict: pain.PainVerdict = STEP_UP,
    flare_weeks: int = 0,
    sessions: tuple[SessionLog, ...] = (),
    earlier: tuple[SessionLog, ...] = (),
    **kw: Any,
) -> ProgressState:
    return engine._decide(
        before, screening(**kw), record(done, planned, sessions), verdict, flare_weeks, earlier
    )


@pytest.mark.parametrize(
    ("done", "up"),
    [
        (pain.ADHERENCE_TO_PROGRESS * 100, True),
        (pain.ADHERENCE_TO_PROGRESS * 100 - 1, False),
        (50.0, False),
        (30.0, False),
    ],
)
def test_walking_steps_up_only_when_three_quarters_of_it_was_done(done: float, up: bool) -> None:
    after = decide(state(4), done=done, planned=100.0)
    assert after.walking_step == (5 if up else 4)
    assert after.mode == ("step_up" if up else "hold")
    if not up:
        assert f"{done:.0f} of 100 planned walking minutes" in after.walking_reasons[0]


def test_a_week_with_no_planned_walking_counts_as_done() -> None:
    assert decide(state(4), done=0.0, planned=0.0).walking_step == 5


def test_a_flare_week_steps_walking_back_one_step_never_below_the_first() -> None:
    after = decide(state(4), verdict=FLARE)
    assert after.walking_step == 3 and after.mode == "flare"  # must go down
    assert "step 3" in after.walking_reasons[-1]
    assert decide(state(1), verdict=FLARE).walking_step == 1


@pytest.mark.parametrize(("weeks", "asked"), [(FLARE_WEEKS_TO_SEE_CLINICIAN - 1, False),
                                              (FLARE_WEEKS_TO_SEE_CLINICIAN, True),
                                              (FLARE_WEEKS_TO_SEE_CLINICIAN + 1, True)])  # fmt: skip
def test_flare_weeks_in_a_row_ask_for_a_clinician(weeks: int, asked: bool) -> None:
    after = decide(state(4), verdict=FLARE, flare_weeks=weeks)
    assert bool(after.notes) == asked
    if asked:
        assert "doctor or physiotherapist" in after.notes[0]


def test_a_hold_week_keeps_the_step() -> None:
    after = decide(state(4), verdict=HOLD)
    assert after.walking_step == 4 and after.mode == "hold"
    assert after.walking_reasons == ("hold", "Walking holds at step 4.")


def test_a_person_not_cleared_stays_at_the_starter_however_well_it_went() -> None:
    after = decide(state(1), clearance="not_yet", walk_minutes=20)
    assert after.walking_step == 1 and after.mode == "hold"
    assert after.walking_reasons == ("The walking stays at the starter until a doctor clears you.",)


def test_a_not_cleared_person_still_steps_back_after_a_flare() -> None:
    after = decide(state(2), verdict=FLARE, clearance="not_yet", walk_minutes=20)
    assert after.walking_step == 1 and after.mode == "flare"


def test_the_top_of_the_ladder_holds() -> None:
    after = decide(state(walking.TOP_STEP))
    assert after.walking_step == walking.TOP_STEP
    assert "top of the walking ladder" in after.walking_reasons[0]
    below = decide(state(walking.TOP_STEP - 1))
    assert below.walking_step == walking.TOP_STEP


def test_a_short_walk_cap_grows_two_minutes_a_good_week_until_the_step_is_reached() -> None:
    minutes = walking.step(1).minutes
    grown = decide(state(1, walk_bout_cap=minutes - 3))
    assert grown.walk_bout_cap == minutes - 1 and grown.walking_step == 1
    assert grown.mode == "step_up"
    assert decide(state(1, walk_bout_cap=minutes - 2)).walk_bout_cap is None
    assert decide(state(1, walk_bout_cap=minutes - 3), verdict=HOLD).walk_bout_cap == minutes - 3


def test_a_red_flag_logged_now_or_before_stops_all_progress() -> None:
    before = state(4, levels={CORE: 2})
    flagged = session(MONDAY, red_flags=("saddle_numbness",))
    for after in (
        decide(before, sessions=(flagged,)),
        decide(before, earlier=(flagged,)),
        decide(before, red_flags=["saddle_numbness"]),
    ):
        assert after.walking_step == 4 and after.mode == "hold"
        assert "warning signs" in after.walking_reasons[0]
    # answered "no" is not a flag
    assert decide(before, sessions=(session(MONDAY, red_flags=()),)).walking_step == 5


# --- the week's walking minutes ---


def week_plan(**kw: Any) -> Any:
    sc = screening(**kw)
    return build_plan(sc, MONDAY, state(1))


def test_walking_minutes_add_what_was_logged_and_halve_a_partly_done_walk() -> None:
    plan = week_plan()
    walk = next(i for d in plan.days for i in d.items if i.category == "aerobic")
    bout = float(walk.dose["minutes"])
    times = int(walk.dose["times"])
    planned_days = sum(1 for d in plan.days if any(i.id == "walking" for i in d.items))
    logs = [
        session(MONDAY, ItemLog("walking", "done")),
        session(MONDAY + timedelta(days=1), ItemLog("walking", "partly")),
        session(MONDAY + timedelta(days=2), ItemLog("walking", "partly", minutes=4.0, times=3)),
        session(MONDAY + timedelta(days=3), ItemLog("walking", "skipped", minutes=30.0)),
        session(MONDAY + timedelta(days=4), ItemLog("walking", "done", minutes=7.0, times=0)),
    ]
    planned, done, longest = engine._walking(plan, logs, {})
    assert planned == bout * times * planned_days
    assert done == bout * times + bout / 2 * times + 12.0 + 7.0
    assert longest == 7.0


def test_device_walks_count_only_for_the_matching_kind() -> None:
    plan = week_plan()
    credits = {
        MONDAY: [("walk", 12.0), ("bike", 40.0)],
        MONDAY + timedelta(days=1): [("walk", 3.0)],
    }
    _, done, longest = engine._walking(plan, [], credits)
    assert done == 15.0 and longest == 12.0


# --- replay: when a break counts ---


def walk_day(day: date) -> SessionLog:
    return session(day, ItemLog("walking", "done"), pain_before=1, pain_after=1)


def replayed(days: list[date], until: date, **kw: Any) -> ProgressState:
    return replay_records(days, until, **kw)[0]


@pytest.mark.parametrize(("last", "reentry"), [(6, True), (7, False)])
def test_a_break_of_seven_days_before_the_plan_week_re_enters(last: int, reentry: bool) -> None:
    # days after MONDAY: the plan is for MONDAY + 14; a last walk on day 6 leaves 7 empty days
    state_now = replayed([MONDAY, MONDAY + timedelta(days=last)], MONDAY + timedelta(days=14))
    assert (state_now.mode == "reentry") == reentry


@pytest.mark.parametrize(("last", "reentry"), [(6, True), (7, False)])
def test_a_break_of_seven_days_inside_the_history_re_enters(last: int, reentry: bool) -> None:
    # the week from MONDAY + 14 re-enters when the walk before it left 7 empty days
    days = [MONDAY, MONDAY + timedelta(days=last), MONDAY + timedelta(days=14)]
    _, records = replay_records(days, MONDAY + timedelta(days=21))
    week = [r for r in records if r.week_start == MONDAY + timedelta(days=14)][0]
    assert (week.state.mode == "reentry") == reentry


def replay_records(
    days: list[date], until: date, **kw: Any
) -> tuple[ProgressState, list[WeekRecord]]:
    profile = parse_profile(base_profile(walk_minutes=20, **kw))
    sc = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    return replay(profile, sc, [walk_day(d) for d in days], until)
