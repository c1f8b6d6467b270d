"""The safety check reads only the recent weeks and the first session, and says the same as a
check over the whole history (random histories: checks, flares, gaps, days logged late)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import base_profile
from tests.fakes import FakeUnitOfWork
from upright.adapters import data_files
from upright.domain.safety.checks import check_reasons
from upright.domain.tracking.logs import parse_history, parse_session
from upright.services import logging as log_service
from upright.services import planning
from upright.services.access import Actor
from upright.services.library import Library

LIBRARY = Library(catalog=data_files.load_catalog(), rules=data_files.load_rulebook())
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 8, tzinfo=UTC)
PAIN = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def session(draw: st.DrawFn) -> dict[str, Any]:
    raw: dict[str, Any] = {"items": []}
    for field in ("pain_before", "pain_during", "pain_after", "pain_next_morning"):
        if (value := draw(PAIN)) is not None:
            raw[field] = value
    if draw(st.booleans()):
        raw["red_flags"] = []
    legs = draw(st.sampled_from([None, "same", "spreading", "new_numbness_or_weakness"]))
    if legs is not None:
        raw["leg_symptoms"] = legs
    return raw


def _full(stored: list[dict[str, Any]], day: date, entry: dict[str, Any] | None) -> tuple[str, ...]:
    known = [e.id for e in LIBRARY.catalog.exercises]
    history = parse_history(
        {"sessions": [s for s in stored if s["date"] != day.isoformat()]}, known
    )
    current = (
        entry
        if entry is not None
        else next((s for s in stored if s["date"] == day.isoformat()), None)
    )
    now = None
    if current is not None:
        answers = {k: v for k, v in current.items() if k in log_service.CHECK_FIELDS}
        now = parse_session("session", {**answers, "date": day.isoformat(), "items": []}, ())
    return check_reasons(history, TODAY, now, 3)


@settings(max_examples=150, deadline=None)
@given(
    days=st.lists(st.one_of(st.integers(0, 80), st.integers(81, 400)), unique=True, max_size=25),
    bodies=st.lists(session(), min_size=25, max_size=25),
    back=st.integers(0, 30),
    entry=st.one_of(st.none(), session()),
)
def test_the_check_from_recent_weeks_equals_the_check_from_the_whole_history(
    days: list[int], bodies: list[dict[str, Any]], back: int, entry: dict[str, Any] | None
) -> None:
    uow = FakeUnitOfWork()
    planning.save_profile(uow, Actor(1), 1, base_profile(pain_now=3), NOW)
    stored = []
    for offset, body in zip(sorted(days, reverse=True), bodies, strict=False):
        day = TODAY - timedelta(days=offset)
        stored.append({**body, "date": day.isoformat()})
        uow.sessions.upsert(1, day, stored[-1])
    day = TODAY - timedelta(days=back)
    found = log_service.safety_check_due(uow, Actor(1), 1, day, TODAY, LIBRARY, entry)
    assert found == _full(stored, day, entry)
