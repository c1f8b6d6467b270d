"""Give each day of a built week its mode, and make the day hold what that mode allows.

``apply_day_modes`` takes the week the planner built and the log (``daily.timeline``) and returns
the same week with every day's ``mode``: ``stopped`` (a red flag, or a doctor advised against
exercise), ``paused`` (new numbness or weakness, no safety check answered yet), ``flare``
(gentle movement and short walks only), ``starter`` (walking starter until a doctor clears) or
``normal``. Each change says why in the day's notes. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from upright.domain import vocab
from upright.domain.planning import dose as doses
from upright.domain.planning.plan import Plan, PlanDay, PlanItem
from upright.domain.progression import pain
from upright.domain.progression.daily import DayCarry, DayStatus, resume_timeline
from upright.domain.safety.rules import RuleBook
from upright.domain.safety.screening import Screening, Stop, flag_stop
from upright.domain.tracking.logs import SessionLog

_LEVEL_ORDER = {name: i for i, name in enumerate(vocab.URGENCY_LEVELS)}


def _walk_total(day: PlanDay) -> float:
    return sum(
        float(i.dose["minutes"]) * float(i.dose.get("times", 1))
        for i in day.items
        if i.category == "aerobic"
    )


def flare_walk(cap: float, bout: float) -> tuple[int, int]:
    """(minutes, times) for a flare day: 2-3 walks of 5-10 minutes, never more than ``cap`` in
    total nor longer than the usual walk (``bout``)."""
    if cap < 1 or bout < 1:
        return 0, 0
    minutes = int(
        min(
            bout,
            pain.FLARE_WALK_MAX_MINUTES,
            max(pain.FLARE_WALK_MIN_MINUTES, cap // pain.FLARE_WALKS_MAX),
        )
    )
    times = pain.FLARE_WALKS_MAX
    while times > pain.FLARE_WALKS_MIN and minutes * times > cap:
        times -= 1
    if minutes * times > cap:
        minutes = int(cap // times)
    if minutes < 1:
        return int(cap), 1
    return minutes, times


def _gentle(item: PlanItem, screening: Screening) -> PlanItem:
    """A mobility item at its first (gentlest) level."""
    allowance = screening.allowance(item.id)
    if allowance is None or item.level in (None, 1):
        return item
    exercise = allowance.exercise
    step = exercise.level(1)
    return replace(
        item,
        dose=dict(step.dose),
        level=1,
        level_name=step.name,
        movements=exercise.movements_at(1),
        why=item.why + ("Flare mode: the gentlest level only.",),
    )


def _flare_items(
    plan: Plan, day: PlanDay, since: date, screening: Screening
) -> tuple[PlanItem, ...]:
    aerobic = next((i for i in day.items if i.category == "aerobic"), None)
    aerobic = aerobic or next(
        (i for d in plan.days for i in d.items if i.category == "aerobic"), None
    )
    before = [d for d in plan.days if d.date < since and _walk_total(d) > 0]
    walking_days = [_walk_total(d) for d in plan.days if _walk_total(d) > 0]
    cap = _walk_total(before[-1]) if before else min(walking_days, default=0.0)
    items: list[PlanItem] = []
    mobility = next((i for d in plan.days for i in d.items if i.category == "mobility"), None)
    if mobility is not None:
        items.append(_gentle(mobility, screening))
    if aerobic is not None:
        minutes, times = flare_walk(cap, float(aerobic.dose["minutes"]))
        if times:
            dose = {**aerobic.dose, "minutes": minutes, "times": times, "intensity": "easy"}
            # the words follow the flare's dose: never the usual "25 minutes at a brisk pace"
            dose["text"] = doses.describe("aerobic", dose)
            walk = dose.get("modality", "walking") == "walking"
            items.append(
                replace(
                    aerobic,
                    name="Walking" if walk else aerobic.name,
                    dose=dose,
                    est_minutes=float(minutes * times),
                    why=aerobic.why
                    + (
                        f"Flare mode: {times} short, easy walks of {minutes} minutes, no more "
                        "than before the flare (reference.md §4.7).",
                    ),
                )
            )
    return tuple(items)


def _usual_walking(day: PlanDay) -> tuple[PlanItem, ...]:
    return tuple(i for i in day.items if i.category == "aerobic")


def _merged_stop(
    screening: Screening, book: RuleBook, flags: Sequence[tuple[str, date]]
) -> Stop | None:
    if not flags:
        return screening.stop
    logged = flag_stop(book, [f for f, _ in flags])
    when = dict(flags)
    reasons = tuple(
        f"In your safety check on {when[f.id]:%a %d %b} you answered yes: {f.reason} "
        f"(source: {f.source})"
        for f in sorted((book.flag(f) for f, _ in flags), key=lambda f: _LEVEL_ORDER[f.level])
    )
    if screening.stop is None:
        return replace(logged, reasons=reasons)
    worst = min((logged.level, screening.stop.level), key=_LEVEL_ORDER.__getitem__)
    return Stop(worst, book.level(worst).message, reasons + screening.stop.reasons)


def _stopped_day(day: PlanDay, level: str, texts: tuple[str, ...]) -> PlanDay:
    # under a "soon" stop the person keeps their usual walking, never more (reference.md §3.1)
    items = _usual_walking(day) if level == "soon" else ()
    return replace(day, items=items, mode="stopped", notes=texts)


def buildable(screening: Screening) -> Screening:
    """The screening to build the week from: under a "soon" stop, the usual walking with the
    stop lifted for the builder (``apply_day_modes`` puts the stop back on the week)."""
    if screening.stop is not None and screening.stop.level == "soon" and screening.allowed:
        return replace(screening, stop=None)
    return screening


def apply_day_modes(
    plan: Plan,
    screening: Screening,
    book: RuleBook,
    sessions: Sequence[SessionLog],
    known_until: date,
) -> Plan:
    """The week with each day's mode set and its items changed to fit that mode."""
    plan, _ = resume_day_modes(plan, screening, book, sessions, known_until)
    return plan


