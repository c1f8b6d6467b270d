"""From samples to minutes: moving time, brisk-walking time, impossible speeds.

"Brisk" follows the clinical notes (shared/clinical/reference.md):

* pace of about 3 mph = 4.8 km/h (§1.7 NHS Active 10, §4.5 speed thresholds), or
* cadence of about 100 steps/min, the moderate-intensity line (§4.5, CADENCE-Adults),
* held in bouts, where slowing down for up to 2 minutes inside a bout still counts (§1.7).

Everything here is pure and deterministic: the same samples give the same minutes.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from upright.domain.tracking.samples import Track, cadence_factor

#: Brisk pace: about 3 mph (reference.md §1.7 NHS Active 10 and §4.5).
BRISK_SPEED_KMH: Final = 4.8
#: Brisk cadence: about 100 steps/min ~ 3 METs (reference.md §4.5, Tudor-Locke 2019/2020).
BRISK_CADENCE_SPM: Final = 100.0
#: Slowdowns up to 2 minutes inside a bout still count (reference.md §1.7, Active 10).
MAX_SLOWDOWN_S: Final = 120.0
#: ... but no more than 2 minutes in every 10 (§1.7: "up to 2 minutes within a 10-minute period").
MAX_SLOW_SHARE: Final = 0.2
#: Shortest bout credited as brisk. Active 10 uses 10 min (§1.7); the plan's walking ladder
#: starts at walks of 5 min (§4.5 leaflet ladder), so a 5 min brisk walk must be creditable.
MIN_BOUT_S: Final = 300.0
#: Pace is judged over a trailing window, so one noisy GPS fix does not make a bout.
PACE_WINDOW_S: Final = 30.0
#: Slower than this (and no steps) is standing still; gpxpy uses the same 1 km/h.
MOVING_SPEED_KMH: Final = 1.0
#: A step rate above this is moving even when the position is unknown (treadmill, indoors).
MOVING_CADENCE_SPM: Final = 30.0
#: A gap between two samples longer than this is a pause (auto-pause, lost signal), not motion.
MAX_SAMPLE_GAP_S: Final = 300.0
#: Sustained faster than this is not a walk: people switch to running near 7-8 km/h, so 10 km/h
#: held for a minute means a run, a bike or a vehicle, never the plan's walking.
WALK_MAX_KMH: Final = 10.0
#: Point-to-point speeds above these are GPS spikes for that kind of activity.
SPIKE_KMH: Final = {"walk": 25.0, "run": 35.0, "bike": 100.0, "swim": 15.0, "water": 15.0}
SPIKE_KMH_OTHER: Final = 200.0
#: A run of over-the-limit intervals shorter than this is a spike (the fix jumps out and back);
#: longer is real travel at that speed (a car), judged as sustained speed instead.
SPIKE_MAX_S: Final = 20.0
#: A walk is not credited when more than this share of its moving time is at impossible speed.
MAX_IMPOSSIBLE_SHARE: Final = 0.5


@dataclass(frozen=True)
class Motion:
    """What the samples say about a session."""

    moving_s: float
    brisk_s: float
    distance_m: float | None
    #: seconds faster than walking pace (only judged for walks and undeclared kinds)
    impossible_s: float
    spikes: int
    #: median pace over the moving time, km/h (None without positions)
    typical_kmh: float | None
    max_sustained_kmh: float | None
    #: median step rate while moving, steps/min (None without cadence)
    typical_spm: float | None
    has_speed: bool
    has_cadence: bool


@dataclass(frozen=True)
class Bout:
    start: float
    end: float
    slow_s: float

    @property
    def span(self) -> float:
        return self.end - self.start


def _column(col: Sequence[float], n: int) -> Sequence[float] | None:
    return col if len(col) == n else None


def analyse(track: Track, kind: str | None) -> Motion:
    """Moving and brisk seconds of a track; ``kind`` None means "not declared, judge it"."""
    t = track.t
    n = len(t)
    dist = _column(track.dist_m, n)
    cad = _column(track.cadence, n)
    foot = kind in (None, "walk", "run")
    factor = cadence_factor(cad, kind) if (cad is not None and foot) else 1.0
    spike_kmh = SPIKE_KMH.get(kind or "walk", SPIKE_KMH_OTHER)
    judge_walk = kind in (None, "walk")

    moving_s = impossible_s = 0.0
    spikes = 0
    clean = 0.0  # distance without spikes
    has_speed = False
    has_cadence = False
    spiky = _spikes(t, dist, spike_kmh) if dist is not None else bytearray(n)
    # pace over the last PACE_WINDOW_S of *moving* time: a stop at a crossing is not averaged
    # into the pace after it, and one noisy fix cannot make a bout
    window: deque[tuple[float, float]] = deque()
    win_t = win_d = 0.0
    brisk_spans: list[tuple[float, float]] = []  # contiguous intervals merged as they come
    # medians from histograms (0.1 km/h and 1 step/min bins): flat memory for any length
    speeds: dict[int, float] = {}
    cadences: dict[int, float] = {}
    max_sustained = 0.0
    for i in range(1, n):
        dt = t[i] - t[i - 1]
        if dt <= 0 or dt > MAX_SAMPLE_GAP_S:
            continue
        point_kmh = -1.0
        dd = 0.0
        if dist is not None:
            dd = dist[i] - dist[i - 1]
            if math.isnan(dd):
                dd = 0.0
            else:
                has_speed = True
                dd = max(dd, 0.0)
                if spiky[i]:
                    spikes += 1
                    continue
                point_kmh = dd / dt * 3.6
                clean += dd  # slow creeping still covers ground; only spikes are dropped
        spm = -1.0
        if cad is not None:
            c = cad[i]
            if c > 0:  # nan and 0 drop out
                has_cadence = True
                spm = c * factor
        if not (point_kmh >= MOVING_SPEED_KMH or spm >= MOVING_CADENCE_SPM):
            continue
        moving_s += dt
        window_kmh = -1.0
        if point_kmh >= 0:
            window.append((dt, dd))
            win_t += dt
            win_d += dd
            while win_t - window[0][0] >= PACE_WINDOW_S:
                old_t, old_d = window.popleft()
                win_t -= old_t
                win_d -= old_d
            window_kmh = win_d / win_t * 3.6
            key = int(window_kmh * 10)
            speeds[key] = speeds.get(key, 0.0) + dt
            if win_t >= PACE_WINDOW_S / 2:
                max_sustained = max(max_sustained, window_kmh)
        if spm > 0:
            key = int(spm)
            cadences[key] = cadences.get(key, 0.0) + dt
        if judge_walk and window_kmh > WALK_MAX_KMH:
            impossible_s += dt
            continue
        if window_kmh >= BRISK_SPEED_KMH or spm >= BRISK_CADENCE_SPM:
            if brisk_spans and brisk_spans[-1][1] == t[i - 1]:
                brisk_spans[-1] = (brisk_spans[-1][0], t[i])
            else:
                brisk_spans.append((t[i - 1], t[i]))
    # a distance column that never grows (indoor rower, trainer) carries no speed at all
    has_speed = has_speed and clean > 0
    bouts = find_bouts(brisk_spans)
    brisk_s = sum(b.span for b in bouts)
    return Motion(
        moving_s=moving_s,
        brisk_s=brisk_s,
        distance_m=clean if has_speed else None,
        impossible_s=impossible_s,
        spikes=spikes,
        typical_kmh=_histogram_median(speeds, 0.1),
        max_sustained_kmh=max_sustained if has_speed else None,
        typical_spm=_histogram_median(cadences, 1.0),
        has_speed=has_speed,
        has_cadence=has_cadence,
    )


def _spikes(t: Sequence[float], dist: Sequence[float], limit_kmh: float) -> bytearray:
    """Mark intervals (by their end index) that belong to a short burst above ``limit_kmh``."""
    n = len(t)
    marks = bytearray(n)
    i = 1
    while i < n:
        if not _fast(t, dist, i, limit_kmh):
            i += 1
            continue
        k = i
        while k + 1 < n and _fast(t, dist, k + 1, limit_kmh):
            k += 1
        if t[k] - t[i - 1] < SPIKE_MAX_S:
            for m in range(i, k + 1):
                marks[m] = 1
        i = k + 1
    return marks


def _fast(t: Sequence[float], dist: Sequence[float], i: int, limit_kmh: float) -> bool:
    dt = t[i] - t[i - 1]
    dd = dist[i] - dist[i - 1]
    return dt > 0 and dd / dt * 3.6 > limit_kmh  # nan compares False


def _histogram_median(bins: dict[int, float], width: float) -> float | None:
    """Time-weighted median of binned values (the bin's middle)."""
    if not bins:
        return None
    half = sum(bins.values()) / 2
    acc = 0.0
    for key in sorted(bins):
        acc += bins[key]
        if acc >= half:
            return (key + 0.5) * width
    return (max(bins) + 0.5) * width


def find_bouts(spans: Sequence[tuple[float, float]]) -> list[Bout]:
    """Join brisk time spans into bouts; keep the bouts long and brisk enough to count.

    ``spans`` are (start, end) seconds in time order. Gaps up to ``MAX_SLOWDOWN_S`` are
    bridged; a bout whose slow share exceeds ``MAX_SLOW_SHARE`` is split at its longest gap
    until every part is brisk enough (so short bursts cannot be chained into one long bout).
    """
    groups: list[list[tuple[float, float]]] = []
    for start, end in spans:
        if end <= start:
            continue
        if groups and start - groups[-1][-1][1] <= MAX_SLOWDOWN_S:
            last = groups[-1][-1]
            if start <= last[1]:  # touching or overlapping: extend
                groups[-1][-1] = (last[0], max(last[1], end))
            else:
                groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    bouts: list[Bout] = []
    for group in groups:
        bouts.extend(_split(group))
    return [b for b in bouts if b.span >= MIN_BOUT_S]


def _split(group: list[tuple[float, float]]) -> list[Bout]:
    start, end = group[0][0], group[-1][1]
    gaps = [group[k + 1][0] - group[k][1] for k in range(len(group) - 1)]
    slow = sum(gaps)
    if end - start < MIN_BOUT_S:
        return []
    if slow <= MAX_SLOW_SHARE * (end - start) or not gaps:
        return [Bout(start, end, slow)]
    cut = max(range(len(gaps)), key=gaps.__getitem__)
    return _split(group[: cut + 1]) + _split(group[cut + 1 :])
