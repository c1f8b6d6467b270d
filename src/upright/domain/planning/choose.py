"""Choosing exercises from what screening allowed: which hamstring stretch, which core work,
which mobility drill and which aerobic modality. The planner can only see ``Allowance``s, so it
cannot pick an exercise that screening ruled out.
"""

from __future__ import annotations

from itertools import combinations
from typing import Final

from upright.domain.safety.screening import Allowance, Screening

CORE_GROUPS: Final = ("abdomen", "back", "pelvis")
#: core exercises per session: selfBACK's default program holds 3 exercises (reference.md §1.1 [V])
CORE_PER_SESSION: Final = 3
#: core sessions per week: ACSM resistance frequency 2-3 days/week (reference.md §4.2, §4.4 [V])
CORE_DAYS_PER_WEEK: Final = 3
#: the profile's "prefers" word -> the aerobic catalog entry
PREFERRED_MODALITY: Final = {
    "walking": "walking",
    "exercise_bike": "exercise_bike",
    "elliptical": "elliptical",
    "water": "water_walking",
}
ALTERNATIVES: Final = (
    "exercise_bike", "elliptical", "water_walking", "water_exercise", "chair_exercise",
)  # fmt: skip


def _score(
    screening: Screening, allowance: Allowance, level: int
) -> tuple[int, int, int, int, str]:
    exercise = allowance.exercise
    tags = exercise.movements_at(min(level, allowance.max_level))
    favoured = sum(1 for t in tags if t in screening.favours)
    preferred = 0 if exercise.id in screening.prefers else 1
    return (preferred, len(allowance.cautions), -favoured, exercise.priority, exercise.id)


def ranked(
    screening: Screening,
    category: str,
    group: str | None = None,
    levels: dict[str, int] | None = None,
) -> list[Allowance]:
    levels = levels or {}
    pool = [
        a
        for a in screening.allowed
        if a.exercise.category == category and (group is None or a.exercise.group == group)
    ]
    return sorted(pool, key=lambda a: _score(screening, a, levels.get(a.exercise.id, 1)))


def hamstring_stretch(screening: Screening, levels: dict[str, int]) -> Allowance | None:
    options = ranked(screening, "stretch", "hamstrings", levels)
    return options[0] if options else None


def core_set(screening: Screening, levels: dict[str, int]) -> list[Allowance]:
    """One exercise for each of abdomen, back and pelvis where allowed, topped up from the rest."""
    chosen: list[Allowance] = []
    for group in CORE_GROUPS:
        options = ranked(screening, "core", group, levels)
        if options:
            chosen.append(options[0])
    for allowance in ranked(screening, "core", None, levels):
        if len(chosen) >= CORE_PER_SESSION:
            break
        if allowance not in chosen:
            chosen.append(allowance)
    return chosen[:CORE_PER_SESSION]


def best(screening: Screening, category: str, levels: dict[str, int]) -> list[Allowance]:
    """Every allowed exercise of a category, best first (balance, strength)."""
    return ranked(screening, category, None, levels)


def mobility(screening: Screening, levels: dict[str, int]) -> Allowance | None:
    options = ranked(screening, "mobility", None, levels)
    return options[0] if options else None


def aerobic(screening: Screening) -> tuple[Allowance | None, list[str]]:
    """The aerobic modality: the person's preference when allowed, else walking, else another."""
    profile = screening.profile
    notes: list[str] = []
    walking = screening.allowance("walking")
    if not screening.cleared:
        if walking is None or profile.walk_minutes == 0:
            notes.append(
                "No walking is planned because you cannot walk comfortably yet. "
                "Please ask your doctor how to start."
            )
            return None, notes
        return walking, notes
    for preferred in screening.prefers:
        choice = screening.allowance(preferred)
        if choice is not None and choice.exercise.category == "aerobic":
            notes.append(
                f"{choice.exercise.name} comes first in your plan: it suits your back condition, "
                "and you have one."
            )
            return choice, notes
    wanted = PREFERRED_MODALITY[profile.prefers]
    if wanted != "walking":
        choice = screening.allowance(wanted)
        if choice is not None:
            return choice, notes
        excluded = screening.exclusion(wanted)
        because = excluded.reasons[0] if excluded else "it is not available"
        notes.append(
            f"You prefer {profile.prefers.replace('_', ' ')}, but {because[0].lower()}{because[1:]} Walking is planned instead."
        )
    if walking is not None and profile.walk_minutes > 0:
        return walking, notes
    walk_out = screening.exclusion("walking")
    for other in ALTERNATIVES:
        choice = screening.allowance(other)
        if choice is not None:
            if walk_out is not None and walk_out.kind == "safety":
                notes.append(
                    f"{choice.exercise.name} takes the place of walking. Walking is left out: "
                    f"{walk_out.reasons[0][:1].lower()}{walk_out.reasons[0][1:]}"
                )
            else:
                notes.append(
                    f"Walking is hard for you right now, so {choice.exercise.name.lower()} "
                    "takes its place at the same weekly effort."
                )
            return choice, notes
    notes.append(
        "No aerobic exercise is planned: walking is not comfortable yet and no alternative "
        "(bike, elliptical, pool) is available. Ask your doctor or physiotherapist how to start."
    )
    return None, notes


def spread_days(free: tuple[str, ...], count: int) -> tuple[str, ...]:
    """Pick ``count`` of the free days, avoiding back-to-back days where possible."""
    order = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    days = [d for d in order if d in free]
    if len(days) <= count:
        return tuple(days)
    best: tuple[str, ...] = tuple(days[:count])
    best_gap = -1

    for combo in combinations(days, count):
        idx = [order.index(d) for d in combo]
        gaps = [(idx[(i + 1) % count] - idx[i]) % 7 or 7 for i in range(count)]
        if min(gaps) > best_gap:
            best, best_gap = combo, min(gaps)
    return best
