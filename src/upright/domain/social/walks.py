"""A planned walk to share with a friend: when, where and how long, from the person's own plan.

The invite carries only what a friend needs to join: the time, the place and the minutes. It never
carries pain, conditions, red flags or notes. The minutes are the person's planned walk for that
day, never more: walking with someone is not a reason to raise the dose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from upright.domain.errors import InvalidInput, PlanError
from upright.domain.planning.plan import Plan, PlanItem

WALK_MODALITIES = frozenset({"walking"})
MAX_PLACE = 200
MAX_NAME = 80


@dataclass(frozen=True)
class WalkInvite:
    title: str
    start: datetime  # aware
    minutes: int
    place: str | None
    description: str

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def planned_walk(plan: Plan, start: datetime) -> PlanItem:
    """The walk in the plan on that day, or a clear refusal."""
    if plan.stop is not None:
        raise PlanError(f"Your plan is paused, so there is no walk to share: {plan.stop.message}")
    day = plan.day(start.date())
    walks = [
        i
        for i in (day.items if day else ())
        if i.category == "aerobic" and i.dose.get("modality") in WALK_MODALITIES
    ]
    if not walks:
        days = [
            f"{d.date:%a %d %b}"
            for d in plan.days
            if any(
                i.category == "aerobic" and i.dose.get("modality") in WALK_MODALITIES
                for i in d.items
            )
        ]
        raise InvalidInput(
            "--date", f"your plan has no walk on {start:%a %d %b}", days or "none this week"
        )
    return walks[0]


def walk_invite(plan: Plan, start: datetime, place: str | None, friend: str | None) -> WalkInvite:
    if start.tzinfo is None:
        raise InvalidInput("--time", "the time needs a time zone")
    place = " ".join((place or "").split()) or None
    friend = " ".join((friend or "").split()) or None
    if place and len(place) > MAX_PLACE:
        raise InvalidInput("--place", f"longer than {MAX_PLACE} characters")
    if friend and len(friend) > MAX_NAME:
        raise InvalidInput("--with", f"longer than {MAX_NAME} characters")
    item = planned_walk(plan, start)
    minutes = int(item.dose.get("minutes", 0))
    if minutes <= 0:
        raise PlanError("the walk in your plan has no minutes to share")
    title = f"Walk with {friend}" if friend else "A walk together"
    description = (
        f"A {minutes}-minute walk, planned in Upright. Walk at a pace where you can still talk. "
        "Join for as long as suits you."
    )
    return WalkInvite(title, start, minutes, place, description)
