"""Doses the way people count them, and how long each item takes.

McGill's descending holds read "5 holds of 10 s, then 3, then 1", not "3 sets of 5 reps". The
minutes estimate fits a day into the person's time; it counts every hold on each side.
"""

from __future__ import annotations

from typing import Any, Final

from upright.domain.progression import walking

#: seconds to get into position, between two holds, and between two sets (design)
SETUP_SECONDS: Final = 30
BETWEEN_REPS_SECONDS: Final = 4
#: McGill's rest between the sets of a descending pyramid: about 30 s (reference.md §4.4 [P])
BETWEEN_SETS_SECONDS: Final = 30

_NUMBER_WORDS: Final = {1: "once", 2: "twice"}


def _times(number: int) -> str:
    return _NUMBER_WORDS.get(number, f"{number} times")


def _seconds(value: Any) -> str:
    return f"{float(value):g} s"


def pattern(dose: dict[str, Any]) -> list[int]:
    """Reps in each set: the dose's own pattern, else the same reps in every set."""
    given = dose.get("pattern")
    if isinstance(given, (list, tuple)) and given:
        return [int(x) for x in given]
    return [int(dose.get("reps", 1) or 1)] * int(dose.get("sets", 1) or 1)


def describe(category: str, dose: dict[str, Any], per: str | None = None) -> str:
    """One plain sentence for the dose; ``per`` is "leg" or "side" when it is done on each."""
    side = f" on each {per}" if per else ""
    if category == "aerobic":
        minutes = f"{dose.get('minutes', 0):g}"
        intensity = str(dose.get("intensity", "moderate"))
        word = (
            "pace" if dose.get("modality", "walking") in ("walking", "water_walking") else "effort"
        )
        pace = f"at an {intensity} {word}" if intensity == "easy" else f"at a {intensity} {word}"
        times = int(dose.get("times", 1) or 1)
        if dose.get("rest_minutes"):
            bouts = "1 bout" if times == 1 else f"{times} bouts"
            return (
                f"{bouts} of {minutes} minutes {pace}, sitting down "
                f"to rest {dose['rest_minutes']:g} minutes between bouts"
            )
        # the same words on every day a dose is shown (today, the week, a printed plan): never
        # "today", which is wrong on any other day of the week
        if times == 1:
            return f"{minutes} minutes {pace}"
        return f"{minutes} minutes {pace}, {_times(times)} a day"
    hold = float(dose.get("hold_seconds", 0) or 0)
    if category == "stretch":
        reps = int(dose.get("reps", 1) or 1)
        return f"Hold {_seconds(hold)}, {_times(reps)}{side or ' on each side'}"
    sets = pattern(dose)
    unit = "holds" if hold >= 5 else "times"
    held = f" of {_seconds(hold)}" if hold >= 5 else ""
    if len(sets) > 1 and len(set(sets)) > 1:
        rest = ", then ".join(str(n) for n in sets[1:])
        text = f"{sets[0]} {unit}{held}, then {rest}{side}"
        return text + ". Rest about 30 s between sets" if hold >= 5 else text
    pause = f", holding {_seconds(hold)} each time" if 0 < hold < 5 else ""
    if len(sets) == 1:
        return f"{sets[0]} {unit}{held}{pause}{side}"
    return f"{len(sets)} sets of {sets[0]} {unit}{held}{pause}{side}"


#: what each walking pace feels like: the talk test (reference.md §4.5) in words
PACE_FEEL: Final = {
    "easy": "an easy pace, where you can talk and even sing",
    "moderate": "a moderate pace, a little faster, breathing harder but still able to talk",
    "brisk": "a brisk pace, about 100 steps a minute, able to talk but not sing",
}


def _first_step(intensity: str) -> int:
    return next(s.step for s in walking.LADDER if s.intensity == intensity)


def pace_note(step: int) -> str | None:
    """Why a walk below brisk is not brisk yet, and when brisk comes (None once it is brisk).

    The plan builds up slowly (reference.md §4.5: start with short walks, work up over weeks), and
    rises at most one step a week. The words name steps, never "next week": the same note is
    shown on a day weeks ahead, where "next week" would be wrong.
    """
    now = walking.step(step)
    if now.intensity == "brisk":
        return None
    brisk = _first_step("brisk")
    rise = (
        f"moderate from step {_first_step('moderate')} and to " if now.intensity == "easy" else ""
    )
    return (
        f"For now, walk at {PACE_FEEL[now.intensity]}: the plan builds up slowly. The pace "
        f"rises to {rise}brisk from step {brisk} of the walking ladder. This walk is step "
        f"{now.step}, and the plan climbs at most one step a week."
    )


def minutes(category: str, dose: dict[str, Any], each_side: bool = False) -> float:
    """Rough minutes an item takes, for fitting the day into the person's time."""
    if category == "aerobic":
        bouts = float(dose.get("times", 1))
        rests = float(dose.get("rest_minutes", 0) or 0) * max(bouts - 1, 0)
        return float(dose["minutes"]) * bouts + rests
    hold = float(dose.get("hold_seconds", 0) or 0)
    sides = 2 if each_side or category == "stretch" else 1
    if category == "stretch":
        reps = float(dose.get("reps", 1) or 1)
        return (SETUP_SECONDS + sides * reps * hold) / 60.0
    sets = pattern(dose)
    work = sum(sets) * sides * (hold + BETWEEN_REPS_SECONDS)
    rests = (len(sets) - 1) * BETWEEN_SETS_SECONDS
    return (SETUP_SECONDS + work + rests) / 60.0


def shortened(dose: dict[str, Any]) -> dict[str, Any]:
    """The same level with only its first set: the shortest dose that keeps the exercise."""
    sets = pattern(dose)
    out = dict(dose)
    out["sets"] = 1
    out["reps"] = sets[0]
    out.pop("pattern", None)
    return out
