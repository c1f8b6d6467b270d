"""Which education card to show: one at a time, where it helps."""

from __future__ import annotations

from datetime import date
from typing import Final

from upright.domain.catalog.model import Card, Catalog
from upright.domain.progression.state import ProgressState

#: cards by the plan's mode: a flare gets the flare plan, a return after a break the missed-days card
BY_MODE: Final = {"flare": "flare_plan", "reentry": "missed_days", "start": "welcome"}
#: otherwise the cards take turns, one a week
ROTATION: Final = (
    "why_walking",
    "why_core",
    "why_hamstrings",
    "hurt_not_harm",
    "pacing",
    "exercise_with_friends",
    "check_with_doctor",
)


def choose_card(catalog: Catalog, state: ProgressState, on: date) -> Card | None:
    wanted = BY_MODE.get(state.mode)
    if wanted is None:
        wanted = ROTATION[on.isocalendar().week % len(ROTATION)]
    return catalog.card(wanted)
