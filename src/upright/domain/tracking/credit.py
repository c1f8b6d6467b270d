"""Crediting a plan's aerobic item with activities a phone or watch recorded that day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from upright.domain.planning.plan import PlanItem
from upright.domain.tracking.activity import Activity

#: the plan's modality -> the imported activity kinds that count for it
KINDS_FOR_MODALITY: Final[dict[str, tuple[str, ...]]] = {
    "walking": ("walk",),
    "exercise_bike": ("bike",),
    "elliptical": ("elliptical",),
    "water_walking": ("water", "swim"),
    "water_exercise": ("water", "swim"),
}


@dataclass(frozen=True)
class Credit:
    status: str  # "done" | "partly" | "none"
    minutes: float
    planned: float
    activities: tuple[Activity, ...]


def credit(item: PlanItem, activities: Sequence[Activity]) -> Credit:
    """How much of the item the day's counted activities cover."""
    kinds = KINDS_FOR_MODALITY.get(str(item.dose.get("modality")), ())
    used = tuple(a for a in activities if a.counted and a.kind in kinds)
    minutes = sum(a.moving_minutes or a.minutes for a in used)
    planned = float(item.dose.get("minutes", 0)) * float(item.dose.get("times", 1))
    if not used:
        return Credit("none", 0.0, planned, ())
    status = "done" if minutes >= planned * 0.95 else "partly"
    return Credit(status, round(minutes, 1), planned, used)
