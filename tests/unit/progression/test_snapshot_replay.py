"""Resuming the replay from a stored snapshot gives exactly the plan a full replay gives.

Random histories (pain that flares and settles, gaps, leg symptoms, red flags, device walks),
a snapshot taken at a random earlier day and sent through JSON, random edits after it: the
plan from the snapshot plus the recent sessions equals the plan from the whole history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from upright.adapters import data_files
from upright.domain.planning.generator import build_plan
from upright.domain.profile import parse_profile
from upright.domain.progression.engine import resume
from upright.domain.progression.snapshot import Snapshot, collect, from_json
from upright.domain.progression.state import initial_state
from upright.domain.progression.week_plan import on_week
from upright.domain.safety.screening import screen
from upright.services.library import Library
from upright.services.planning import plan_for, resume_plan
from upright.services.progress_state import BUILD, sessions_of

LIBRARY = Library(catalog=data_files.load_catalog(), rules=data_files.load_rulebook())
START = date(2025, 1, 6)
PAIN = st.one_of(st.none(), st.integers(0, 10))


def _ids(data: dict[str, Any]) -> list[str]:
    screening = screen(parse_profile(data), LIBRARY.catalog, LIBRARY.rules)
    return sorted(a.exercise.id for a in screening.allowed)


PROFILES = [
    base_profile(),
    base_profile(pain_now=6, walk_minutes=3, days=["mon", "tue", "wed", "thu", "fri"]),
    base_profile(conditions=["disc_herniation"], pain_now=1, walk_minutes=20),
    # the episode ages week by week (pain_weeks from the onset): a snapshot taken weeks earlier,
    # across the "not improving" line, must still resume exactly
    base_profile(conditions=["unknown"], pain_weeks=1, pain_onset="2024-12-30"),
]
IDS = [_ids(p) for p in PROFILES]


@st.composite
def sessions(draw: st.DrawFn, ids: list[str], first: date, days: int) -> list[dict[str, Any]]:
    out = []
    day = first
    end = first + timedelta(days=days)
    while day < end:
        day += timedelta(days=draw(st.sampled_from([1, 1, 1, 2, 3, 9, 16])))
        if day >= end:
            break
        chosen = draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
        items = [
            {
                "id": i,
                "status": draw(st.sampled_from(["done", "done", "partly", "skipped"])),
                **({"pain": p} if (p := draw(PAIN)) is not None else {}),
            }
            for i in chosen
        ]
        session: dict[str, Any] = {"date": day.isoformat(), "items": items}
        for field in ("pain_before", "pain_during", "pain_after", "pain_next_morning"):
            if (value := draw(PAIN)) is not None:
                session[field] = value
        legs = draw(
            st.sampled_from([None, None, None, "same", "spreading", "new_numbness_or_weakness"])
        )
        if legs is not None:
            session["leg_symptoms"] = legs
        if draw(st.integers(0, 12)) == 0:
            session["red_flags"] = draw(st.sampled_from([[], ["night_pain"]]))
        out.append(session)
    return out


def _credits(days: list[int]) -> dict[date, list[tuple[str, float]]]:
    return {START + timedelta(days=d): [("walk", 20.0)] for d in days}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(PROFILES) - 1),
    data=st.data(),
    split=st.integers(0, 150),
    ahead=st.integers(0, 60),
    walks=st.lists(st.integers(0, 230), max_size=8),
)
def test_a_plan_resumed_from_a_snapshot_equals_the_full_replay(
    which: int, data: st.DataObject, split: int, ahead: int, walks: list[int]
) -> None:
    profile = parse_profile(PROFILES[which])
    history = data.draw(sessions(IDS[which], START, 170))
    credits = _credits(walks)
    earlier = START + timedelta(days=split)
    # the snapshots a plan on an earlier day would have stored (through JSON, as stored)
    _, _, kept = resume_plan(
        profile, earlier, LIBRARY, [h for h in history if h["date"] <= earlier.isoformat()], credits
    )
    on = earlier + timedelta(days=ahead)
    # sessions after the snapshot's week may change or arrive later; earlier ones stay
    edited = data.draw(sessions(IDS[which], earlier, ahead + 1)) if ahead else []
    later = [h for h in history if h["date"] <= on.isoformat()]
    if kept:
        cut = kept[-1].week.isoformat()
        later = [h for h in later if h["date"] < cut] + [
            h for h in edited if h["date"] >= cut and h["date"] <= on.isoformat()
        ]
        later = sorted({h["date"]: h for h in later}.values(), key=lambda h: h["date"])
    full, _ = plan_for(profile, on, LIBRARY, later, credits)
    for snapshot in kept:
        restored = from_json(snapshot.to_json())
        assert restored == snapshot
        recent = [h for h in later if h["date"] >= snapshot.reads_from().isoformat()]
        resumed, _, _ = resume_plan(profile, on, LIBRARY, recent, credits, snapshot=restored)
        assert resumed.to_json() == full.to_json()


def test_a_replay_keeps_the_last_sixteen_weeks_and_one_in_four_before() -> None:
    profile = parse_profile(PROFILES[0])
    history = [
        {"date": (START + timedelta(days=n)).isoformat(), "items": [], "pain_before": 2}
        for n in range(300)
    ]
    on = START + timedelta(days=310)
    _, _, kept = resume_plan(profile, on, LIBRARY, history)
    weeks = [s.week for s in kept]
    monday = on - timedelta(days=on.weekday())
    assert weeks[-1] == monday and all(w.weekday() == 0 for w in weeks)
    recent = [w for w in weeks if w >= monday - timedelta(weeks=16)]
    assert recent == [monday - timedelta(weeks=n) for n in range(16, -1, -1)]
    older = [w for w in weeks if w < monday - timedelta(weeks=16)]
    assert older and all(
        b - a == timedelta(weeks=4) for a, b in zip(older, older[1:], strict=False)
    )


def test_a_snapshot_of_another_format_is_not_used() -> None:
    profile = parse_profile(PROFILES[0])
    history = [{"date": (START + timedelta(days=n)).isoformat(), "items": []} for n in range(30)]
    _, _, kept = resume_plan(profile, START + timedelta(days=40), LIBRARY, history)
    stored = kept[-1].to_json()
    assert from_json({**stored, "format": stored["format"] + 1}) is None
    assert isinstance(from_json(stored), Snapshot)


def test_collect_without_the_days_keeps_nothing() -> None:
    assert collect([], {}, START) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(PROFILES) - 1),
    data=st.data(),
    walks=st.lists(st.integers(0, 230), max_size=8),
)
def test_the_replay_counting_against_remembered_doses_equals_rebuilding_every_week(
    which: int, data: st.DataObject, walks: list[int]
) -> None:
    """The replay builds one plan per distinct dose and moves it to each week (without the
    reasons' words): every decision, carry and count equals rebuilding each week's full plan."""
    profile = parse_profile(PROFILES[which])
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    history = sessions_of(screening, data.draw(sessions(IDS[which], START, 230)))
    on = START + timedelta(days=235)
    credits = _credits(walks)
    full = resume(profile, screening, history, on, credits, None, build_plan)
    fast = resume(profile, screening, history, on, credits, None, BUILD)
    assert fast[0] == full[0]
    assert fast[2] == full[2]
    counted = ("planned_days", "active_days", "walking_planned", "walking_done", "longest_walk")
    for mine, theirs in zip(fast[1], full[1], strict=True):
        assert (mine.week_start, mine.state, mine.sessions, mine.verdict, mine.reasons) == (
            theirs.week_start, theirs.state, theirs.sessions, theirs.verdict, theirs.reasons
        )  # fmt: skip
        assert [getattr(mine, c) for c in counted] == [getattr(theirs, c) for c in counted]
        for day, other in zip(mine.plan.days, theirs.plan.days, strict=True):
            assert day.date == other.date
            assert [(i.id, i.dose) for i in day.items] == [(i.id, i.dose) for i in other.items]


def test_a_week_plan_moved_to_another_week_keeps_its_days_and_doses() -> None:
    screening = screen(parse_profile(PROFILES[0]), LIBRARY.catalog, LIBRARY.rules)
    state = initial_state(screening.profile)
    later = START + timedelta(weeks=9)
    moved = on_week(build_plan(screening, START, state), later + timedelta(days=3))
    built = build_plan(screening, later, state)
    assert moved.to_json() == built.to_json()


def test_walks_that_grow_a_little_each_week_are_counted_at_each_weeks_length() -> None:
    # a beginner's walks (1 minute) grow by 2 minutes a good week at the same ladder step
    profile = parse_profile(base_profile(walk_minutes=1, pain_now=2))
    screening = screen(profile, LIBRARY.catalog, LIBRARY.rules)
    raw = [
        {
            "date": (START + timedelta(days=n)).isoformat(),
            "items": [{"id": "walking", "status": "done"}],
            "pain_before": 1,
            "pain_after": 1,
        }
        for n in range(70)
    ]
    history = sessions_of(screening, raw)
    on = START + timedelta(days=70)
    full = resume(profile, screening, history, on, None, None, build_plan)
    fast = resume(profile, screening, history, on, None, None, BUILD)
    caps = [r.state.walk_bout_cap for r in full[1]]
    assert len(set(caps)) > 2  # the test walks through several bout lengths
    assert fast[0] == full[0]
    assert [r.walking_planned for r in fast[1]] == [r.walking_planned for r in full[1]]
