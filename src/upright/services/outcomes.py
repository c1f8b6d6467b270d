"""Outcome measures: what is due, recording answers, and how the scores changed since the start."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from upright.domain.errors import InvalidInput
from upright.domain.outcomes.change import compare
from upright.domain.outcomes.measures import (
    NRS_ANCHORS,
    NRS_ITEMS,
    PEG_ANCHORS,
    PEG_ITEMS,
    PSFS_ANCHORS,
    PSFS_MAX_ACTIVITIES,
    PSFS_QUESTION,
    parse_answers,
)
from upright.domain.outcomes.schedule import Timepoint, due
from upright.services.access import Action, Actor, check
from upright.services.ports import UnitOfWork


def _point(point: Timepoint | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {"weeks": point.weeks, "label": point.label, "on": point.on.isoformat()}


def questions() -> dict[str, Any]:
    """The questions in the order a form shows them (the same words for CLI and web)."""
    return {
        "nrs": [{"field": k, "text": v} for k, v in NRS_ITEMS.items()],
        "nrs_anchors": list(NRS_ANCHORS),
        "peg": [{"field": k, "text": v} for k, v in PEG_ITEMS.items()],
        "peg_anchors": list(PEG_ANCHORS),
        "psfs": PSFS_QUESTION,
        "psfs_anchors": list(PSFS_ANCHORS),
        "psfs_max": PSFS_MAX_ACTIVITIES,
    }


def summarise(rows: Sequence[Mapping[str, Any]], today: date) -> dict[str, Any]:
    """Due point, answered points with their scores, and the change since the start."""
    answered = [(r, parse_answers(r["answers"])) for r in rows]
    start = next(((r, a) for r, a in answered if r["weeks"] == 0), None)
    baseline = date.fromisoformat(start[0]["on"]) if start else None
    status = due(baseline, {int(r["weeks"]) for r, _ in answered}, today)
    history = [
        {
            "weeks": r["weeks"],
            "label": Timepoint(int(r["weeks"]), date.fromisoformat(r["on"])).label,
            "on": r["on"],
            "scores": a.scores(),
            "psfs": [{"name": x.name, "score": x.score} for x in a.psfs],
        }
        for r, a in answered
    ]
    changes: list[dict[str, Any]] = []
    if start is not None and len(answered) > 1:
        changes = [c.to_dict() for c in compare(start[1], answered[-1][1])]
    return {
        "today": today.isoformat(),
        "baseline": baseline.isoformat() if baseline else None,
        "due": _point(status.now),
        "next": _point(status.next),
        "history": history,
        "changes": changes,
        "psfs_names": [x.name for x in start[1].psfs] if start else [],
    }


def outcome_status(uow: UnitOfWork, actor: Actor, subject_id: int, today: date) -> dict[str, Any]:
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PROGRESS)
        rows = list(uow.outcomes.all(grant.subject_id))
    return summarise(rows, today)


def record_outcomes(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    data: Mapping[str, Any],
    today: date,
    now: datetime,
) -> dict[str, Any]:
    """Check and store one set of answers for the point due today.

    Bad answers raise InvalidInput before anything is written; when nothing is due, nothing is
    stored and the message says when the next questions open.
    """
    answers = parse_answers(data)
    with uow:
        # the answers are the person's own, like a logged session: nobody answers for them
        grant = check(uow, actor, subject_id, Action.LOG_SESSION)
        person_id = grant.subject_id
        rows = list(uow.outcomes.all(person_id))
        status = summarise(rows, today)
        point = status["due"]
        if point is None:
            nxt = status["next"]
            raise InvalidInput(
                "answers",
                f"nothing is due today: you answered the {status['history'][-1]['label']} "
                f"questions; the next ones open on {nxt['on']} ({nxt['label']})",
            )
        uow.outcomes.add(person_id, int(point["weeks"]), today, answers.to_dict(), now)
        uow.commit()
        rows.append(
            {"weeks": point["weeks"], "on": today.isoformat(), "answers": answers.to_dict()}
        )
    return summarise(rows, today)
