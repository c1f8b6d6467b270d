"""Use cases around the plan: build it from a profile (and history), keep profiles, explain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Protocol

from upright.domain.errors import NotFound
from upright.domain.planning.cards import choose_card
from upright.domain.planning.generator import build_plan, week_start
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile, parse_profile
from upright.domain.progression.engine import DeviceCredits
from upright.domain.progression.state import ProgressState, initial_state
from upright.domain.safety.clearance import in_force
from upright.domain.safety.screening import Screening, screen
from upright.services.credits import device_credits
from upright.services.library import Library
from upright.services.ports import UnitOfWork


class StateFn(Protocol):
    """Turns a profile, its screening, the history and a date into the progress state."""

    def __call__(
        self,
        profile: Profile,
        screening: Screening,
        history: list[dict[str, Any]],
        on: date,
        credits: DeviceCredits | None = None,
    ) -> ProgressState: ...


def _default_state(
    profile: Profile,
    screening: Screening,
    history: list[dict[str, Any]],
    on: date,
    credits: DeviceCredits | None = None,
) -> ProgressState:
    return initial_state(profile)


def plan_for(
    profile: Profile,
    on: date,
    library: Library,
    history: list[dict[str, Any]] | None = None,
    state_fn: StateFn | None = None,
    credits: DeviceCredits | None = None,
) -> tuple[Plan, Screening]:
    profile, lapsed = in_force(profile, on)
    screening = screen(profile, library.catalog, library.rules)
    if lapsed is not None:
        screening = replace(screening, notes=(lapsed, *screening.notes))
    state = (state_fn or _default_state)(profile, screening, history or [], on, credits=credits)
    plan = build_plan(screening, on, state)
    has_items = any(day.items for day in plan.days)
    card = choose_card(library.catalog, state, on) if has_items else None
    if card is not None:
        plan = replace(
            plan,
            card={
                "id": card.id,
                "title": card.title,
                "body": list(card.body),
                "sources": list(card.sources),
            },
        )
    return plan, screening


def plan_from_data(
    data: Mapping[str, Any],
    on: date,
    library: Library,
    history: list[dict[str, Any]] | None = None,
    state_fn: StateFn | None = None,
) -> Plan:
    """A plan from raw profile fields with no stored state (the `plan --profile` contract)."""
    plan, _ = plan_for(parse_profile(data), on, library, history, state_fn)
    return plan


def save_profile(
    uow: UnitOfWork, person_id: int, data: Mapping[str, Any], now: datetime
) -> Profile:
    """Validate and store a new profile version; earlier versions stay as history."""
    profile = parse_profile(data)
    with uow:
        uow.profiles.add_version(person_id, profile.to_dict(), now)
        uow.commit()
    return profile


def load_profile(uow: UnitOfWork, person_id: int) -> Profile:
    with uow:
        data = uow.profiles.latest(person_id)
    if data is None:
        raise NotFound("profile", "me", "run `upright start` first to answer the questions")
    return parse_profile(data)


def current_plan(
    uow: UnitOfWork,
    person_id: int,
    on: date,
    library: Library,
    now: datetime,
    state_fn: StateFn | None = None,
) -> tuple[Plan, Screening, Profile]:
    """This week's plan from the stored profile and history; stored when it changed."""
    with uow:
        data = uow.profiles.latest(person_id)
        if data is None:
            raise NotFound("profile", "me", "run `upright start` first to answer the questions")
        history = list(uow.sessions.all(person_id))
        first = min((date.fromisoformat(h["date"]) for h in history), default=on)
        credits = device_credits(uow, person_id, first, on)
    profile = parse_profile(data)
    plan, screening = plan_for(profile, on, library, history, state_fn, credits)
    body = plan.to_json()
    with uow:
        if uow.plans.latest_for_week(person_id, week_start(on)) != body:
            uow.plans.save(person_id, week_start(on), body, now)
            uow.commit()
    return plan, screening, profile
