"""The clearance sheet: what a person takes to the appointment (data only; no formatting).

It shows the answers (conditions, red flags with the dates they were answered, pain, how long),
the program Upright would plan once cleared, what it already avoids and why, and the current
clearance with who entered it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from upright.domain import vocab
from upright.domain.errors import NotFound
from upright.domain.planning.plan import Plan
from upright.domain.profile import Profile, parse_profile
from upright.domain.safety.screening import tag_words
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.planning import plan_for
from upright.services.ports import UnitOfWork


def flag_answers(
    versions: Sequence[tuple[int, Any, dict[str, Any]]],
    sessions: Sequence[Mapping[str, Any]] = (),
) -> list[tuple[str, tuple[str, ...]]]:
    """Every time the red-flag questions were answered, oldest first: (day, flags answered yes).

    The onboarding and profile answers (each profile version) and the safety check of a logged
    day (a session with ``red_flags``: present and empty means all answered no).
    """
    events = [(at.date().isoformat(), tuple(d.get("red_flags", []))) for _, at, d in versions]
    events += [
        (str(x["date"]), tuple(x["red_flags"])) for x in sessions if x.get("red_flags") is not None
    ]
    return sorted(events, key=lambda e: e[0])


def red_flag_history(
    versions: Sequence[tuple[int, Any, dict[str, Any]]],
    library: Library,
    sessions: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Each red flag ever answered yes: first and last day answered yes, and whether it still is."""
    events = flag_answers(versions, sessions)
    latest = set(events[-1][1]) if events else set()
    seen: dict[str, dict[str, Any]] = {}
    for day, flags in events:
        for flag_id in flags:
            entry = seen.setdefault(flag_id, {"id": flag_id, "first": day})
            entry["last"] = day
    out = []
    for flag_id, entry in seen.items():
        flag = library.rules.flag(flag_id)
        out.append({
            **entry, "question": flag.question, "level": flag.level,
            "now": flag_id in latest,
        })  # fmt: skip
    return sorted(out, key=lambda e: (vocab.URGENCY_LEVELS.index(e["level"]), e["first"]))


def proposed(plan: Plan, library: Library) -> list[dict[str, Any]]:
    """One row per exercise of the week's plan, in the order it first appears."""
    rows: dict[str, dict[str, Any]] = {}
    for day in plan.days:
        for item in day.items:
            row = rows.get(item.id)
            if row is None:
                exercise = library.catalog.get(item.id)
                rows[item.id] = {
                    "id": item.id, "name": item.name, "category": item.category,
                    "level_name": item.level_name, "dose": dict(item.dose),
                    "movements": [tag_words(t) for t in item.movements],
                    "summary": exercise.summary if exercise else "", "days": 1,
                    "why": list(item.why[:1]),
                }  # fmt: skip
            else:
                row["days"] += 1
    return list(rows.values())


def avoided(plan: Plan, banned: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    movements = [
        {"tag": tag, "words": tag_words(tag), "reasons": list(reasons)}
        for tag, reasons in banned.items()
    ]
    exercises = [
        {"id": e.id, "name": e.name, "reasons": list(e.reasons)}
        for e in plan.excluded
        if e.kind == "safety"
    ]
    return {"movements": movements, "exercises": exercises}


def hypothetical_cleared(profile: Profile) -> Profile:
    """The profile as if a doctor cleared it (keeping any restrictions already entered)."""
    if profile.clearance in vocab.CLEARED:
        return replace(profile, clearance_valid_until=None)
    return replace(profile, clearance="cleared", clearance_valid_until=None)


def sheet_data(
    uow: UnitOfWork, actor: Actor, subject_id: int, today: date, library: Library
) -> dict[str, Any]:
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_REPORT)
        person_id = grant.subject_id
        versions = list(uow.profiles.history(person_id))
        history = list(uow.sessions.all(person_id))
        records = list(uow.clearances.all(person_id))
    if not versions:
        raise NotFound("profile", "me", "answer the questions first (`upright start`)")
    profile = parse_profile(versions[-1][2]).as_of(today)  # the episode's length today
    plan, screening = plan_for(hypothetical_cleared(profile), today, library, history)
    current_plan, _ = plan_for(profile, today, library, history)
    catalog_ids = [e.id for e in library.catalog.exercises]
    return {
        "today": today.isoformat(),
        "answered_on": versions[-1][1].date().isoformat(),
        "first_answered_on": versions[0][1].date().isoformat(),
        "profile": profile.to_dict(),
        "conditions": list(profile.conditions),
        "red_flags": red_flag_history(versions, library, history),
        "flags_last_asked": flag_answers(versions, history)[-1][0],
        "stop": None
        if plan.stop is None
        else {
            "level": plan.stop.level,
            "message": plan.stop.message,
        },
        "program": proposed(plan, library),
        "avoided": avoided(plan, screening.banned),
        "conflicts": list(plan.conflicts),
        "clearance": {
            "status": profile.clearance,
            "in_force": current_plan.clearance,
            "restrictions": list(profile.restrictions),
            "max_walk_minutes": profile.max_walk_minutes,
            "avoid_exercises": list(profile.avoid_exercises),
            "valid_until": profile.clearance_valid_until,
            "last": records[-1] if records else None,
        },
        "choices": {
            "clearance": list(vocab.CLEARANCE),
            "restrictions": list(vocab.RESTRICTIONS),
            "exercises": catalog_ids,
        },
    }
