"""When the questions are asked: at the start (baseline), after 2, 6 and 12 weeks, then every
3 months.

The trials Upright is modelled on asked at baseline, 6 weeks, 3, 6 and 9 months (selfBACK,
reference.md §6 [V]); the early 2-week point is ours, so a first change shows while the habit
forms. A point opens a few days early and stays open until the next one opens; a missed point
is skipped, never stacked up.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

#: the first points, in weeks after the baseline
FIRST_WEEKS: Final = (0, 2, 6, 12)
#: after the last of FIRST_WEEKS, one point every 13 weeks (3 months)
EVERY_WEEKS: Final = 13
#: a point can be answered this many days before its date
OPENS_EARLY_DAYS: Final = 3


@dataclass(frozen=True)
class Timepoint:
    weeks: int  # weeks after the baseline; 0 is the baseline itself
    on: date

    @property
    def label(self) -> str:
        if self.weeks == 0:
            return "start"
        if self.weeks <= FIRST_WEEKS[-1]:
            return f"{self.weeks} weeks"
        months = 3 * (1 + (self.weeks - FIRST_WEEKS[-1]) // EVERY_WEEKS)
        return f"{months} months"

    @property
    def opens(self) -> date:
        return self.on - timedelta(days=OPENS_EARLY_DAYS) if self.weeks else self.on


@dataclass(frozen=True)
class Due:
    """``now`` is the point open today and not yet answered (None when nothing is due);
    ``next`` is the next point after today's."""

    now: Timepoint | None
    next: Timepoint


def point_weeks(index: int) -> int:
    if index < len(FIRST_WEEKS):
        return FIRST_WEEKS[index]
    return FIRST_WEEKS[-1] + EVERY_WEEKS * (index - len(FIRST_WEEKS) + 1)


def timepoints(baseline: date, until: date) -> list[Timepoint]:
    """Every point from the baseline up to and including the first one after ``until``."""
    out: list[Timepoint] = []
    index = 0
    while True:
        weeks = point_weeks(index)
        point = Timepoint(weeks, baseline + timedelta(weeks=weeks))
        out.append(point)
        if point.opens > until:
            return out
        index += 1


def current_point(baseline: date, today: date) -> Timepoint | None:
    """The point open today: the last one that has opened (None before the baseline)."""
    if today < baseline:
        return None
    opened = [p for p in timepoints(baseline, today) if p.opens <= today]
    return opened[-1]


def due(baseline: date | None, answered: Collection[int], today: date) -> Due:
    """What is due today, given the baseline date and the points (in weeks) already answered.

    Without a baseline, the baseline itself is due today.
    """
    if baseline is None:
        start = Timepoint(0, today)
        return Due(
            now=start, next=Timepoint(FIRST_WEEKS[1], today + timedelta(weeks=FIRST_WEEKS[1]))
        )
    points = timepoints(baseline, today)
    current = current_point(baseline, today)
    upcoming = next(p for p in points if p.opens > today)
    if current is None or current.weeks in answered:
        return Due(now=None, next=upcoming)
    return Due(now=current, next=upcoming)
