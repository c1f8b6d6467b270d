"""Property tests over random histories: the progression never pushes too fast or during a flare."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from upright import bootstrap
from upright.domain import vocab
from upright.domain.planning.generator import build_plan
from upright.domain.planning.plan import Plan
from upright.domain.profile import parse_profile
from upright.domain.progression import pain, walking
from upright.domain.progression.engine import replay
from upright.domain.safety.screening import screen
from upright.domain.tracking.logs import ItemLog, SessionLog

LIBRARY = bootstrap.library()
START = date(2026, 1, 5)  # a Monday


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    conditions = draw(st.lists(st.sampled_from(vocab.CONDITIONS), unique=True, max_size=2))
    data: dict[str, Any] = {
        "age": 50,
        "conditions": conditions,
        "pain_now": draw(st.integers(0, 10)),
        "clearance": draw(
            st.sampled_from(("cleared", "cleared", "cleared_with_restrictions", "not_yet"))
        ),
        "restrictions": draw(
            st.lists(st.sampled_from(tuple(vocab.RESTRICTIONS)), unique=True, max_size=2)
        ),
        "walk_minutes": draw(st.integers(0, 40)),
        "equipment": draw(st.lists(st.sampled_from(vocab.EQUIPMENT), unique=True)),
        "prefers": draw(st.sampled_from(vocab.PREFERS)),
        "days": draw(st.lists(st.sampled_from(vocab.DAYS), unique=True, min_size=1)),
        "minutes_per_day": 240,
    }
    if "pregnancy" in conditions:
        data["pregnancy_week"] = 20
    return data


@st.composite
def week_logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One week's behaviour: which days were done, and the pain numbers."""
    days = []
    for _ in range(7):
        if draw(st.floats(0, 1)) < 0.3:
            days.append({})
            continue
        before = draw(st.integers(0, 8))
        days.append({
            "status": draw(st.sampled_from(("done", "done", "partly", "skipped"))),
            "pain_before": before,
            "pain_during": draw(st.integers(0, 10)),
            "pain_next_morning": draw(st.one_of(st.none(), st.integers(0, 10))),
            "item_pain": draw(st.one_of(st.none(), st.integers(0, 10))),
        })  # fmt: skip
    return days


def _sessions(plan: Plan, behaviour: list[dict[str, Any]]) -> list[SessionLog]:
    out = []
    for day, b in zip(plan.days, behaviour, strict=True):
        if not b or not day.items:
            continue
        items = tuple(ItemLog(id=i.id, status=b["status"], pain=b["item_pain"]) for i in day.items)
        out.append(SessionLog(day=day.date, items=items, pain_before=b["pain_before"],
                              pain_during=b["pain_during"], pain_next_morning=b["pain_next_morning"]))  # fmt: skip
    return out


def _walk(plan: Plan) -> tuple[float, float]:
    """(weekly walking minutes, longest walk) as planned."""
    weekly = 0.0
    longest = 0.0
    for day in plan.days:
        for item in day.items:
            if item.category == "aerobic" and item.dose.get("modality") == "walking":
                weekly += float(item.dose["minutes"]) * float(item.dose["times"])
                longest = max(longest, float(item.dose["minutes"]))
    return weekly, longest


def _run(
    data: dict[str, Any], weeks: list[list[dict[str, Any]]], gaps: list[int]
) -> list[tuple[Plan, list[SessionLog], Any]]:
    profile = parse_profile(data)
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    history: list[SessionLog] = []
    out = []
    week = START
    for behaviour, gap in zip(weeks, gaps, strict=True):
        week += timedelta(weeks=gap)
        state, _ = replay(profile, screening, history, week)
        plan = build_plan(screening, week, state)
        sessions = _sessions(plan, behaviour)
        history.extend(sessions)
        out.append((plan, sessions, state))
        week += timedelta(weeks=1)
    return out


histories = st.lists(week_logs(), min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(data=people(), weeks=histories, gaps=st.lists(st.integers(0, 4), min_size=8, max_size=8))
def test_dose_limits_hold_over_any_history(
    data: dict[str, Any], weeks: list[Any], gaps: list[int]
) -> None:
    gaps = [0] + [g if g < 3 else 0 for g in gaps[1 : len(weeks)]]
    runs = _run(data, weeks, gaps)
    for (before, sessions, s_before), (after, _, s_after) in zip(runs, runs[1:], strict=False):
        w0, l0 = _walk(before)
        w1, l1 = _walk(after)
        flare = pain.judge(sessions, None, data["pain_now"]).flare if sessions else False
        # walking never rises by more than the stated step
        assert l1 <= l0 + walking.MAX_LONGEST_WALK_RISE or l0 == 0
        assert (
            w1 <= w0 + max(w0 * walking.MAX_WEEKLY_RISE_FRACTION, walking.MAX_WEEKLY_RISE_MINUTES)
            or w0 == 0
        )
        # after a flare nothing rises
        if flare:
            assert w1 <= w0 and l1 <= l0
            assert all(s_after.level(f) <= s_before.level(f) for f in s_after.levels)
        # a level never rises by more than one per week
        for family, level in s_after.levels.items():
            assert level <= s_before.level(family) + 1


@settings(max_examples=60, deadline=None)
@given(data=people(), weeks=histories)
def test_excluded_exercises_stay_excluded_whatever_the_history(
    data: dict[str, Any], weeks: list[Any]
) -> None:
    runs = _run(data, weeks, [0] * len(weeks))
    excluded = {e.id for e in runs[0][0].excluded}
    for plan, _, _ in runs:
        planned = {i.id for d in plan.days for i in d.items}
        assert not planned & excluded
        assert {e.id for e in plan.excluded} == excluded
