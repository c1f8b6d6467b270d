"""Property tests over random histories: the safety net holds whatever was logged."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright import bootstrap
from upright.domain import vocab
from upright.domain.planning.plan import Plan, PlanDay
from upright.domain.profile import parse_profile
from upright.domain.progression import pain
from upright.domain.progression.engine import replay
from upright.domain.safety.screening import screen
from upright.domain.tracking.logs import parse_history
from upright.services.planning import plan_from_data

LIBRARY = bootstrap.library()
MON = date(2026, 1, 5)
DAYS = 28
PAIN = st.one_of(st.none(), st.integers(0, 10))
KNOWN = [e.id for e in LIBRARY.catalog.exercises]


@st.composite
def histories(draw: st.DrawFn, flags: bool = True, quiet: bool = False) -> list[dict[str, Any]]:
    out = []
    for offset in range(DAYS):
        if draw(st.floats(0, 1)) < 0.3:
            continue
        session: dict[str, Any] = {
            "date": (MON + timedelta(days=offset)).isoformat(),
            "items": [{"id": "walking", "status": draw(st.sampled_from(("done", "partly")))}],
        }
        if not quiet:
            for key in ("pain_before", "pain_during", "pain_after", "pain_next_morning"):
                value = draw(PAIN)
                if value is not None:
                    session[key] = value
            legs = draw(st.one_of(st.none(), st.sampled_from(vocab.LEG_SYMPTOMS)))
            if legs is not None:
                session["leg_symptoms"] = legs
        if flags and draw(st.floats(0, 1)) < 0.15:
            session["red_flags"] = draw(
                st.lists(st.sampled_from(tuple(vocab.RED_FLAGS)), max_size=2, unique=True)
            )
        out.append(session)
    return out


def planned(history: list[dict[str, Any]], on: date, **kw: Any) -> Plan:
    return plan_from_data(base_profile(**kw), on, LIBRARY, history)


def walk_total(day: PlanDay) -> float:
    return sum(
        float(i.dose["minutes"]) * float(i.dose["times"])
        for i in day.items
        if i.category == "aerobic"
    )


@settings(max_examples=60, deadline=None)
@given(history=histories(flags=False, quiet=True), walk=st.integers(0, 30))
def test_no_week_without_pain_answers_steps_up(history: list[dict[str, Any]], walk: int) -> None:
    profile = parse_profile(base_profile(walk_minutes=walk))
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    sessions = parse_history({"sessions": history}, KNOWN)
    state, records = replay(profile, screening, sessions, MON + timedelta(days=DAYS + 7))
    states = [r.state for r in records] + [state]
    for record, after in zip(records, states[1:], strict=True):
        assert record.verdict != "step_up"
        assert after.walking_step <= record.state.walking_step
        for family, level in after.levels.items():
            assert level <= record.state.level(family)


@settings(max_examples=60, deadline=None)
@given(history=histories(flags=False), on=st.integers(7, DAYS), walk=st.integers(1, 30))
def test_flare_days_never_hold_more_than_before_the_flare(
    history: list[dict[str, Any]], on: int, walk: int
) -> None:
    plan = planned(history, MON + timedelta(days=on), walk_minutes=walk)
    for n, day in enumerate(plan.days):
        if day.mode != "flare" or n == 0 or plan.days[n - 1].mode == "flare":
            continue
        before = [d for d in plan.days[:n] if walk_total(d) > 0]
        levels_before = {i.id: i.level or 1 for d in plan.days[:n] for i in d.items}
        for later in plan.days[n:]:
            if later.mode != "flare":
                break
            if before:
                assert walk_total(later) <= walk_total(before[-1])
            for item in later.items:
                assert (item.level or 1) <= levels_before.get(item.id, 1)
                assert item.category in ("aerobic", "mobility")


@settings(max_examples=60, deadline=None)
@given(history=histories(), on=st.integers(0, DAYS))
def test_any_logged_red_flag_stops_the_plan_at_its_level_from_that_day(
    history: list[dict[str, Any]], on: int
) -> None:
    when = MON + timedelta(days=on)
    plan = planned(history, when)
    logged = {
        flag: date.fromisoformat(s["date"])
        for s in reversed(history)
        for flag in s.get("red_flags", [])
        if date.fromisoformat(s["date"]) <= when
    }
    if not logged:
        assert plan.stop is None
        return
    worst = min((vocab.RED_FLAGS[f] for f in logged), key=vocab.URGENCY_LEVELS.index)
    assert plan.stop is not None and plan.stop.level == worst
    first = min(logged.values())
    for day in plan.days:
        if day.date >= first:
            assert day.mode == "stopped"
            levels = [vocab.RED_FLAGS[f] for f, d in logged.items() if d <= day.date]
            if min(levels, key=vocab.URGENCY_LEVELS.index) != "soon":
                assert not day.items
            else:
                assert {i.category for i in day.items} <= {"aerobic"}


@st.composite
def steady(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]]]:
    level = draw(st.integers(pain.PAIN_ACCEPTABLE, 9))
    out = []
    for offset in range(DAYS):
        if draw(st.booleans()):
            continue
        session: dict[str, Any] = {
            "date": (MON + timedelta(days=offset)).isoformat(),
            "items": [{"id": "walking", "status": "done"}],
        }
        for key in ("pain_before", "pain_during", "pain_after", "pain_next_morning"):
            if draw(st.booleans()):
                session[key] = level
        out.append(session)
    return level, out


@settings(max_examples=60, deadline=None)
@given(data=steady(), on=st.integers(0, DAYS + 7))
def test_a_stable_high_baseline_without_rises_is_never_a_flare(
    data: tuple[int, list[dict[str, Any]]], on: int
) -> None:
    level, history = data
    plan = planned(history, MON + timedelta(days=on), pain_now=level)
    assert "flare" not in {d.mode for d in plan.days}
    profile = parse_profile(base_profile(pain_now=level))
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    _, records = replay(
        profile, screening, parse_history({"sessions": history}, KNOWN), MON + timedelta(days=on)
    )
    assert all(r.verdict != "step_back" for r in records)
