"""Recording a clinician's answers from the clearance sheet: the plan obeys them at once.

The answers become a new profile version (so every page and command plans with them from the
next call) and a clearance record that keeps who entered them, in which role, and when.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

from upright.domain import vocab
from upright.domain.errors import InvalidInput, NotFound
from upright.domain.profile import LIMITS, parse_profile
from upright.services.access import Action, Actor, check
from upright.services.library import Library
from upright.services.ports import UnitOfWork

#: who typed the answers in
ROLES: Final = ("self", "clinician", "health_record")
FIELDS: Final = (
    "clearance", "restrictions", "max_walk_minutes", "avoid_exercises", "valid_until", "note",
)  # fmt: skip
NOTE_MAX: Final = 500
NAME_MAX: Final = 120


def _list(value: Any, field: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [w for w in value.replace(",", " ").split() if w]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise InvalidInput(field, f"expected a list of words, got {value!r}")


def check_answers(data: Mapping[str, Any], library: Library, today: date) -> dict[str, Any]:
    """The clinician's answers, checked: a dict with every field of ``FIELDS``."""
    if not isinstance(data, Mapping):
        raise InvalidInput("clearance", "expected the answers as named fields")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InvalidInput(unknown[0], "unknown field", FIELDS)
    status = str(data.get("clearance") or "").strip().lower()
    if status not in vocab.CLEARANCE:
        raise InvalidInput(
            "clearance",
            f"'{status}' is not an answer on the sheet" if status else "is not answered",
            vocab.CLEARANCE,
        )
    restrictions = [w.lower() for w in _list(data.get("restrictions"), "restrictions")]
    for word in restrictions:
        if word not in vocab.RESTRICTIONS:
            raise InvalidInput(
                "restrictions", f"unknown restriction '{word}'", tuple(vocab.RESTRICTIONS)
            )
    known = {e.id for e in library.catalog.exercises}
    avoid = [w.lower() for w in _list(data.get("avoid_exercises"), "avoid_exercises")]
    for word in avoid:
        if word not in known:
            raise InvalidInput("avoid_exercises", f"unknown exercise '{word}'", sorted(known))
    limit = data.get("max_walk_minutes")
    limit = None if limit in (None, "") else limit
    restricted = bool(restrictions or avoid or limit is not None)
    if restricted and status != "cleared_with_restrictions":
        raise InvalidInput(
            "clearance",
            "restrictions, a walking limit or exercises to avoid go with "
            "'cleared_with_restrictions'",
            vocab.CLEARANCE,
        )
    if limit is not None:
        low, high = LIMITS["max_walk_minutes"]
        try:
            limit = int(str(limit).strip())
        except ValueError:
            raise InvalidInput(
                "max_walk_minutes", f"expected whole minutes, got {limit!r}", f"{low}-{high}"
            ) from None
        if not low <= limit <= high:
            raise InvalidInput("max_walk_minutes", f"{limit} is out of range", f"{low}-{high}")
    until_raw = data.get("valid_until")
    until: str | None = None
    if until_raw not in (None, ""):
        try:
            day = date.fromisoformat(str(until_raw).strip())
        except ValueError:
            raise InvalidInput(
                "valid_until", f"'{str(until_raw)[:40]}' is not a date", "YYYY-MM-DD"
            ) from None
        if day < today:
            raise InvalidInput("valid_until", f"{day} is in the past", f"{today} or later")
        if status not in vocab.CLEARED:
            raise InvalidInput("valid_until", "only a clearance has a 'valid until' date")
        until = day.isoformat()
    note = str(data.get("note") or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput("note", "is too long", f"up to {NOTE_MAX} characters")
    return {
        "clearance": status,
        "restrictions": [w for w in vocab.RESTRICTIONS if w in restrictions],
        "max_walk_minutes": limit,
        "avoid_exercises": sorted(set(avoid)),
        "valid_until": until,
        "note": note,
    }


def apply_to_profile(profile: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The profile with the clinician's answers in place of the earlier ones."""
    data = dict(profile)
    for key in ("restrictions", "max_walk_minutes", "avoid_exercises", "clearance_valid_until"):
        data.pop(key, None)
    data["clearance"] = answers["clearance"]
    if answers["restrictions"]:
        data["restrictions"] = list(answers["restrictions"])
    if answers["max_walk_minutes"] is not None:
        data["max_walk_minutes"] = answers["max_walk_minutes"]
    if answers["avoid_exercises"]:
        data["avoid_exercises"] = list(answers["avoid_exercises"])
    if answers["valid_until"]:
        data["clearance_valid_until"] = answers["valid_until"]
    return parse_profile(data).to_dict()


def record_clearance(
    uow: UnitOfWork,
    actor: Actor,
    subject_id: int,
    data: Mapping[str, Any],
    library: Library,
    today: date,
    now: datetime,
    entered_by_name: str,
    role: str = "self",
) -> dict[str, Any]:
    """Check the answers, then store the new profile version and the record in one go.

    The acting person is recorded as the one who entered them (``entered_by_name`` is the name
    they give: the clinician's, when a person copies the sheet).
    """
    if role not in ROLES:
        raise InvalidInput("role", f"unknown role '{role}'", ROLES)
    name = entered_by_name.strip()
    if not name:
        raise InvalidInput("by", "say who entered the answers (a name)")
    if len(name) > NAME_MAX:
        raise InvalidInput("by", "the name is too long", f"up to {NAME_MAX} characters")
    answers = check_answers(data, library, today)
    with uow:
        grant = check(uow, actor, subject_id, Action.RECORD_CLEARANCE)
        person_id = grant.subject_id
        current = uow.profiles.latest(person_id)
        if current is None:
            raise NotFound("profile", "me", "answer the questions first (`upright start`)")
        profile = apply_to_profile(current, answers)
        uow.profiles.add_version(person_id, profile, now)
        uow.clearances.add(person_id, answers, actor.person_id, name, role, now)
        uow.commit()
    return {"by": name, "role": role, "data": answers, "at": now.isoformat()}


def clearance_history(uow: UnitOfWork, actor: Actor, subject_id: int) -> Sequence[dict[str, Any]]:
    with uow:
        grant = check(uow, actor, subject_id, Action.READ_PROFILE)
        return list(uow.clearances.all(grant.subject_id))
