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
from upright.domain.profile import parse_profile
from upright.domain.progression.snapshot import Snapshot, collect, from_json
from upright.domain.safety.screening import screen
from upright.services.library import Library
from upright.services.planning import plan_for, resume_plan

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
