"""The plan for one week: days of items, each with its dose and its reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from upright.domain.safety.screening import Stop
from upright.domain.vocab import DISCLAIMER


@dataclass(frozen=True)
class PlanItem:
    id: str
    name: str
    category: str
    movements: tuple[str, ...]
    dose: dict[str, Any]
    why: tuple[str, ...]
    family: str | None = None
    level: int | None = None
    level_name: str | None = None
    est_minutes: float = 0.0
    #: the body group the item works (abdomen, back, pelvis, hamstrings, whole_body ...)
    group: str | None = None
    #: signs that mean stop now and call a clinician (pregnancy's warning signs)
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "movements": list(self.movements),
            "dose": dict(self.dose),
            "why": list(self.why),
        }
        if self.family is not None:
            data["family"] = self.family
            data["level"] = self.level
            data["level_name"] = self.level_name
        data["est_minutes"] = round(self.est_minutes, 1)
        if self.group is not None:
            data["group"] = self.group
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True)
class PlanDay:
    date: date
    items: tuple[PlanItem, ...]
    notes: tuple[str, ...] = ()
    #: normal | flare | paused | starter | stopped (vocab.DAY_MODES; set by progression.day_modes)
    mode: str = "normal"

    @property
    def minutes(self) -> float:
        return sum(i.est_minutes for i in self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "weekday": self.date.strftime("%a").lower(),
            "items": [i.to_json() for i in self.items],
            "notes": list(self.notes),
            "mode": self.mode,
        }


@dataclass(frozen=True)
class Excluded:
    id: str
    name: str
    reasons: tuple[str, ...]
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "reasons": list(self.reasons), "kind": self.kind}


@dataclass(frozen=True)
class Plan:
    stop: Stop | None
    clearance: str
    week_start: date
    days: tuple[PlanDay, ...]
    excluded: tuple[Excluded, ...]
    notes: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    progress: dict[str, Any] = field(default_factory=dict)
    card: dict[str, Any] | None = None

    def item(self, item_id: str) -> PlanItem | None:
        for day in self.days:
            for item in day.items:
                if item.id == item_id:
                    return item
        return None

    def day(self, when: date) -> PlanDay | None:
        for day in self.days:
            if day.date == when:
                return day
        return None

    def to_json(self) -> dict[str, Any]:
        stop = None
        if self.stop is not None:
            stop = {
                "level": self.stop.level,
                "message": self.stop.message,
                "reasons": list(self.stop.reasons),
            }
        return {
            "stop": stop,
            "clearance": self.clearance,
            "week_start": self.week_start.isoformat(),
            "days": [d.to_json() for d in self.days],
            "excluded": [e.to_json() for e in self.excluded],
            "notes": list(self.notes),
            "conflicts": list(self.conflicts),
            "progress": dict(self.progress),
            "card": self.card,
            "disclaimer": DISCLAIMER,
        }
