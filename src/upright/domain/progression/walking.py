"""The walking ladder: from 2-3 short walks a day to about 30 minutes, 3-5 times a week.

Source advice (DESIGN.md) and reference.md §4.5: beginners walk 2-3 x 5 min a day and work up
over weeks or months to 20-30 min at a time, then about 30 min 3-4 times a week, brisk.
WalkBack (Pocovi et al., Lancet 2024 [V]) progressed towards 30 min x 5/week over 6 months.
Increments follow the cautious end of the ACSM-style advice in reference.md §4.2/§4.5 [U]:
about +5 minutes per walk and no more than about 20% more weekly minutes at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: the longest single walk never rises by more than this from one week to the next (minutes)
MAX_LONGEST_WALK_RISE: Final = 5
#: weekly walking minutes never rise by more than this fraction ...
MAX_WEEKLY_RISE_FRACTION: Final = 0.20
#: ... or this many minutes (5 minutes a day), whichever is larger
MAX_WEEKLY_RISE_MINUTES: Final = 35

#: MET of walking at each intensity (2024 Adult Compendium, reference.md §5 [V]):
#: easy = 2.5 mph (17170, 3.0), moderate = 3.0 mph (17190, 3.8), brisk = 3.5-3.9 mph (17200, 4.8)
WALK_MET: Final[dict[str, float]] = {"easy": 3.0, "moderate": 3.8, "brisk": 4.8}


@dataclass(frozen=True)
class WalkStep:
    step: int
    minutes: int  # one walk
    times: int  # walks on a walking day
    days: int  # walking days a week
    intensity: str

    @property
    def weekly_minutes(self) -> int:
        return self.minutes * self.times * self.days

    def describe(self) -> str:
        per_day = "a day" if self.days == 7 else f"a day, {self.days} days a week"
        walks = "walk" if self.times == 1 else "walks"
        return f"{self.times} {walks} of {self.minutes} minutes {per_day} ({self.intensity} pace)"


#: Each step raises the longest walk by at most 5 minutes and never lowers the weekly minutes, so a
#: step back (after a flare or a break) never asks for more walking than the step it came from.
#: Early steps are 2 short walks on most days; walks then grow longer and fewer (the leaflet).
LADDER: Final = (
    WalkStep(1, 5, 2, 7, "easy"),
    WalkStep(2, 6, 2, 6, "easy"),
    WalkStep(3, 8, 2, 5, "easy"),
    WalkStep(4, 10, 2, 4, "moderate"),
    WalkStep(5, 12, 1, 7, "moderate"),
    WalkStep(6, 15, 1, 6, "moderate"),
    WalkStep(7, 20, 1, 5, "brisk"),
    WalkStep(8, 25, 1, 4, "brisk"),
    WalkStep(9, 30, 1, 4, "brisk"),
    WalkStep(10, 30, 1, 5, "brisk"),
)

#: the first step with single walks of 20 minutes or more (the leaflet's "20-30 min at a time")
SINGLE_WALK_STEP: Final = 7
#: the leaflet's goal: about 30 minutes, 3-4 times a week, brisk
GOAL_STEP: Final = 9
#: pain (0-10) from which a new person starts at the first walking step, whatever they can walk
HIGH_PAIN_START: Final = 7
TOP_STEP: Final = LADDER[-1].step


def step(number: int) -> WalkStep:
    return LADDER[max(1, min(number, TOP_STEP)) - 1]


def start_step(
    walk_minutes: int, pain_now: int, acute: bool, after_surgery: bool
) -> tuple[int, str]:
    """The first step for a new person, and why."""
    fitting = [s for s in LADDER if s.minutes <= walk_minutes]
    number = min(fitting[-1].step if walk_minutes > 5 and fitting else 1, GOAL_STEP)
    reason = f"You can walk about {walk_minutes} minutes comfortably today, so you start at step {number}."
    if walk_minutes <= 5:
        first = LADDER[0]
        often = {1: "once", 2: "twice"}.get(first.times, f"{first.times} times")
        reason = (
            f"You start at the first step: short, easy walks of {first.minutes} minutes, "
            f"{often} a day."
        )
    cap = None
    if pain_now >= HIGH_PAIN_START:
        cap, why = 1, f"your pain is high today ({HIGH_PAIN_START}/10 or more)"
    elif acute:
        cap, why = 1, "this is a new (acute) episode, where short, frequent walks help most"
    elif after_surgery:
        cap, why = 1, "you are recovering from surgery"
    if cap is not None and number > cap:
        number = cap
        reason = f"You start gently, at the first step (short walks of 5 minutes), because {why}. The plan rises from there."
    return number, reason


def fits_rise(before: WalkStep, after: WalkStep) -> bool:
    """True when moving from ``before`` to ``after`` respects the stated limits."""
    weekly_limit = before.weekly_minutes + max(
        before.weekly_minutes * MAX_WEEKLY_RISE_FRACTION, MAX_WEEKLY_RISE_MINUTES
    )
    return (
        after.minutes <= before.minutes + MAX_LONGEST_WALK_RISE
        and after.weekly_minutes <= weekly_limit
    )
