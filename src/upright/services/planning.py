"""Use cases around the plan: build it from a profile (and history), keep profiles, explain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from upright.domain.errors import NotFound
from upright.domain.planning.cards import choose_card
from upright.domain.planning.first_week import first_week
from upright.domain.planning.generator import build_plan, week_start
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile, parse_profile, with_onset
from upright.domain.progression.day_modes import buildable, resume_day_modes
from upright.domain.progression.engine import DeviceCredits, resume
from upright.domain.progression.snapshot import Snapshot, collect
from upright.domain.safety.clearance import in_force
from upright.domain.safety.screening import Screening, screen
from upright.services.access import Action, Actor, Grant, check
from upright.services.credits import device_credits
from upright.services.library import Library
from upright.services.memo import Memo, text
from upright.services.ports import UnitOfWork
from upright.services.progress_state import BUILD, REMEMBER_UP_TO, sessions_of
from upright.services.snapshots import (
    keep_snapshots,
    recent_sessions,
    snapshot_key,
    stored_snapshot,
)


def plan_for(
    profile: Profile,
    on: date,
    library: Library,
    history: Sequence[Mapping[str, Any]],
    credits: DeviceCredits | None = None,
    started: date | None = None,
) -> tuple[Plan, Screening]:
    """The plan for the week of ``on`` from the progression the history leads to.

    ``history`` has no default: a stored person's plan is always built from what they logged.
    ``started`` is the day the person first answered the questions: in that week the first
    day gets a starter session (``first_week``).
    A clearance past its "valid until" day is planned as not yet cleared, with a note.
    """
    plan, screening, _ = resume_plan(profile, on, library, history, credits, started)
    return plan, screening


def resume_plan(
    profile: Profile,
    on: date,
    library: Library,
    history: Sequence[Mapping[str, Any]],
    credits: DeviceCredits | None = None,
    started: date | None = None,
    snapshot: Snapshot | None = None,
) -> tuple[Plan, Screening, list[Snapshot]]:
    """``plan_for`` resumed from ``snapshot`` (then ``history`` needs only the sessions from
    ``snapshot.reads_from()`` on), and the snapshots worth keeping from this replay.

    The plan is the same as from the whole history (the replay is a fold over weeks and days).
    The result is remembered by its inputs (``services.memo``).
    """
    if len(history) > REMEMBER_UP_TO:  # a whole history, read once: no key worth its text
        plan, screening, kept = _resume_plan(
            profile, on, library, history, credits, started, snapshot
        )
        return plan, screening, list(kept)
    key = (
        id(library),
        library.version,
        profile,
        on,
        started,
        text(snapshot.to_json() if snapshot is not None else None),
        text(list(history)),
        text(sorted((credits or {}).items())),
    )
    plan, screening, kept = _PLANS.get(
        key, lambda: _resume_plan(profile, on, library, history, credits, started, snapshot)
    )
    return plan, screening, list(kept)


def _resume_plan(
    profile: Profile,
    on: date,
    library: Library,
    history: Sequence[Mapping[str, Any]],
    credits: DeviceCredits | None,
    started: date | None,
    snapshot: Snapshot | None,
) -> tuple[Plan, Screening, tuple[Snapshot, ...]]:
    profile, lapsed = in_force(profile.as_of(on), on)
    screening = screened(profile, library)
    if lapsed is not None:
        screening = replace(screening, notes=(lapsed, *screening.notes))
    sessions = sessions_of(screening, [dict(h) for h in history])
    state, _, carries = resume(
        profile, screening, sessions, on, credits, snapshot.carry if snapshot else None, BUILD
    )
    plan = build_plan(buildable(screening), on, state)
    plan, day_carries = resume_day_modes(
        plan, screening, library.rules, sessions, on, snapshot.days if snapshot else None
    )
    if started is not None:
        plan = first_week(plan, started)
    has_items = any(day.items for day in plan.days)
    card = choose_card(library.catalog, state, on, screening.cleared) if has_items else None
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
    return plan, screening, tuple(collect(carries, day_carries, week_start(on)))


#: screenings of recent profiles (screening the whole catalog is a third of a plan's cost)
_SCREENINGS: Memo[Screening] = Memo(256)
#: recent plans by their inputs (a day logged again is checked against the same plan)
_PLANS: Memo[tuple[Plan, Screening, tuple[Snapshot, ...]]] = Memo(256)


def screened(profile: Profile, library: Library) -> Screening:
    """``screen`` of this profile against the library, remembered: it is a pure function of
    the profile's answers and the bundled data, and the same person asks for it all day."""
    key = (id(library), library.version, profile)  # a profile is frozen: compared by value
    return _SCREENINGS.get(key, lambda: screen(profile, library.catalog, library.rules))


