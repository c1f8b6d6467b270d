from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.tracking.helpers import activity
from upright.domain.tracking.dedupe import pick, preference, same_activity


def test_watch_fit_and_apple_health_walk_are_one_session() -> None:
    fit = activity("walk", 0, 30, source="fit")
    health = activity("walk", 1, 29, source="apple_health")
    assert same_activity(fit, health)
    kept, dropped = pick([health, fit])
    assert kept == [fit]
    assert dropped[0].dropped == health


def test_walk_and_run_of_the_same_outing_are_one_session() -> None:
    assert same_activity(activity("walk", 0, 30), activity("run", 2, 30, source="fit"))


def test_walk_and_ride_at_the_same_time_are_different() -> None:
    assert not same_activity(activity("walk", 0, 30), activity("bike", 0, 30))


def test_back_to_back_walks_are_different() -> None:
    assert not same_activity(activity("walk", 0, 30), activity("walk", 29, 30))


def test_existing_activity_always_wins() -> None:
    stored = activity("walk", 0, 30, source="apple_health")
    new = activity("walk", 0, 30, source="fit")
    kept, dropped = pick([new], [stored])
    assert kept == []
    assert dropped[0].kept == stored


def test_preference_ranks_device_files_first() -> None:
    assert preference(activity(source="fit")) < preference(activity(source="apple_health_steps"))


spans = st.tuples(
    st.sampled_from(["walk", "run", "bike", "swim"]),
    st.integers(0, 600),
    st.integers(1, 120),
    st.sampled_from(["fit", "gpx", "apple_health", "apple_health_steps"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(spans, max_size=25))
def test_pick_keeps_no_two_of_the_same_session(raw: list[tuple[str, int, int, str]]) -> None:
    items = [activity(k, s, m, source=src, ident=f"{i}") for i, (k, s, m, src) in enumerate(raw)]
    kept, dropped = pick(items)
    assert len(kept) + len(dropped) == len(items)
    for i, a in enumerate(kept):
        for b in kept[i + 1 :]:
            assert not same_activity(a, b)
    assert [a.start for a in kept] == sorted(a.start for a in kept)


@settings(max_examples=60, deadline=None)
@given(spans, spans)
def test_same_activity_is_symmetric(
    a: tuple[str, int, int, str], b: tuple[str, int, int, str]
) -> None:
    x = activity(a[0], a[1], a[2], source=a[3], ident="x")
    y = activity(b[0], b[1], b[2], source=b[3], ident="y")
    assert same_activity(x, y) == same_activity(y, x)