def resume_day_modes(
    plan: Plan,
    screening: Screening,
    book: RuleBook,
    sessions: Sequence[SessionLog],
    known_until: date,
    carry: DayCarry | None = None,
) -> tuple[Plan, dict[date, DayCarry]]:
    """``apply_day_modes`` walking the days from ``carry`` (see ``daily.resume_timeline``),
    and the carries into each Monday walked up to the plan's first day."""
    profile = screening.profile
    end = plan.week_start + timedelta(days=6)
    status, carries = resume_timeline(
        sessions, plan.week_start, end, known_until, profile.pain_now, carry
    )
    flags = status[end].flags if end in status else ()
    stop = _merged_stop(screening, book, flags)
    days: list[PlanDay] = []
    for day in plan.days:
        st = status.get(day.date, DayStatus("normal"))
        in_force = [f for f, since in st.flags if since <= day.date]
        if screening.stop is not None:
            days.append(_stopped_day(day, screening.stop.level, day.notes))
        elif profile.clearance == "advised_against":
            days.append(replace(day, mode="stopped"))
        elif in_force and stop is not None:
            level = min((vocab.RED_FLAGS[f] for f in in_force), key=_LEVEL_ORDER.__getitem__)
            days.append(_stopped_day(day, level, (stop.message,)))
        elif st.mode == "paused":
            days.append(replace(day, items=(), mode="paused", notes=st.reasons))
        elif st.mode == "flare" and st.flare_since is not None:
            items = _flare_items(plan, day, st.flare_since, screening)
            days.append(replace(day, items=items, mode="flare", notes=st.reasons))
        else:
            mode = "normal" if screening.cleared else "starter"
            days.append(replace(day, mode=mode, notes=day.notes + st.reasons))
    return replace(plan, stop=stop, days=tuple(days)), carries
