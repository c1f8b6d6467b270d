"""The progress report for a doctor: the facts of a period, as data (no formatting).

Its numbers come from the services the pages use: weeks, walking and levels from
``progress.progress_report``, outcome scores from ``outcomes.summarise``, exclusions from the
plan, clearance and red flags from ``sheet``. Notes are included only when the person asks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from upright.domain import vocab
from upright.domain.errors import InvalidInput, NotFound
from upright.domain.outcomes.change import compare
from upright.domain.outcomes.measures import parse_answers
from upright.domain.outcomes.netting import FLARE_VERDICT, prompts
from upright.domain.planning.generator import week_start
from upright.domain.profile import parse_profile
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.outcomes import summarise
from upright.services.planning import plan_for
from upright.services.ports import UnitOfWork
from upright.services.progress import progress_report
from upright.services.sheet import red_flag_history

#: the longest period a report covers (two years of weeks)
MAX_WEEKS: Final = 104


def period(
    first: date | None, start: date | None, end: date | None, today: date
) -> tuple[date, date]:
    """The report's days: from ``start`` (default: the first session) to ``end`` (default today)."""
    last = end or today
    if last > today:
        raise InvalidInput("--to", f"{last} is in the future", f"up to {today}")
    begin = start or first or last - timedelta(weeks=12)
    if begin > last:
        raise InvalidInput("--from", f"{begin} is after the end of the report ({last})")
    if (last - begin).days > MAX_WEEKS * 7:
        raise InvalidInput(
            "--from",
            "the report covers at most two years",
            f"from {last - timedelta(weeks=MAX_WEEKS)}",
        )
    return begin, last


def _activities(uow: UnitOfWork, person_id: int, begin: date, last: date) -> dict[str, Any]:
    found = uow.activities.between(
        person_id,
        datetime.combine(begin - timedelta(days=1), time(), tzinfo=UTC),
        datetime.combine(last + timedelta(days=2), time(), tzinfo=UTC),
    )
    inside = [a for a in found if begin <= a.start.date() <= last]
    kinds: dict[str, int] = {}
    for a in inside:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    return {
        "count": len(inside),
        "minutes": round(sum(a.minutes for a in inside)),
        "brisk_minutes": round(sum(a.brisk_minutes for a in inside)),
        "counted": sum(1 for a in inside if a.counted),
        "steps": sum(a.steps or 0 for a in inside),
        "kinds": dict(sorted(kinds.items())),
    }


def _worst_legs(sessions: list[dict[str, Any]]) -> dict[str, str]:
    """Each week's worst answer to the leg question of the logged days (vocabulary order)."""
    worst: dict[str, str] = {}
    for session in sessions:
        answer = session.get("leg_symptoms")
        if answer not in vocab.LEG_SYMPTOMS:
            continue
        week = week_start(date.fromisoformat(session["date"])).isoformat()
        if week not in worst or vocab.LEG_SYMPTOMS.index(answer) > vocab.LEG_SYMPTOMS.index(
            worst[week]
        ):
            worst[week] = answer
    return worst


def report_data(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    today: date,
    library: Library,
    start: date | None = None,
    end: date | None = None,
    notes: bool = False,
) -> dict[str, Any]:
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_REPORT)
        person_id = grant.subject_id
        versions = list(uow.profiles.history(person_id))
        sessions = list(uow.sessions.all(person_id))
        outcome_rows = list(uow.outcomes.all(person_id))
        records = list(uow.clearances.all(person_id))
    if not versions:
        raise NotFound("profile", "me", "answer the questions first (`upright start`)")
    first = min((date.fromisoformat(s["date"]) for s in sessions), default=None)
    begin, last = period(first, start, end, today)
    weeks_back = (week_start(today) - week_start(begin)).days // 7 + 1
    progress = progress_report(
        uow, actor, person_id, today, library, weeks=min(weeks_back, MAX_WEEKS + 60)
    )
    # complete weeks only: a week still in progress would count days not yet come as missed
    shown = [
        w for w in progress["weeks"]
        if week_start(begin) <= date.fromisoformat(w["week_start"])
        and date.fromisoformat(w["week_start"]) + timedelta(days=6) <= last
    ]  # fmt: skip
    legs = _worst_legs(sessions)
    for w in shown:
        w["adherence"] = (
            round(w["active_days"] / w["planned_days"], 2) if w["planned_days"] else None
        )
        w["legs"] = legs.get(w["week_start"])
    progress["weeks"] = shown

    inside = [r for r in outcome_rows if date.fromisoformat(r["on"]) <= last]
    outcomes = summarise(inside, last)
    answered = [(date.fromisoformat(r["on"]), parse_answers(r["answers"])) for r in inside]
    baseline = next(
        (a for r, (_, a) in zip(inside, answered, strict=True) if r["weeks"] == 0), None
    )
    changes = compare(baseline, answered[-1][1]) if baseline and len(answered) > 1 else []

    profile = parse_profile(versions[-1][2]).as_of(today)  # the episode's length today
    plan, _ = plan_for(profile, today, library, sessions)
    verdicts = [(date.fromisoformat(w["week_start"]), w["verdict"]) for w in shown]
    pain = [
        (date.fromisoformat(w["week_start"]), float(w["pain_before_mean"]))
        for w in shown if w["pain_before_mean"] is not None
    ]  # fmt: skip
    outcome_start = date.fromisoformat(outcomes["baseline"]) if outcomes["baseline"] else None
    in_period = [s for s in sessions if begin <= date.fromisoformat(s["date"]) <= last]
    in_weeks = {w["week_start"] for w in shown}
    counted = [
        s for s in in_period if week_start(date.fromisoformat(s["date"])).isoformat() in in_weeks
    ]
    with uow:
        activity = _activities(uow, person_id, begin, last)
    return {
        "today": today.isoformat(),
        "from": begin.isoformat(),
        "to": last.isoformat(),
        "profile": profile.to_dict(),
        "conditions": list(profile.conditions),
        "clearance": {
            "status": profile.clearance,
            "in_force": plan.clearance,
            "restrictions": list(profile.restrictions),
            "max_walk_minutes": profile.max_walk_minutes,
            "avoid_exercises": list(profile.avoid_exercises),
            "valid_until": profile.clearance_valid_until,
            "last": records[-1] if records else None,
        },
        "red_flags": red_flag_history(versions, library, sessions),
        "progress": progress,
        "totals": {
            "sessions": len(counted),
            "planned_days": sum(w["planned_days"] for w in shown),
            "active_days": sum(w["active_days"] for w in shown),
            "walking_minutes": round(sum(w["walking_minutes"] for w in shown)),
        },
        "flare_weeks": [w["week_start"] for w in shown if w["verdict"] == FLARE_VERDICT],
        "outcomes": outcomes,
        "excluded": [
            {"name": e.name, "reasons": list(e.reasons)} for e in plan.excluded if e.kind == "safety"
        ],
        "activities": activity,
        "notes": [
            {"date": s["date"], "note": s["note"]} for s in in_period if s.get("note")
        ] if notes else None,
        "prompts": prompts(
            verdicts, pain, outcome_start,
            answered[-1][0] if answered else None, changes, first, last,
        ),
    }  # fmt: skip
