"""Who needs a clinician's attention first: the order of a clinician's list of linked people.

Each reason adds weight; the list is sorted by weight, then by name. The weights are an
ordering, not a score to read: a red flag always comes first, by its urgency (reference.md
§3.1), then a safety-netting prompt (two flare weeks, no improvement after 6 weeks), then a
person who stopped logging (a break of 2 weeks or more changes the plan, reference.md §4.6), then
a clearance the clinician has not given or that lapsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from upright.domain import vocab

#: a red flag's weight by urgency level; every other reason weighs less than the least of these
FLAG_WEIGHT: Final = {"emergency": 1000, "same_day": 500, "soon": 200}
PROMPT_WEIGHT: Final = 50
DROPPED_OUT_WEIGHT: Final = 20
CLEARANCE_WEIGHT: Final = 10
#: no session logged for this many days counts as dropped out (reference.md §4.6: a break)
DROPPED_OUT_DAYS: Final = 14


@dataclass(frozen=True)
class Attention:
    weight: int
    reasons: tuple[str, ...]


def attention(
    red_flags: Sequence[tuple[str, str]],
    prompts: Sequence[str],
    last_session: date | None,
    clearance_in_force: str,
    today: date,
) -> Attention:
    """``red_flags``: (urgency level, the question answered yes) for each flag open now."""
    weight = 0
    reasons: list[str] = []
    for level, question in red_flags:
        weight += FLAG_WEIGHT[level]
        reasons.append(f"Warning sign answered yes ({level.replace('_', ' ')}): {question}")
    for prompt in prompts:
        weight += PROMPT_WEIGHT
        reasons.append(prompt)
    if last_session is None:
        weight += DROPPED_OUT_WEIGHT
        reasons.append("No session logged yet.")
    elif (today - last_session).days >= DROPPED_OUT_DAYS:
        weight += DROPPED_OUT_WEIGHT
        reasons.append(f"No session logged for {(today - last_session).days} days.")
    if clearance_in_force not in vocab.CLEARED:
        weight += CLEARANCE_WEIGHT
        reasons.append(
            "Waiting for clearance."
            if clearance_in_force == "not_yet"
            else "Advised against exercise."
        )
    return Attention(weight, tuple(reasons))
