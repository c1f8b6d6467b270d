"""Build one week's plan from a screening, the catalog, a date and the progress state.

Pure and deterministic: the same inputs always give the same plan. The planner only chooses
from what screening allowed (see ``choose``), and every item says why it is there.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Final

from upright.domain import vocab
from upright.domain.catalog.model import Exercise
from upright.domain.planning import choose
from upright.domain.planning import dose as doses
from upright.domain.planning.plan import Excluded, Plan, PlanDay, PlanItem
from upright.domain.progression import walking
from upright.domain.progression.state import ProgressState
from upright.domain.safety.screening import Allowance, Screening
from upright.domain.words import plain

#: a walk is never shorter than this after scaling (minutes)
MIN_BOUT: Final = 2
#: walks a day never exceed this when a clinician's limit splits a longer walk
MAX_TIMES: Final = 4
#: the clinician's walking limit (max_walk_minutes) applies to these modalities
WALKING_MODALITIES: Final = ("walking", "water_walking")
#: bouts in one interval walk, and the seated rest between bouts (minutes; our design)
MAX_BOUTS: Final = 6
REST_MINUTES: Final = 2
#: core days a week: ACSM resistance 2-3 days/week (reference.md §4.2, §4.4 [V]); 3 when the
#: person has 3 or more free days, never fewer than 2
CORE_DAYS_MIN: Final = 2
CORE_DAYS_MAX: Final = 3

WHY_WALKING: Final = (
    "Walking is the heart of the plan: it is gentle on the spine, and a progressive walking "
    "program cut the return of back pain (Pocovi and others, 2024, the WalkBack trial)."
)
WHY_CORE: Final = (
    "Core work strengthens the muscles that support your back: short holds with a still "
    "spine, 2 to 3 days a week (McGill, Back Mechanic; ACSM, Garber and others, 2011)."
)
WHY_MOBILITY: Final = "Gentle movement first, to ease stiffness before the core work."
DAY_NAMES: Final = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip
NAME_BY_PACE: Final = {"easy": "Walking", "moderate": "Walking", "brisk": "Brisk walking"}


WHY_PROGRAM: Final = {
    "balance": (
        "Balance practice helps prevent falls; it is advised with thin bones and from 65 "
        "(Giangregorio and others, 2014, Too Fit To Fracture; ACSM, Garber and others, 2011)."
    ),
    "strength": (
        "Strength work at least twice a week keeps muscles and bones strong, body weight first, "
        "then a band (Giangregorio and others, 2014, Too Fit To Fracture)."
    ),
}


def _empty_pillars(screening: Screening, has_core: bool, has_stretch: bool) -> list[str]:
    """Say which part of the plan is empty, and why, instead of leaving it out silently."""
    if not screening.cleared or screening.stop is not None:
        return []
    out = []
    for present, category, group, what in (
        (has_core, "core", None, "No core exercise suits you right now"),
        (has_stretch, "stretch", "hamstrings", "No hamstring stretch suits you right now"),
    ):
        if present:
            continue
        reasons = [
            e.reasons[0]
            for e in screening.excluded
            if e.exercise.category == category and group in (None, e.exercise.group)
        ]
        because = f": {reasons[0]}" if reasons else "."
        out.append(f"{what}, so this part of the plan is empty{because}")
    return out


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday(day: date) -> str:
    return vocab.DAYS[day.weekday()]


def _stretch_why(dose: dict[str, Any]) -> str:
    hold = float(dose.get("hold_seconds", 30))
    base = (
        "A daily hamstring stretch, as the advice says: daily works best (Bandy and others, 1997)."
    )
    if hold < 30:
        return (
            f"{base} This gentle version starts with shorter holds of {hold:g} seconds and builds "
            "up to 30 seconds, which works as well as longer holds."
        )
    return f"{base} Holding {hold:g} seconds works as well as holding 60."


def _per(exercise: Exercise, level: int) -> str | None:
    if exercise.category == "stretch":
        return "leg" if exercise.group == "hamstrings" else "side"
    return "side" if exercise.level(level).each_side else None


def _level_item(allowance: Allowance, state: ProgressState, base_why: str | None) -> PlanItem:
    exercise = allowance.exercise
    wanted = state.level(exercise.id)
    level = min(wanted, allowance.max_level)
    step = exercise.level(level)
    dose: dict[str, Any] = dict(step.dose)
    if step.pattern:
        dose["pattern"] = list(step.pattern)
    dose["text"] = doses.describe(exercise.category, dose, _per(exercise, level))
    first = base_why if base_why is not None else _stretch_why(dose)
    why = [first, exercise.summary, f"Level {level} of {exercise.top_level}: {step.name}."]
    why.extend(plain(r) for r in state.level_reasons.get(exercise.id, ()))
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
        est_minutes=doses.minutes(exercise.category, dose, step.each_side),
        group=exercise.group,
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
            f"{exercise.name} in place of walking, dosed to the same effort: "
            f"{plain(exercise.met_source or '')}."
            if not exercise.same_minutes
            else f"{exercise.name} in place of walking, for the same minutes at an effort where "
            "you can talk but not sing."
        )
    ]
    if not screening.cleared:
        why.append("Until a doctor clears you, this gentle walking starter is the whole plan.")
    why.append(f"Walking ladder step {ladder.step} of {walking.TOP_STEP}: {ladder.describe()}.")
    why.extend(plain(r) for r in state.walking_reasons)
    if state.walk_bout_cap is not None and minutes > state.walk_bout_cap:
        minutes = state.walk_bout_cap
    intensity = ladder.intensity
    note = doses.pace_note(ladder.step) if exercise.modality == "walking" else None
    if note:
        why.append(note)
    if exercise.modality != "walking" and exercise.met and not exercise.same_minutes:
        walk_met = walking.WALK_MET[ladder.intensity]
        minutes = max(MIN_BOUT, round(minutes * walk_met / exercise.met))
        intensity = "easy" if ladder.intensity == "easy" else "moderate"
        why.append(
            f"{ladder.minutes} minutes of walking at "
            f"{walk_met} MET equals about {minutes} minutes here at {exercise.met} MET."
        )
    elif exercise.modality != "walking":
        intensity = "easy" if ladder.intensity == "easy" else "moderate"
    intervals = exercise.modality == "walking" and (
        any(r.interval_walking for r in screening.rules) or "cannot_stand_long" in profile.limits
    )
    rest = 0
    comfortable = min(profile.walk_minutes, profile.max_walk_minutes or profile.walk_minutes)
    if intervals and MIN_BOUT <= comfortable < minutes:
        total = minutes * times
        times = min(MAX_BOUTS, math.ceil(total / comfortable))
        minutes, rest = comfortable, REST_MINUTES
        why.append(
            f"Walked in bouts of {minutes} minutes, the time you can walk comfortably, with a "
            f"{rest}-minute sit-down rest between bouts: resting seated eases the legs "
            "(Matsuwaka 2018). Update your walking time as it grows."
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
    if rest:
        dose["rest_minutes"] = rest
    dose["text"] = doses.describe("aerobic", dose)
    name = NAME_BY_PACE[intensity] if exercise.modality == "walking" else exercise.name
    item = PlanItem(
        id=exercise.id,
        name=name,
        category="aerobic",
        movements=exercise.movements_at(1),
        dose=dose,
        why=tuple(why),
        est_minutes=doses.minutes("aerobic", dose),
        group=exercise.group,
    )
    return item, ladder.days


def _fill_days(first: tuple[str, ...], count: int) -> tuple[str, ...]:
    """``count`` days spread over ``first``, then over the other days of the week."""
    if count >= 7:
        return vocab.DAYS
    chosen = list(choose.spread_days(first, count))
    if len(chosen) < count:
        rest = tuple(d for d in vocab.DAYS if d not in chosen)
        chosen.extend(choose.spread_days(rest, count - len(chosen)))
    return tuple(d for d in vocab.DAYS if d in chosen)


def _core_days(free: tuple[str, ...]) -> tuple[str, ...]:
    count = CORE_DAYS_MAX if len(free) >= CORE_DAYS_MAX else CORE_DAYS_MIN
    if len(free) >= count:
        return choose.spread_days(free, count)
    if not free:
        return choose.spread_days(vocab.DAYS, count)
    return _fill_days(free, count)


def _walking_days(
    free: tuple[str, ...], count: int, core_days: tuple[str, ...], tight: bool
) -> tuple[str, ...]:
    """Free days first; when a walk and the core work do not both fit, the other days first."""
    if not tight:
        return _fill_days(free, count)
    others = tuple(d for d in vocab.DAYS if d not in core_days)
    return _fill_days(others, count)


def _with_dose(item: PlanItem, dose: dict[str, Any], note: str) -> PlanItem:
    per = "side" if item.dose.get("text", "").endswith("side") else None
    if item.category != "aerobic":
        dose["text"] = doses.describe(item.category, dose, per)
    else:
        dose["text"] = doses.describe("aerobic", dose)
    return replace(
        item,
        dose=dose,
        why=item.why + (note,),
        est_minutes=doses.minutes(item.category, dose, per == "side"),
    )


def _shorten_walk(item: PlanItem, room: float, budget: int) -> PlanItem:
    dose = dict(item.dose)
    times = int(dose["times"])
    minutes = int(dose["minutes"])
    rest = float(dose.get("rest_minutes", 0) or 0)
    while times > 1 and minutes * times + rest * (times - 1) > room:
        times -= 1
    minutes = min(minutes, max(MIN_BOUT, int((room - rest * (times - 1)) // times)))
    if (times, minutes) == (int(dose["times"]), int(dose["minutes"])):
        return item
    dose.update(minutes=minutes, times=times)
    return _with_dose(
        item,
        dose,
        f"Shortened to fit the {budget} minutes you have on this day, with your core work.",
    )


def _stretch_on_top(items: list[PlanItem], stretch: bool, budget: int) -> list[str]:
    """Why a day reads "About 31 minutes" to someone who gave 30: the daily stretch comes on
    top of the session fitted into their minutes."""
    total = round(sum(i.est_minutes for i in items))
    if not stretch or total <= budget or len(items) < 2:
        return []
    return [
        f"About {total} minutes today: the session fits your {budget} minutes, and the daily "
        "stretch comes on top."
    ]


def _fit(
    budget: int,
    walk: PlanItem | None,
    core_needed: list[PlanItem],
    core_more: list[PlanItem],
    extras: list[PlanItem],
) -> tuple[list[PlanItem], list[str]]:
    """Fit one day (the daily stretch aside) into the person's minutes.

    Order of give: extras (mobility) go first, then extra core, then the walk is shortened, then
    each needed core exercise drops to its first set; the last core exercise is never dropped.
    """
    notes: list[str] = []
    core = list(core_needed)

    def used() -> float:
        return sum(i.est_minutes for i in core) + (walk.est_minutes if walk else 0.0)

    if walk is not None and used() > budget:
        walk = _shorten_walk(walk, budget - sum(i.est_minutes for i in core), budget)
    if used() > budget and core:
        core = [
            _with_dose(i, doses.shortened(i.dose), "Only the first set today, to fit your time.")
            if len(doses.pattern(i.dose)) > 1
            else i
            for i in core
        ]
    while used() > budget and len(core) > 1:
        dropped = core.pop()
        notes.append(f"{dropped.name} moves to another core day this week to fit your time.")
    if used() > budget + 0.01 and core:
        notes.append(
            f"Today runs a little over your {budget} minutes so that your core work is kept."
        )
    for item in core_more:
        if used() + item.est_minutes <= budget:
            core.append(item)
    chosen_extras: list[PlanItem] = []
    for item in extras:
        if used() + sum(i.est_minutes for i in chosen_extras) + item.est_minutes <= budget:
            chosen_extras.append(item)
        else:
            notes.append(f"{item.name} left out today to fit your {budget} minutes.")
    items = ([walk] if walk is not None else []) + chosen_extras + core
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
    walk_count = 0
    if aerobic is not None:
        walk_item, walk_count = _aerobic_item(screening, aerobic, state)
    stretch = choose.hamstring_stretch(screening, state.levels)
    core = [_level_item(a, state, WHY_CORE) for a in choose.core_set(screening, state.levels)]
    mobility = choose.mobility(screening, state.levels)
    adds = {c for r in screening.rules for c in r.adds_categories}
    program = [
        [_level_item(a, state, WHY_PROGRAM[c]) for a in choose.best(screening, c, state.levels)]
        for c in ("balance", "strength")
        if c in adds
    ]
    program = [p for p in program if p]
    notes.extend(_empty_pillars(screening, bool(core), stretch is not None))
    core_days = _core_days(profile.days) if core or program else ()
    if core and len(profile.days) < len(core_days):
        names = ", ".join(DAY_NAMES[d] for d in core_days if d not in profile.days)
        notes.append(
            f"Core work needs at least {CORE_DAYS_MIN} days a week, so it also goes on {names}. "
            "Change your free days to move it."
        )
    # Each core day holds at least this many core exercises, in turn, so that the week covers
    # every group (abdomen, back, pelvis) even when a day has room for only a few.
    needed = math.ceil(len(core) / len(core_days)) if core_days and core else 0
    largest = sorted((i.est_minutes for i in core), reverse=True)
    program_minutes = sum(max(i.est_minutes for i in options) for options in program)
    tight = walk_item is not None and (
        walk_item.est_minutes + sum(largest[:needed]) + program_minutes > profile.minutes_per_day
    )
    walk_days = _walking_days(profile.days, walk_count, core_days, tight) if walk_item else ()
    warnings = tuple(dict.fromkeys(w for r in screening.rules for w in r.warning_signs))
    days = []
    for day in dates:
        name = _weekday(day)
        items: list[PlanItem] = []
        if stretch is not None:
            items.append(_level_item(stretch, state, None))
        day_core: list[PlanItem] = []
        extras: list[PlanItem] = []
        if name in core_days:
            turn = core_days.index(name) * needed
            day_core = [core[(turn + k) % len(core)] for k in range(len(core))]
            # balance and strength join the needed work; they give way before the core does
            day_core[needed:needed] = [
                options[core_days.index(name) % len(options)] for options in program
            ]
            if mobility is not None:
                extras.append(_level_item(mobility, state, WHY_MOBILITY))
        must = needed + len(program) if name in core_days else 0
        fitted, day_notes = _fit(
            profile.minutes_per_day,
            walk_item if name in walk_days else None,
            day_core[:must],
            day_core[must:],
            extras,
        )
        items.extend(fitted)
        if not any("over your" in n for n in day_notes):
            day_notes.extend(_stretch_on_top(items, stretch is not None, profile.minutes_per_day))
        if warnings:
            items = [replace(i, warnings=warnings) for i in items]
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
