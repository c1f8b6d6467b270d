"""The same session from two sources (watch FIT and Apple Health, or one export read twice).

Two activities are the same when they are of the same family (a walk the phone called a run is
still the same outing) and overlap for most of the shorter one. When several records describe
one session, the richest is kept: device files with samples before summaries, whether it was
stored earlier or arrives now. Walks found in step counts are cut where they overlap anything
better (see ``trim``). Each activity is compared only with those it overlaps in time (an
interval index), so a file of n activities costs O(n log n), never all pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from upright.domain.tracking.activity import Activity
from upright.domain.tracking.intervals import Counter, IntervalIndex
from upright.domain.tracking.trim import STEP_SOURCE, free_stretch, span, trimmed

#: Kinds that can describe the same outing when two devices disagree.
FAMILY: Final = {
    "walk": "foot",
    "run": "foot",
    "swim": "water",
    "water": "water",
    "bike": "bike",
    "elliptical": "elliptical",
    "other": "other",
}
#: Overlap (share of the shorter activity) above which two records are one session.
SAME_OVERLAP: Final = 0.5
#: Which source to keep, best first: the watch's own file has every sample; a GPX has positions;
#: an Apple Health workout has a summary; a walk found in step counts is the least precise.
SOURCE_RANK: Final = ("fit", "tcx", "gpx", "apple_health", "apple_health_steps")


def overlap_seconds(a: Activity, b: Activity) -> float:
    start = max(a.start, b.start)
    end = min(a.end, b.end)
    return max((end - start).total_seconds(), 0.0)


def same_activity(a: Activity, b: Activity) -> bool:
    """True when ``a`` and ``b`` are one session recorded twice."""
    if a.id == b.id:
        return True
    if FAMILY.get(a.kind, a.kind) != FAMILY.get(b.kind, b.kind):
        return False
    shorter = min(a.minutes, b.minutes) * 60
    if shorter <= 0:
        return a.start == b.start
    return overlap_seconds(a, b) >= SAME_OVERLAP * shorter


def preference(a: Activity) -> tuple[int, int, float]:
    """Sort key, smaller is better: source rank, then fewer missing fields, then longer."""
    rank = SOURCE_RANK.index(a.source) if a.source in SOURCE_RANK else len(SOURCE_RANK)
    missing = sum(v is None for v in (a.distance_km, a.steps, a.avg_hr))
    return (rank, missing, -a.minutes)


@dataclass(frozen=True)
class Duplicate:
    dropped: Activity
    kept: Activity


@dataclass(frozen=True)
class Outcome:
    """What an import changes.

    ``add``: new activities to store (time order), including trimmed copies of stored walks.
    ``dropped``: new activities not stored, with the activity that covers them.
    ``removed``: stored activities to delete, with what replaces them (a richer copy of the
    same session, or the walk's trimmed copy, or the activity that covers the whole walk).
    """

    add: list[Activity]
    dropped: list[Duplicate]
    removed: list[Duplicate]


#: Slack (seconds) when asking the index for neighbours: float rounding never hides a pair.
_EPS = 1e-3


def reconcile(
    candidates: Iterable[Activity],
    existing: Sequence[Activity] = (),
    counter: Counter | None = None,
) -> Outcome:
    """Keep one activity per session, the best by :func:`preference`, stored or new.

    Everything is visited best first (a stored copy before an equally good new one). Each
    activity is the same session as the first-kept activity it matches (:func:`same_activity`)
    and is dropped; otherwise a walk found in step counts is cut to its longest stretch outside
    the activities kept so far, and kept.
    """
    cands = list(candidates)
    items = list(existing) + cands
    n_old = len(existing)
    spans = [span(a) for a in items]
    index = IntervalIndex(spans, counter)
    count = index.counter
    order = sorted(range(len(items)), key=lambda i: (preference(items[i]), i >= n_old, i))
    final: dict[int, Activity] = {}  # kept item -> what it became (trimmed or itself)
    rank: dict[int, int] = {}  # kept item -> position in keeping order
    by_id: dict[str, int] = {}
    lost: dict[int, int] = {}  # dropped item -> the kept item that covers it
    for i in order:
        item = items[i]
        start, end = spans[i]
        near = index.touching(start - _EPS, end + _EPS)
        twin = by_id.get(item.id)
        for j in near:
            count.comparisons += 1
            if (twin is None or rank[j] < rank[twin]) and same_activity(item, final[j]):
                twin = j
        if twin is not None:
            lost[i] = twin
            continue
        if item.source == STEP_SOURCE:
            over = {j: _overlap(span(final[j]), start, end) for j in near}
            blockers = [span(final[j]) for j in near if over[j] > 0]
            if blockers:
                piece = free_stretch(start, end, blockers)
                cut = trimmed(item, *piece) if piece is not None else None
                if cut is None:
                    lost[i] = max(near, key=lambda j: (over[j], -rank[j]))
                    continue
                item = cut
        final[i] = item
        rank[i] = len(rank)
        by_id.setdefault(item.id, i)
        index.switch_on(i, span(item)[1])
    return _outcome(items, n_old, final, lost)


def _overlap(s: tuple[float, float], start: float, end: float) -> float:
    return min(s[1], end) - max(s[0], start)


def _outcome(
    items: list[Activity], n_old: int, final: dict[int, Activity], lost: dict[int, int]
) -> Outcome:
    add: list[Activity] = []
    dropped: list[Duplicate] = []
    removed: list[Duplicate] = []
    kept_old: set[int] = set()
    for i, twin in lost.items():
        # a stored copy equal to the new one that beat it (a walk trimmed the same way on the
        # previous import) stays; the new one is the duplicate
        if i < n_old and twin >= n_old and items[i] == final[twin] and twin not in kept_old:
            kept_old.add(twin)
            dropped.append(Duplicate(final[twin], items[i]))
        elif i < n_old:
            removed.append(Duplicate(items[i], final[twin]))
        else:
            dropped.append(Duplicate(items[i], final[twin]))
    for i, item in final.items():
        if i >= n_old and i not in kept_old:
            add.append(item)
        elif i < n_old and item is not items[i]:
            removed.append(Duplicate(items[i], item))
            add.append(item)
    add.sort(key=lambda a: (a.start, a.id))
    return Outcome(add, dropped, removed)
