"""A virtual person run through the real engine, week by week.

It shows that the progression policy does what it claims: how fast a steady beginner reaches
longer walks, what flare-ups and breaks do. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from upright.domain.planning.generator import build_plan, week_start
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile
from upright.domain.progression import walking
from upright.domain.progression.day_modes import apply_day_modes, buildable
from upright.domain.progression.engine import replay
from upright.domain.safety.rules import RuleBook
from upright.domain.safety.screening import Screening
from upright.domain.tracking.logs import ItemLog, SessionLog

#: the engine's mode -> words a person reads
MODE_WORDS = {
    "start": "starting",
    "step_up": "stepping up",
    "hold": "holding",
    "step_back": "stepping back",
    "flare": "easing off (flare-up)",
    "reentry": "back after a break",
}

#: the pain our virtual person feels on a normal day and during a flare (0-10)
CALM_PAIN = 2
FLARE_PAIN = 7


@dataclass(frozen=True)
class Scenario:
    weeks: int
    adherence: float = 1.0
    flare_every: int | None = None
    pause: tuple[int, int] | None = None  # (first week, number of weeks) with no sessions
    seed: int = 7


def _session(day: date, items: list[Any], flare: bool) -> SessionLog:
    pain = FLARE_PAIN if flare else CALM_PAIN
    logs = tuple(
        ItemLog(
            id=i.id,
            status="done",
            minutes=float(i.dose["minutes"]) if "minutes" in i.dose else None,
            times=int(i.dose["times"]) if "times" in i.dose else None,
        )
        for i in items
    )
    return SessionLog(
        day=day,
        items=logs,
        pain_before=CALM_PAIN,
        pain_during=pain,
        pain_after=pain,
        pain_next_morning=pain - 1 if flare else CALM_PAIN,
        effort=5,
    )


def simulate(
    profile: Profile, screening: Screening, start: date, scenario: Scenario
) -> dict[str, Any]:
    rng = random.Random(scenario.seed)
    history: list[SessionLog] = []
    rows: list[dict[str, Any]] = []
    first = week_start(start)
    single_walks: int | None = None
    goal: int | None = None
    for n in range(1, scenario.weeks + 1):
        week = first + timedelta(weeks=n - 1)
        state, _ = replay(profile, screening, history, week)
        plan = build_plan(screening, week, state)
        walk = next((i for d in plan.days for i in d.items if i.category == "aerobic"), None)
        walk_days = sum(1 for d in plan.days for i in d.items if i.category == "aerobic")
        paused = (
            scenario.pause is not None
            and scenario.pause[0] <= n < scenario.pause[0] + scenario.pause[1]
        )
        flare = (
            bool(scenario.flare_every) and n % int(scenario.flare_every or 1) == 0 and not paused
        )
        sessions = 0
        for day in plan.days:
            if paused or not day.items or rng.random() >= scenario.adherence:
                continue
            history.append(_session(day.date, list(day.items), flare))
            sessions += 1
        walks = [i for d in plan.days for i in d.items if i.category == "aerobic"]
        # the longest planned walk: a day shared with core work may hold a shorter one
        walk = max(walks, key=lambda i: int(i.dose["minutes"]), default=None)
        minutes = int(walk.dose["minutes"]) if walk else 0
        times = int(walk.dose["times"]) if walk else 0
        if walk is not None and walk.dose.get("modality") == "walking":
            if single_walks is None and minutes >= 20:
                single_walks = n
            target = walking.step(walking.GOAL_STEP)
            full = sum(1 for i in walks if int(i.dose["minutes"]) >= target.minutes)
            if goal is None and full >= 3:
                goal = n  # the planned walks themselves, after fitting each day, reach the goal
        rows.append({
            "week": n,
            "week_start": week.isoformat(),
            "walking_step": state.walking_step,
            "mode": state.mode,
            "mode_words": MODE_WORDS.get(state.mode, state.mode.replace("_", " ")),
            "walk": {"id": walk.id if walk else None, "minutes": minutes, "times": times, "days": walk_days},
            "weekly_minutes": sum(int(i.dose["minutes"]) * int(i.dose["times"]) for i in walks),
            "longest_walk": minutes,
            "levels": dict(sorted(state.levels.items())),
            "flare": flare,
            "paused": paused,
            "sessions": sessions,
            "why": list(state.walking_reasons),
        })  # fmt: skip
    return {
        "weeks": rows,
        "weeks_to_single_walks": single_walks,
        "weeks_to_goal": goal,
        "goal": walking.step(walking.GOAL_STEP).describe(),
        "scenario": {
            "weeks": scenario.weeks,
            "adherence": scenario.adherence,
            "flare_every": scenario.flare_every,
            "pause": list(scenario.pause) if scenario.pause else None,
            "seed": scenario.seed,
        },
    }


# --- the flare-in-the-morning case (issue 8): what the next day holds after a bad morning ---

#: the morning answer of the virtual person's bad morning (0-10)
MORNING_FLARE_PAIN = 8


def _day_json(plan: Plan, day: date) -> dict[str, Any]:
    found = plan.day(day)
    walk = next((i for i in found.items if i.category == "aerobic"), None) if found else None
    return {
        "date": day.isoformat(),
        "mode": found.mode if found else "normal",
        "items": [i.id for i in found.items] if found else [],
        "walk": {"minutes": walk.dose["minutes"], "times": walk.dose["times"]} if walk else None,
        "notes": list(found.notes) if found else [],
    }


def simulate_morning_flare(
    profile: Profile,
    screening: Screening,
    book: RuleBook,
    start: date,
    calm_weeks: int = 2,
    morning: int = MORNING_FLARE_PAIN,
) -> dict[str, Any]:
    """Calm weeks, then a session whose next morning is ``morning``/10: the day before and the
    next day's plan, as the person sees it the morning they answer."""
    history: list[SessionLog] = []
    first = week_start(start)
    for n in range(calm_weeks):
        week = first + timedelta(weeks=n)
        state, _ = replay(profile, screening, history, week)
        plan = build_plan(screening, week, state)
        history += [_session(d.date, list(d.items), False) for d in plan.days if d.items]
    flare_day = first + timedelta(weeks=calm_weeks)

    def plan_on(day: date, sessions: list[SessionLog]) -> Plan:
        state, _ = replay(profile, screening, sessions, day)
        built = build_plan(buildable(screening), day, state)
        return apply_day_modes(built, screening, book, sessions, day)

    before = plan_on(flare_day, history)
    found = before.day(flare_day)
    items = list(found.items) if found else []
    bad = SessionLog(
        day=flare_day,
        items=_session(flare_day, items, False).items,
        pain_before=CALM_PAIN,
        pain_during=CALM_PAIN,
        pain_after=CALM_PAIN,
        pain_next_morning=morning,
    )
    next_day = flare_day + timedelta(days=1)
    after = plan_on(next_day, [*history, bad])
    return {
        "morning": morning,
        "flare_day": _day_json(before, flare_day),
        "next_day": _day_json(after, next_day),
        "next_day_without_flare": _day_json(before, next_day),
    }
