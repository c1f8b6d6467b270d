"""A clinician's clearance with a "valid until" date holds to that day and lapses the day after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import base_profile
from upright.domain.profile import parse_profile
from upright.domain.safety.clearance import in_force


@pytest.mark.parametrize("clearance", ["cleared", "cleared_with_restrictions"])
def test_a_lapsed_clearance_goes_back_to_not_yet_with_the_date_in_words(clearance: str) -> None:
    profile = parse_profile(base_profile(clearance=clearance, clearance_valid_until="2026-12-01"))
    held, note = in_force(profile, date(2026, 12, 1))
    assert held is profile and note is None
    lapsed, note = in_force(profile, date(2026, 12, 2))
    assert lapsed.clearance == "not_yet" and profile.clearance == clearance
    assert note == (
        "Your clinician's clearance was valid until 1 December 2026. Until they renew it, the "
        "plan holds only the gentle walking starter. Bring the clearance sheet to your next "
        "appointment."
    )


def test_no_date_or_no_clearance_has_nothing_to_lapse() -> None:
    open_ended = parse_profile(base_profile(clearance="cleared"))
    assert in_force(open_ended, date(2030, 1, 1)) == (open_ended, None)
    # a clearance that is not given cannot lapse (the parser never stores a date with it)
    waiting = replace(open_ended, clearance="not_yet", clearance_valid_until="2026-01-01")
    assert in_force(waiting, date(2030, 1, 1)) == (waiting, None)
