"""Which education card to show: one at a time, where it helps."""

from __future__ import annotations

from dataclasses import replace
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


#: the card line asking to see a doctor first: said only to someone not yet cleared
ASK_DOCTOR_FIRST: Final = "Please check with your doctor before you start."
#: what a cleared person reads instead
NOT_MEDICAL_ADVICE: Final = "This is general information, not medical advice."


def _for_cleared(card: Card) -> Card:
    body = []
    for line in card.body:
        if ASK_DOCTOR_FIRST in line:
            line = line.replace(ASK_DOCTOR_FIRST, "").strip()
            line = line if line else NOT_MEDICAL_ADVICE
        body.append(line)
    return replace(card, body=tuple(body))


def choose_card(
    catalog: Catalog, state: ProgressState, on: date, cleared: bool = False
) -> Card | None:
    """The card for this week; a person a doctor has cleared is not asked to check first."""
    wanted = BY_MODE.get(state.mode)
    if wanted is None:
        wanted = ROTATION[on.isocalendar().week % len(ROTATION)]
    card = catalog.card(wanted)
    return _for_cleared(card) if card is not None and cleared else card
