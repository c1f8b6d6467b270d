from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.tracking.helpers import T0, steady
from upright.domain.tracking.brisk import (
    MAX_SLOWDOWN_S,
    MIN_BOUT_S,
    analyse,
    find_bouts,
)
from upright.domain.tracking.samples import Track, cadence_factor, haversine_m


def test_steady_brisk_walk_is_all_brisk() -> None:
    motion = analyse(steady([(20 * 60, 5.5)]), "walk")
    assert math.isclose(motion.moving_s, 1200, abs_tol=1)
    # the first sample's window is short, but the whole bout counts
    assert motion.brisk_s >= 1190
    assert motion.impossible_s == 0
    assert math.isclose(motion.distance_m or 0, 5.5 / 3.6 * 1200, rel_tol=1e-6)


def test_slow_stroll_is_not_brisk() -> None:
    motion = analyse(steady([(30 * 60, 3.5)]), "walk")
    assert motion.moving_s > 1700
    assert motion.brisk_s == 0


def test_short_brisk_burst_is_not_a_bout() -> None:
    motion = analyse(steady([(10 * 60, 3.0), (3 * 60, 6.0), (10 * 60, 3.0)]), "walk")
    assert motion.brisk_s == 0


def test_traffic_light_stop_inside_a_bout_still_counts() -> None:
    # Active 10: slowing down for up to 2 minutes within a 10-minute period still counts
    motion = analyse(steady([(6 * 60, 5.5), (90, 0.0), (6 * 60, 5.5)]), "walk")
    assert motion.brisk_s >= 13 * 60


def test_long_stop_splits_the_bout() -> None:
    motion = analyse(steady([(6 * 60, 5.5), (5 * 60, 0.0), (6 * 60, 5.5)]), "walk")
    assert 11 * 60 <= motion.brisk_s <= 12 * 60 + 5
    assert motion.moving_s < 12 * 60 + 5


def test_cadence_alone_makes_a_walk_brisk() -> None:
    # a treadmill: no positions, 110 steps per minute
    t = [T0 + i * 5 for i in range(12 * 12 + 1)]
    motion = analyse(Track(t=t, cadence=[110.0] * len(t)), "walk")
    assert motion.brisk_s >= 11.9 * 60
    assert not motion.has_speed


def test_garmin_stride_cadence_is_doubled() -> None:
    assert cadence_factor([53, 56, 58, 60], "walk") == 2.0
    assert cadence_factor([105, 110], "walk") == 1.0
    assert cadence_factor([85, 90], "run") == 2.0
    assert cadence_factor([170, 175], "run") == 1.0


def test_car_speed_in_a_walk_is_impossible_and_not_brisk() -> None:
    motion = analyse(steady([(5 * 60, 5.0), (10 * 60, 40.0), (5 * 60, 5.0)]), "walk")
    assert motion.impossible_s >= 9 * 60
    assert motion.brisk_s < 11 * 60


def test_gps_spike_is_dropped_from_distance() -> None:
    track = steady([(10 * 60, 5.0)])
    d = list(track.dist_m)
    d[50:] = [x + 500 for x in d[50:]]  # one fix jumps 500 m away ...
    d[51:] = [x - 500 for x in d[51:]]  # ... and the next one is back
    motion = analyse(Track(t=track.t, dist_m=d), "walk")
    assert motion.spikes >= 1
    assert math.isclose(motion.distance_m or 0, 5.0 / 3.6 * 600, rel_tol=0.02)


def test_bouts_bridge_short_gaps_only() -> None:
    bouts = find_bouts([(0, 400), (400 + MAX_SLOWDOWN_S, 900)])
    assert len(bouts) == 1 and bouts[0].span == 900
    assert find_bouts([(0, 200), (200 + MAX_SLOWDOWN_S + 1, 600)]) == []


def test_chained_bursts_with_long_pauses_are_split() -> None:
    # 30 s brisk, 110 s slow, repeated: mostly slow, so never a bout
    spans = [(k * 140.0, k * 140.0 + 30.0) for k in range(20)]
    assert find_bouts(spans) == []


def test_haversine_one_degree_of_latitude() -> None:
    assert math.isclose(haversine_m(0, 0, 1, 0), 111_195, rel_tol=1e-3)


legs = st.lists(st.tuples(st.floats(5, 900), st.floats(0, 60)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(legs)
def test_brisk_never_exceeds_moving_or_elapsed(parts: list[tuple[float, float]]) -> None:
    track = steady(parts)
    motion = analyse(track, "walk")
    elapsed = track.t[-1] - track.t[0]
    assert 0 <= motion.moving_s <= elapsed + 1e-6
    assert 0 <= motion.brisk_s <= elapsed + 1e-6
    assert motion.impossible_s <= motion.moving_s + 1e-6


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 5000), st.floats(1, 600)), max_size=30))
def test_bouts_are_long_enough_ordered_and_disjoint(raw: list[tuple[float, float]]) -> None:
    spans = sorted((s, s + d) for s, d in raw)
    bouts = find_bouts(spans)
    for b in bouts:
        assert b.span >= MIN_BOUT_S
        assert b.slow_s <= 0.2 * b.span + 1e-6
    for a, b in zip(bouts, bouts[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=40, deadline=None)
@given(st.floats(0.5, 4.7), st.floats(4.9, 9.5), st.floats(300, 1800))
def test_faster_is_never_less_brisk(slow: float, fast: float, seconds: float) -> None:
    assert (
        analyse(steady([(seconds, fast)]), "walk").brisk_s
        >= analyse(steady([(seconds, slow)]), "walk").brisk_s
    )


def _track(segments: list[tuple[int, float]]) -> Track:
    t: list[float] = []
    d: list[float] = []
    now = 0.0
    dist = 0.0
    for seconds, kmh in segments:
        for _ in range(seconds):
            t.append(now)
            d.append(dist)
            now += 1.0
            dist += kmh / 3.6
    return Track(t=t, dist_m=d)


def test_a_short_slowdown_inside_a_brisk_walk_keeps_it_one_bout() -> None:
    # 20 min brisk, 90 s at a crossing, 10 min brisk: Active 10 counts it as one brisk walk
    motion = analyse(_track([(600, 3.0), (1200, 5.2), (90, 2.0), (600, 5.0)]), "walk")
    assert 30 * 60 <= motion.brisk_s <= 31.5 * 60 + 1


def test_an_easy_stroll_is_not_brisk() -> None:
    motion = analyse(_track([(1800, 3.5)]), "walk")
    assert motion.brisk_s == 0 and 29 * 60 <= motion.moving_s <= 30 * 60
