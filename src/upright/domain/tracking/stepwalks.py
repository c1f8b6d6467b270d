"""Walks found in step counts, for phones that record steps but no workout.

A phone or watch writes step counts in short intervals (a minute on a watch, a few minutes on a
phone). A continuous stretch of walking long enough to be a plan walk becomes a walk activity;
its brisk minutes come from the cadence (steps/min, reference.md §4.5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from upright.domain.tracking.brisk import BRISK_CADENCE_SPM as BRISK_SPM
from upright.domain.tracking.brisk import (
    BRISK_SPEED_KMH,
    MAX_SLOWDOWN_S,
    MIN_BOUT_S,
    WALK_MAX_KMH,
    find_bouts,
)

#: A step rate at or above this is walking, not pottering around the house.
WALKING_SPM: Final = 60.0
#: Shortest continuous walk reported from steps alone: the walking ladder's first rung, 5 min
#: (reference.md §4.5), so the beginner's walks are seen.
MIN_WALK_S: Final = MIN_BOUT_S


@dataclass(frozen=True)
class StepInterval:
    start: float  # epoch seconds
    end: float
    steps: float


@dataclass(frozen=True)
class StepWalk:
    start: float
    end: float
    steps: int
    brisk_s: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def _spm(iv: StepInterval) -> float:
    span = iv.end - iv.start
    return iv.steps / span * 60 if span > 0 else 0.0


def find_walks(intervals: Iterable[StepInterval]) -> list[StepWalk]:
    """Continuous walks in one source's step intervals (sorted by start), read once."""
    walks: list[StepWalk] = []
    run: list[StepInterval] = []

    def close() -> None:
        if run and run[-1].end - run[0].start >= MIN_WALK_S:
            brisk_spans = [(iv.start, iv.end) for iv in run if _spm(iv) >= BRISK_SPM]
            brisk = sum(b.span for b in find_bouts(brisk_spans))
            walks.append(
                StepWalk(run[0].start, run[-1].end, round(sum(iv.steps for iv in run)), brisk)
            )
        run.clear()

    for iv in intervals:
        if iv.end <= iv.start or _spm(iv) < WALKING_SPM:
            close()
            continue
        if run and iv.start - run[-1].end > MAX_SLOWDOWN_S:
            close()
        if run and iv.start < run[-1].end:  # overlapping samples from one source: skip
            continue
        run.append(iv)
    close()
    return walks


def steps_between(intervals: Sequence[StepInterval], start: float, end: float) -> float:
    """Steps inside [start, end), prorating intervals that cross the edges."""
    total = 0.0
    for iv in intervals:
        lo = max(iv.start, start)
        hi = min(iv.end, end)
        span = iv.end - iv.start
        if span <= 0:
            if start <= iv.start < end:
                total += iv.steps
        elif hi > lo:
            total += iv.steps * (hi - lo) / span
    return total


def brisk_seconds(steps: Sequence[StepInterval], distance: Sequence[StepInterval] = ()) -> float:
    """Brisk seconds from step samples (cadence) and distance samples (pace, metres).

    A sample is brisk when its cadence reaches ``BRISK_CADENCE_SPM`` or its pace reaches
    ``BRISK_SPEED_KMH`` without being faster than a walk; bouts are then joined as for tracks.
    """
    spans = [(iv.start, iv.end) for iv in steps if _spm(iv) >= BRISK_SPM]
    for iv in distance:
        span = iv.end - iv.start
        if span > 0 and BRISK_SPEED_KMH <= iv.steps / span * 3.6 <= WALK_MAX_KMH:
            spans.append((iv.start, iv.end))
    spans.sort()
    return sum(b.span for b in find_bouts(spans))
