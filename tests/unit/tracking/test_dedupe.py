from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.tracking.helpers import activity
from upright.domain.tracking.activity import Activity
from upright.domain.tracking.dedupe import (
    Outcome,
    _outcome,
    preference,
    reconcile,
    same_activity,
)
from upright.domain.tracking.intervals import Counter
from upright.domain.tracking.trim import STEP_SOURCE, free_stretch, span, trimmed

STEPS = STEP_SOURCE


def kept(candidates: list[Activity], existing: list[Activity] | None = None) -> list[Activity]:
    return reconcile(candidates, existing or []).add


def test_watch_fit_and_apple_health_walk_are_one_session() -> None:
    fit = activity("walk", 0, 30, source="fit")
    health = activity("walk", 1, 29, source="apple_health")
    assert same_activity(fit, health)
    outcome = reconcile([health, fit])
    assert outcome.add == [fit]
    assert outcome.dropped[0].dropped == health and outcome.dropped[0].kept == fit


def test_walk_and_run_of_the_same_outing_are_one_session() -> None:
    assert same_activity(activity("walk", 0, 30), activity("run", 2, 30, source="fit"))


def test_walk_and_ride_at_the_same_time_are_different() -> None:
    assert not same_activity(activity("walk", 0, 30), activity("bike", 0, 30))


def test_back_to_back_walks_are_different() -> None:
    assert not same_activity(activity("walk", 0, 30), activity("walk", 29, 30))


def test_half_the_shorter_one_is_the_same_session_and_less_is_not() -> None:
    assert same_activity(activity("walk", 0, 20), activity("walk", 10, 40, ident="b"))
    assert not same_activity(activity("walk", 0, 20), activity("walk", 10.5, 40, ident="b"))


def test_a_stored_copy_wins_over_an_equally_good_new_one() -> None:
    stored = activity("walk", 0, 30, source="apple_health", ident="old")
    new = activity("walk", 0, 30, source="apple_health", ident="new")
    outcome = reconcile([new], [stored])
    assert outcome.add == [] and outcome.removed == []
    assert outcome.dropped[0].kept == stored


def test_a_richer_copy_arriving_later_replaces_the_stored_one() -> None:
    stored = activity("walk", 0, 30, source="apple_health")
    new = activity("walk", 0, 30, source="fit")
    outcome = reconcile([new], [stored])
    assert outcome.add == [new]
    assert [(r.dropped, r.kept) for r in outcome.removed] == [(stored, new)]


def test_a_poorer_copy_arriving_later_is_dropped() -> None:
    stored = activity("walk", 0, 30, source="fit")
    new = activity("walk", 0, 30, source="apple_health")
    outcome = reconcile([new], [stored])
    assert outcome.add == [] and outcome.removed == []
    assert outcome.dropped[0].kept == stored


def test_preference_ranks_device_files_first() -> None:
    assert preference(activity(source="fit")) < preference(activity(source=STEPS))


def test_step_walk_overlapping_a_workout_is_cut_to_the_part_outside() -> None:
    workout = activity("walk", 25, 30, source="apple_health")
    walk = activity("walk", 0, 35, source=STEPS, steps=3500, distance_km=3.5)
    outcome = reconcile([walk, workout])
    cut = next(a for a in outcome.add if a.source == STEPS)
    assert cut.start == walk.start and cut.minutes == 25
    assert cut.steps == 2500 and cut.distance_km == 2.5
    assert cut.id != walk.id and cut.note and "shortened" in cut.note
    s, e = span(cut)
    ws, we = span(workout)
    assert e <= ws


def test_step_walk_mostly_inside_a_workout_is_dropped() -> None:
    workout = activity("walk", 2, 30, source="apple_health")
    walk = activity("walk", 0, 31, source=STEPS)
    outcome = reconcile([walk, workout])
    assert outcome.add == [workout]
    assert outcome.dropped[0].dropped == walk


def test_leftover_shorter_than_five_minutes_is_dropped_and_five_is_kept() -> None:
    bike = activity("bike", 10, 60, source="fit")
    short = activity("walk", 5.1, 20, source=STEPS)  # 4.9 min before the ride
    exact = activity("walk", 5, 20, source=STEPS)  # 5 min before the ride
    assert reconcile([short, bike]).add == [bike]
    assert [a.minutes for a in reconcile([exact, bike]).add] == [5, 60]


def test_phone_and_watch_step_walks_never_count_the_same_minutes_twice() -> None:
    watch = activity("walk", 12, 28, source=STEPS, ident="watch")
    phone = activity("walk", 0, 20, source=STEPS, ident="phone")
    outcome = reconcile([phone, watch])
    a, b = outcome.add
    assert span(a)[1] <= span(b)[0]
    assert a.minutes + b.minutes == 40


def test_stored_step_walk_is_cut_when_a_workout_arrives_later() -> None:
    walk = activity("walk", 0, 40, source=STEPS)
    workout = activity("walk", 30, 30, source="fit")
    outcome = reconcile([workout], [walk])
    assert outcome.removed[0].dropped == walk
    cut = outcome.removed[0].kept
    assert cut.minutes == 30 and cut in outcome.add and workout in outcome.add


def test_reimporting_the_same_walks_changes_nothing() -> None:
    workout = activity("walk", 25, 30, source="apple_health")
    walk = activity("walk", 0, 35, source=STEPS)
    first = reconcile([walk, workout])
    again = reconcile([walk, workout], first.add)
    assert again.add == [] and again.removed == []


