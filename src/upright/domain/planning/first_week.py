"""The week a person starts in: the first day counts, the days before it are not missed.

Whatever weekday someone answers the questions on, that day gets a short starter session (the
stretch the plan already holds every day, and one short walk when the day has none), and the
days before it say they came before the start, so the week does not open with days "missed".
The items of those days stay, so a walk done earlier that week can still be logged.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from upright.domain.planning.plan import Plan, PlanDay, PlanItem

FIRST_DAY_NOTE = (
    "Your first day: a short walk and the stretch, to start gently. "
    "The full plan begins on your next free day."
)
#: the first day already holds more than a walk and the stretch: it is the plan, not a starter
FIRST_SESSION_NOTE = (
    "Your first day: this is the first session of your plan. Go gently, and stop if something "
    "feels wrong."
)
BEFORE_START_NOTE = "Before you started: nothing to catch up on."
STARTER_WHY = "Your first day: one walk to begin, whatever day of the week it is."
#: a walk up to this long is "a short walk" in the first day's note; a longer one is "a walk"
SHORT_WALK_MINUTES = 10
#: the day modes a starter session may be added to (never a flare, a pause or a stop)
STARTER_MODES = frozenset({"normal", "starter"})


def _one_bout(walk: PlanItem) -> PlanItem:
    times = max(int(walk.dose.get("times", 1) or 1), 1)
    return replace(
        walk,
        dose={**walk.dose, "times": 1},
        why=(*walk.why, STARTER_WHY),
        est_minutes=walk.est_minutes / times,
    )


def first_day_note(items: tuple[PlanItem, ...]) -> str:
    """The first day's note, saying what that day holds (never more than it holds)."""
    categories = {i.category for i in items}
    if categories - {"aerobic", "stretch"}:
        return FIRST_SESSION_NOTE
    walks = [i for i in items if i.category == "aerobic"]
    short = all(float(i.dose.get("minutes", 0) or 0) <= SHORT_WALK_MINUTES for i in walks)
    walk_words = "a short walk" if short else "one walk"
    parts = [
        words
        for category, words in (("aerobic", walk_words), ("stretch", "the stretch"))
        if category in categories
    ]
    if parts == ["a short walk", "the stretch"]:
        return FIRST_DAY_NOTE
    if not parts:
        return "Your first day: nothing is planned today."
    return f"Your first day: {' and '.join(parts)}, to start gently."


def first_week(plan: Plan, started: date) -> Plan:
    """``plan`` with its first day counted: a starter on ``started``, earlier days marked."""
    if plan.stop is not None or plan.day(started) is None:
        return plan
    walk = next((i for d in plan.days for i in d.items if i.category == "aerobic"), None)
    days: list[PlanDay] = []
    for day in plan.days:
        if day.date < started:
            day = replace(day, notes=(*day.notes, BEFORE_START_NOTE))
        elif day.date == started and day.mode in STARTER_MODES:
            items = list(day.items)
            if walk is not None and not any(i.category == "aerobic" for i in items):
                items.insert(0, _one_bout(walk))
            note = first_day_note(tuple(items))
            day = replace(day, items=tuple(items), notes=(*day.notes, note))
        days.append(day)
    return replace(plan, days=tuple(days))
