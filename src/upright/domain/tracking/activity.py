"""Activities recorded by a phone or watch (walks, rides, swims ...), after import.

An Activity is what the plan can credit. Importers (adapters) turn device files into these;
the brisk-walking detection that fills ``brisk_minutes`` is pure domain code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

#: kinds an imported activity can have (the import JSON contract)
ACTIVITY_KINDS: Final = ("walk", "run", "bike", "elliptical", "swim", "water", "other")


@dataclass(frozen=True)
class Activity:
    """One imported session. ``start`` is timezone-aware; minutes are floats."""

    id: str
    kind: str
    start: datetime
    minutes: float
    moving_minutes: float
    brisk_minutes: float
    distance_km: float | None
    steps: int | None
    avg_hr: float | None
    counted: bool
    note: str | None
    source: str
    device: str | None = None
    #: MET value used to dose this session against walking (2024 Compendium, reference.md §5);
    #: None when the activity does not count as aerobic exercise for the plan.
    met: float | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    @property
    def met_minutes(self) -> float | None:
        """Gross MET-minutes (MET x moving minutes), the unit used to swap modalities (§5)."""
        if self.met is None:
            return None
        return round(self.met * self.moving_minutes, 1)


@dataclass(frozen=True)
class Skipped:
    """Something in a file that was read but deliberately not imported, and why."""

    what: str
    why: str


def activity_id(source: str, kind: str, start: datetime, seconds: float) -> str:
    """A stable id: the same session read twice from the same kind of source gets the same id.

    Built from the source kind, the activity kind, the UTC start (to the second) and the
    duration (to the second), so re-importing a file or a newer export never duplicates it.
    """
    utc = start.astimezone(UTC).replace(microsecond=0).isoformat()
    key = f"{source}|{kind}|{utc}|{round(seconds)}"
    return f"{source}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
