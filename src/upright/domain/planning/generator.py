"""Build one week's plan from a screening, the catalog, a date and the progress state.

Pure and deterministic: the same inputs always give the same plan. The planner only chooses
from what screening allowed (see ``choose``), and every item says why it is there.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any, Final

from upright.domain import vocab
from upright.domain.catalog.model import Exercise
from upright.domain.planning import choose
from upright.domain.planning.plan import Excluded, Plan, PlanDay, PlanItem
from upright.domain.progression import walking
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Allowance, Screening

#: a walk is never shorter than this after scaling (minutes)
MIN_BOUT: Final = 2
#: walks a day never exceed this when a clinician's limit splits a longer walk
MAX_TIMES: Final = 4
#: the clinician's walking limit (max_walk_minutes) applies to these modalities
WALKING_MODALITIES: Final = ("walking", "water_walking")

WHY_WALKING: Final = (
    "Walking is the heart of the plan: it is gentle on the spine, and a progressive walking "
    "program cut back-pain recurrences (WalkBack, Lancet 2024)."
)
WHY_STRETCH: Final = (
    "A daily hamstring stretch, as the advice says. Holding 30 seconds is enough, and daily "
    "works best (Bandy 1997; ACSM, reference.md §4.3)."
)
WHY_CORE: Final = (
    "Core work strengthens the muscles that support your back: short holds with a still "
    "spine, 2-3 days a week (McGill; ACSM, reference.md §4.4)."
)
WHY_MOBILITY: Final = "Gentle movement first, to ease stiffness before the core work."


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday(day: date) -> str:
    return vocab.DAYS[day.weekday()]


def _estimate(category: str, dose: dict[str, Any]) -> float:
    """Rough minutes an item takes, for fitting the day into the person's time."""
    if category == "aerobic":
        return float(dose["minutes"]) * float(dose.get("times", 1))
    sets = float(dose.get("sets", 1))
    reps = float(dose.get("reps", 1))
    hold = float(dose.get("hold_seconds", 0))
    if category == "stretch":
        return 1.0 + 2 * reps * hold / 60.0
    return 1.0 + sets * reps * (hold + 4.0) / 60.0 + (sets - 1) * 0.5


def _level_item(allowance: Allowance, state: ProgressState, base_why: str) -> PlanItem:
    exercise = allowance.exercise
    wanted = state.level(exercise.id)
    level = min(wanted, allowance.max_level)
    step = exercise.level(level)
    dose: dict[str, Any] = dict(step.dose)
    why = [base_why, exercise.summary, f"Level {level} of {exercise.top_level}: {step.name}."]
    why.extend(state.level_reasons.get(exercise.id, ()))
    if wanted > level:
        why.append(f"Held at level {level}: " + (allowance.limits[0] if allowance.limits else ""))
    elif allowance.limits:
        why.append(allowance.limits[0])
    why.extend(allowance.cautions)
    return PlanItem(
        id=exercise.id,
        name=exercise.name,
        category=exercise.category,
        movements=exercise.movements_at(level),
        dose=dose,
        why=tuple(why),
        family=exercise.family,
        level=level,
        level_name=step.name,
        est_minutes=_estimate(exercise.category, dose),
    )