def plan_from_data(
    data: Mapping[str, Any],
    on: date,
    library: Library,
    history: Sequence[Mapping[str, Any]] = (),
) -> Plan:
    """A plan from raw profile fields and an explicit history, or none (the `plan --profile`
    contract: nothing stored is read)."""
    plan, _ = plan_for(parse_profile(data), on, library, history)
    return plan


def started_on(uow: UnitOfWork, grant: Grant) -> date | None:
    """The local day the person first answered the questions (inside an open unit of work,
    for the subject of a granted check)."""
    return first_day(uow.profiles.history(grant.subject_id))


def first_day(versions: Sequence[tuple[int, datetime, Mapping[str, Any]]]) -> date | None:
    """The local day of the first of these profile versions (``profiles.history``)."""
    return versions[0][1].astimezone().date() if versions else None


def no_profile() -> NotFound:
    return NotFound("profile", "me", "run `upright start` first to answer the questions")


def save_profile(
    uow: UnitOfWork, actor: Actor, subject_id: int, data: Mapping[str, Any], now: datetime
) -> Profile:
    """Validate and store a new profile version; earlier versions stay as history."""
    profile = parse_profile(data)
    with uow:
        grant = check(uow, actor, subject_id, Action.CHANGE_PROFILE)
        earlier = uow.profiles.latest(grant.subject_id)
        # the episode's onset is stored, so its length ages (pain_weeks alone never would)
        profile = with_onset(profile, now.date(), parse_profile(earlier) if earlier else None)
        uow.profiles.add_version(grant.subject_id, profile.to_dict(), now)
        uow.commit()
    return profile


def find_profile(
    uow: UnitOfWork, actor: Actor, subject_id: int, on: date | None = None
) -> Profile | None:
    """The latest answers, or None before the first ones; ``on``: as they stand that day
    (the episode's length counted from its onset)."""
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PROFILE)
        data = uow.profiles.latest(grant.subject_id)
    if data is None:
        return None
    profile = parse_profile(data)
    return profile.as_of(on) if on is not None else profile


def load_profile(uow: UnitOfWork, actor: Actor, subject_id: int, on: date | None = None) -> Profile:
    profile = find_profile(uow, actor, subject_id, on)
    if profile is None:
        raise no_profile()
    return profile


@dataclass(frozen=True)
class ProfileVersion:
    version: int
    created_at: datetime
    profile: dict[str, Any]


def profile_history(uow: UnitOfWork, actor: Actor, subject_id: int) -> list[ProfileVersion]:
    """Every version of the answers, oldest first."""
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PROFILE)
        rows = uow.profiles.history(grant.subject_id)
    return [ProfileVersion(v, at, d) for v, at, d in rows]


def current_plan(
    uow: UnitOfWork, actor: Actor, subject_id: int, on: date, library: Library, now: datetime
) -> tuple[Plan, Screening, Profile]:
    """This week's plan from the stored profile and history; stored when it changed.

    The replay resumes from the latest stored snapshot of the progression, so the cost does not
    grow with the years of history; the snapshots it passes are kept for the next time.
    """
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PLAN)
        data = uow.profiles.latest(grant.subject_id)
        if data is None:
            raise no_profile()
        profile = parse_profile(data)
        key = snapshot_key(profile, on, library)
        snapshot = stored_snapshot(uow, grant, key, week_start(on))
        history = list(recent_sessions(uow, grant, snapshot))
        first = min((date.fromisoformat(h["date"]) for h in history), default=on)
        credits = device_credits(uow, grant, first, on)
        started = started_on(uow, grant)
    plan, screening, kept = resume_plan(profile, on, library, history, credits, started, snapshot)
    new = [s for s in kept if snapshot is None or s.week > snapshot.week]
    body = plan.to_json()
    with uow:
        changed = uow.plans.latest_for_week(grant.subject_id, week_start(on)) != body
        if changed:
            uow.plans.save(grant.subject_id, week_start(on), body, now)
        if new:
            keep_snapshots(uow, grant, key, new)
        if changed or new:
            uow.commit()
    return plan, screening, profile
