"""The simulator's flare-in-the-morning case: the next day is gentler, never more."""

from __future__ import annotations

from tests.conftest import MONDAY, base_profile
from upright.domain.profile import parse_profile
from upright.domain.progression import pain
from upright.domain.progression.simulate import simulate_morning_flare
from upright.domain.safety.screening import screen
from upright.services.library import Library


def run(library: Library, morning: int, walk: int = 20) -> dict[str, object]:
    profile = parse_profile(base_profile(walk_minutes=walk))
    screening = screen(profile, library.catalog, library.rules)
    return simulate_morning_flare(profile, screening, library.rules, MONDAY, morning=morning)


def total(day: dict[str, object]) -> int:
    walk = day["walk"]
    assert isinstance(walk, dict)
    return int(walk["minutes"]) * int(walk["times"])


def test_a_morning_of_8_puts_the_next_day_in_flare_mode_with_no_more_walking(
    library: Library,
) -> None:
    result = run(library, 8)
    before, after = result["flare_day"], result["next_day"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert before["mode"] == "normal" and after["mode"] == "flare"
    assert total(after) <= total(before)
    walk = after["walk"]
    assert isinstance(walk, dict)
    assert pain.FLARE_WALK_MIN_MINUTES <= walk["minutes"] <= pain.FLARE_WALK_MAX_MINUTES
    assert pain.FLARE_WALKS_MIN <= walk["times"] <= pain.FLARE_WALKS_MAX


def test_a_morning_only_1_point_worse_changes_nothing(library: Library) -> None:
    calm = run(library, 3)  # the virtual person is at 2 before the session
    assert calm["next_day"] == calm["next_day_without_flare"]
