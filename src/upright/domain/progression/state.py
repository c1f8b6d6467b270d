"""Where a person stands on each ladder, with the reasons. The planner reads this."""

from __future__ import annotations

from dataclasses import dataclass, field

from upright.domain import vocab
from upright.domain.profile import Profile
from upright.domain.progression import walking


@dataclass(frozen=True)
class ProgressState:
    """The walking step, each family's level, and why.

    ``walk_bout_cap`` limits one walk below the ladder's minutes (a beginner who can walk only
    two or three minutes today); ``mode`` is "start", "step_up", "hold", "step_back", "flare"
    or "reentry".
    """

    walking_step: int
    walking_reasons: tuple[str, ...]
    levels: dict[str, int] = field(default_factory=dict)
    level_reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    walk_bout_cap: int | None = None
    clean_counts: dict[str, int] = field(default_factory=dict)
    mode: str = "start"
    notes: tuple[str, ...] = ()

    def level(self, family: str) -> int:
        return self.levels.get(family, 1)


def initial_state(profile: Profile) -> ProgressState:
    """The state of a person who has not logged anything yet."""
    number, reason = walking.start_step(
        profile.walk_minutes,
        profile.pain_now,
        acute="nonspecific_acute" in profile.conditions,
        # the gentle start after surgery lasts the first 12 weeks (or while the date is unknown)
        after_surgery=bool(vocab.SURGERY_CONDITIONS & set(profile.conditions))
        and (profile.weeks_since_surgery is None or profile.weeks_since_surgery < 12),
    )
    cap = profile.walk_minutes if 0 < profile.walk_minutes < 5 else None
    reasons = [reason]
    if cap is not None:
        reasons.append(f"Each walk is {cap} minutes for now, because that is comfortable today.")
    return ProgressState(walking_step=number, walking_reasons=tuple(reasons), walk_bout_cap=cap)