def test_free_stretch_picks_the_longest_gap() -> None:
    assert free_stretch(0, 100, [(10, 20), (60, 70)]) == (20, 60)
    assert free_stretch(0, 100, [(-5, 105)]) is None
    assert free_stretch(0, 100, []) == (0, 100)
    assert free_stretch(0, 100, [(0, 50)]) == (50, 100)


def test_trimmed_keeps_brisk_within_the_new_length() -> None:
    walk = activity("walk", 0, 30, source=STEPS, brisk_minutes=30.0)
    s, _e = span(walk)
    cut = trimmed(walk, s, s + 600)
    assert cut is not None and cut.brisk_minutes == 10 and cut.minutes == 10
    assert trimmed(walk, s, s + 299) is None


# --- the index against a brute-force reference --------------------------------------------


def brute_force(candidates: list[Activity], existing: list[Activity]) -> Outcome:
    """The same greedy search comparing every activity with every one kept so far."""
    items = list(existing) + list(candidates)
    n_old = len(existing)
    order = sorted(range(len(items)), key=lambda i: (preference(items[i]), i >= n_old, i))
    winners: list[int] = []
    final: dict[int, Activity] = {}
    lost: dict[int, int] = {}
    for i in order:
        item = items[i]
        twin = next((w for w in winners if same_activity(item, final[w])), None)
        if twin is not None:
            lost[i] = twin
            continue
        if item.source == STEPS:
            s, e = span(item)
            over = [(w, min(span(final[w])[1], e) - max(span(final[w])[0], s)) for w in winners]
            over = [(w, o) for w, o in over if o > 0]
            if over:
                piece = free_stretch(s, e, [span(final[w]) for w, _o in over])
                cut = trimmed(item, *piece) if piece is not None else None
                if cut is None:
                    lost[i] = max(over, key=lambda p: (p[1], -winners.index(p[0])))[0]
                    continue
                item = cut
        winners.append(i)
        final[i] = item
    return _outcome(items, n_old, final, lost)


spans = st.tuples(
    st.sampled_from(["walk", "run", "bike", "swim"]),
    st.integers(0, 600),
    st.integers(0, 120),
    st.sampled_from(["fit", "gpx", "apple_health", STEPS]),
    st.booleans(),
)


def build(raw: list[tuple[str, int, int, str, bool]]) -> tuple[list[Activity], list[Activity]]:
    items = [
        (old, activity(k, s, m, source=src, ident=f"{src}-{k}-{s}-{m}", steps=m * 100))
        for k, s, m, src, old in raw
    ]
    existing = list({a.id: a for old, a in items if old}.values())
    return [a for old, a in items if not old], existing


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=30))
def test_index_gives_the_brute_force_result(raw: list[tuple[str, int, int, str, bool]]) -> None:
    candidates, existing = build(raw)
    assert reconcile(candidates, existing) == brute_force(candidates, existing)


@settings(max_examples=100, deadline=None)
@given(st.lists(spans, max_size=30))
def test_nothing_kept_overlaps_the_same_session(raw: list[tuple[str, int, int, str, bool]]) -> None:
    candidates, existing = build(raw)
    outcome = reconcile(candidates, existing)
    removed = {r.dropped.id for r in outcome.removed}
    after = [a for a in existing if a.id not in removed] + outcome.add
    for i, a in enumerate(after):
        for b in after[i + 1 :]:
            assert not same_activity(a, b)
            if STEPS in (a.source, b.source):
                assert min(span(a)[1], span(b)[1]) <= max(span(a)[0], span(b)[0]) + 1e-6


# --- cost ------------------------------------------------------------------------------------


def days_of_activities(days: int, seed: int = 1) -> list[Activity]:
    """What years of a phone + watch look like: step walks from both, workouts, rides."""
    rng = random.Random(seed)
    out: list[Activity] = []
    for day in range(days):
        base = day * 1440
        for n in range(rng.randint(1, 4)):
            start = base + rng.randint(0, 1380)
            length = rng.randint(5, 50)
            out.append(activity("walk", start, length, source=STEPS, ident=f"w{day}-{n}"))
            out.append(
                activity(
                    "walk", start + rng.randint(-3, 3), length, source=STEPS, ident=f"p{day}-{n}"
                )
            )
        if rng.random() < 0.5:
            start = base + rng.randint(0, 1380)
            out.append(activity("walk", start, rng.randint(10, 60), "apple_health", f"k{day}"))
            out.append(activity("walk", start + 1, rng.randint(10, 60), "fit", f"f{day}"))
        if rng.random() < 0.2:
            out.append(activity("bike", base + rng.randint(0, 1380), 45, "fit", f"b{day}"))
    return out


def cost(days: int) -> tuple[int, Counter]:
    items = days_of_activities(days)
    counter = Counter()
    reconcile(items[len(items) // 5 :], items[: len(items) // 5], counter)
    return len(items), counter


def test_doubling_the_input_grows_the_work_at_most_n_log_n() -> None:
    n1, c1 = cost(1000)
    n2, c2 = cost(2000)
    bound = (n2 * math.log2(n2)) / (n1 * math.log2(n1))
    assert c2.comparisons / c1.comparisons <= bound
    # far from all pairs: a handful of comparisons per activity, and the index walks
    # O(log n) tree nodes per activity (the padded tree adds a level, so no tighter ratio)
    assert c2.comparisons < 2 * n2
    for n, c in ((n1, c1), (n2, c2)):
        assert c.visits <= 2 * n * math.log2(n)
