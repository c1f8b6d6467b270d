"""A planned walk as a calendar invite: the plan's own minutes, nothing about health."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import icalendar
import pytest

from tests.conftest import base_profile
from upright.adapters.calendars import ics
from upright.adapters.calendars.invite import invite_ics
from upright.domain.errors import InvalidInput, PlanError
from upright.domain.profile import parse_profile
from upright.domain.social.walks import walk_invite
from upright.services.library import Library
from upright.services.planning import plan_for

MONDAY = date(2026, 11, 23)
ZONE = timezone(timedelta(hours=-5))


def plan(library: Library, **profile: object):  # type: ignore[no-untyped-def]
    built, _ = plan_for(parse_profile(base_profile(**profile)), MONDAY, library, [])
    return built


def test_the_invite_uses_the_plans_minutes_for_that_day(library: Library) -> None:
    p = plan(library, conditions=["disc_herniation"], walk_minutes=15)
    start = datetime(2026, 11, 23, 9, 30, tzinfo=ZONE)
    walk = next(i for i in p.day(MONDAY).items if i.category == "aerobic")  # type: ignore[union-attr]
    invite = walk_invite(p, start, " Riverside   Park ", "Sam")
    assert invite.minutes == walk.dose["minutes"] and invite.title == "Walk with Sam"
    assert invite.place == "Riverside Park" and invite.end == start + timedelta(
        minutes=invite.minutes
    )
    text = invite_ics(invite, datetime(2026, 11, 20, tzinfo=UTC)).decode()
    for private in ("disc", "herniation", "pain", "condition", "red flag"):
        assert private not in text.lower()
    # it reads back as one event, at the right instant, with our own reader
    assert ics.check(text, "walk.ics") == (None, 1)
    (got,) = ics.expand(text, "walk", MONDAY, MONDAY, UTC)
    assert got.start == start and got.end == invite.end and got.place == "Riverside Park"
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Walk with Sam" and event["UID"].endswith("@upright")


def test_no_walk_that_day_names_the_walking_days(library: Library) -> None:
    p = plan(library, walk_minutes=30)
    saturday = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="no walk on Sat 28 Nov") as error:
        walk_invite(p, saturday, None, None)
    assert "Mon 23 Nov" in (error.value.allowed or "")


def test_a_paused_plan_has_no_walk_to_share(library: Library) -> None:
    p = plan(library, red_flags=["night_pain"])
    with pytest.raises(PlanError, match="paused"):
        walk_invite(p, datetime(2026, 11, 23, 9, tzinfo=UTC), None, None)


def test_bad_places_and_times(library: Library) -> None:
    p = plan(library)
    with pytest.raises(InvalidInput, match="time zone"):
        walk_invite(p, datetime(2026, 11, 23, 9), None, None)
    with pytest.raises(InvalidInput, match="--place"):
        walk_invite(p, datetime(2026, 11, 23, 9, tzinfo=UTC), "x" * 201, None)
    assert (
        walk_invite(p, datetime(2026, 11, 23, 9, tzinfo=UTC), "x" * 200, "").title
        == "A walk together"
    )