def _aerobic_item(
    screening: Screening, choice: Allowance, state: ProgressState
) -> tuple[PlanItem, int]:
    profile = screening.profile
    exercise: Exercise = choice.exercise
    number = state.walking_step if screening.cleared else min(state.walking_step, 1)
    ladder = walking.step(number)
    minutes = ladder.minutes
    times = ladder.times
    why = [
        WHY_WALKING
        if exercise.modality == "walking"
        else (
            f"{exercise.name} in place of walking, dosed to the same effort (MET-minutes): "
            f"{exercise.met_source}."
        )
    ]
    if not screening.cleared:
        why.append("Until a doctor clears you, this gentle walking starter is the whole plan.")
    why.append(f"Walking ladder step {ladder.step} of {walking.TOP_STEP}: {ladder.describe()}.")
    why.extend(state.walking_reasons)
    if state.walk_bout_cap is not None and minutes > state.walk_bout_cap:
        minutes = state.walk_bout_cap
    intensity = ladder.intensity
    if exercise.modality == "walking" and intensity == "easy":
        why.append("For now, walk at a comfortable pace; brisk walking comes in at a later step.")
    if exercise.modality != "walking" and exercise.met:
        walk_met = walking.WALK_MET[ladder.intensity]
        minutes = max(MIN_BOUT, round(minutes * walk_met / exercise.met))
        intensity = "easy" if ladder.intensity == "easy" else "moderate"
        why.append(
            f"{ladder.minutes} minutes of walking at "
            f"{walk_met} MET equals about {minutes} minutes here at {exercise.met} MET."
        )
    limit = profile.max_walk_minutes
    if limit is not None and minutes > limit and exercise.modality in WALKING_MODALITIES:
        total = minutes * times
        times = min(MAX_TIMES, math.ceil(total / limit))
        minutes = max(1, min(limit, total // times))
        why.append(
            f"Your clinician's limit is {limit} minutes for one walk, so the time is split into "
            f"{times} shorter walks of {minutes} minutes."
        )
    dose: dict[str, Any] = {
        "minutes": minutes,
        "times": times,
        "modality": exercise.modality,
        "intensity": intensity,
    }
    item = PlanItem(
        id=exercise.id,
        name=exercise.name,
        category="aerobic",
        movements=exercise.movements_at(1),
        dose=dose,
        why=tuple(why),
        est_minutes=_estimate("aerobic", dose),
    )
    return item, ladder.days


def _walking_days(profile_days: tuple[str, ...], count: int) -> tuple[str, ...]:
    if count >= 7:
        return vocab.DAYS
    chosen = list(choose.spread_days(profile_days, count))
    for day in vocab.DAYS:
        if len(chosen) >= count:
            break
        if day not in chosen:
            chosen.append(day)
    return tuple(chosen)


def _fit(items: list[PlanItem], budget: int) -> tuple[list[PlanItem], list[str]]:
    """Trim a day to the person's minutes: drop mobility, then core from the end, then shorten."""
    notes: list[str] = []
    total = sum(i.est_minutes for i in items)
    while total > budget:
        extras = [i for i in items if i.category in ("mobility", "core")]
        if len(extras) == 0:
            break
        drop = next((i for i in items if i.category == "mobility"), extras[-1])
        items = [i for i in items if i is not drop]
        notes.append(f"{drop.name} left out today to fit your {budget} minutes.")
        total = sum(i.est_minutes for i in items)
    if total > budget:
        fixed = sum(i.est_minutes for i in items if i.category != "aerobic")
        out = []
        for item in items:
            if item.category != "aerobic":
                out.append(item)
                continue
            room = max(budget - fixed, MIN_BOUT)
            dose = dict(item.dose)
            times = int(dose["times"])
            minutes = int(dose["minutes"])
            while times > 1 and minutes * times > room:
                times -= 1
            minutes = min(minutes, max(MIN_BOUT, int(room // times)))
            dose.update(minutes=minutes, times=times)
            out.append(
                PlanItem(
                    id=item.id,
                    name=item.name,
                    category=item.category,
                    movements=item.movements,
                    dose=dose,
                    why=item.why
                    + (f"Shortened to fit the {budget} minutes you have on this day.",),
                    family=item.family,
                    level=item.level,
                    level_name=item.level_name,
                    est_minutes=_estimate("aerobic", dose),
                )
            )
        items = out
    return items, notes


def build_plan(screening: Screening, on: date, state: ProgressState) -> Plan:
    """The week containing ``on`` (Monday to Sunday)."""
    profile = screening.profile
    start = week_start(on)
    dates = [start + timedelta(days=i) for i in range(7)]
    excluded = tuple(
        Excluded(e.exercise.id, e.exercise.name, e.reasons, e.kind) for e in screening.excluded
    )
    notes = list(screening.notes) + list(state.notes)
    progress = {
        "walking_step": state.walking_step,
        "mode": state.mode,
        "levels": dict(state.levels),
    }
    if screening.stop is not None or profile.clearance == "advised_against":
        if screening.stop is None:
            notes.insert(
                0,
                "Your doctor has advised against exercise for now, so there is no plan. "
                "Follow their advice, and update your profile when that changes.",
            )
        return Plan(
            screening.stop,
            profile.clearance,
            start,
            tuple(PlanDay(d, ()) for d in dates),
            excluded,
            tuple(notes),
            screening.conflicts,
            progress,
        )
    aerobic, aerobic_notes = choose.aerobic(screening)
    notes.extend(aerobic_notes)
    walk_item: PlanItem | None = None
    walk_days: tuple[str, ...] = ()
    if aerobic is not None:
        item, count = _aerobic_item(screening, aerobic, state)
        walk_item, walk_days = item, _walking_days(profile.days, count)
    stretch = choose.hamstring_stretch(screening, state.levels)
    core = choose.core_set(screening, state.levels)
    mobility = choose.mobility(screening, state.levels)
    core_days = choose.spread_days(profile.days, choose.CORE_DAYS_PER_WEEK) if core else ()
    if screening.cleared and not profile.days:
        notes.append("You have not listed any free days, so core work is not planned yet.")
    days = []
    for day in dates:
        name = _weekday(day)
        items: list[PlanItem] = []
        if stretch is not None:
            items.append(_level_item(stretch, state, WHY_STRETCH))
        if walk_item is not None and name in walk_days:
            items.append(walk_item)
        if name in core_days:
            if mobility is not None:
                items.append(_level_item(mobility, state, WHY_MOBILITY))
            items.extend(_level_item(a, state, WHY_CORE) for a in core)
        items, day_notes = _fit(items, profile.minutes_per_day)
        days.append(PlanDay(day, tuple(items), tuple(day_notes)))
    progress["walking"] = walking.step(state.walking_step).describe()
    return Plan(
        None,
        profile.clearance,
        start,
        tuple(days),
        excluded,
        tuple(dict.fromkeys(notes)),
        screening.conflicts,
        progress,
    )
