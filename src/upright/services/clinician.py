"""A clinician in server mode: linking by a code the person gives, the list of linked people
sorted by who needs attention, reading a report, recording clearance; and the audit log.

Access is the one policy (``services.access``): a link is a ``RelationKind.CLINICIAN`` link,
accepted when the clinician enters the person's code, removed when the person revokes it. Every
read and change a clinician makes of a person's record is written to the audit log in the same
transaction, and the person can read that log.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

from upright.domain.errors import AuthError, InvalidInput
from upright.domain.outcomes.attention import attention
from upright.domain.profile import parse_profile
from upright.services.access import Action, Actor, Link, RelationKind, Role, check
from upright.services.clearance import record_clearance
from upright.services.codes import code_hash, new_code
from upright.services.library import Library
from upright.services.ports import UnitOfWork
from upright.services.reports import report_data

#: how long a link code can be used (its shape: ``services.codes``)
CODE_DAYS: Final = 14


class NotAClinician(AuthError):
    def __init__(self) -> None:
        super().__init__("only a clinician account can do this")


def _hash(code: str) -> str:
    return code_hash("".join(ch for ch in code.upper() if ch.isalnum()))


def _name(uow: UnitOfWork, person_id: int) -> str:
    return uow.clinic.name_of(person_id) or "someone"


def make_link_code(uow: UnitOfWork, actor: Actor, subject_id: int, now: datetime) -> dict[str, Any]:
    """A new one-time code the person gives their clinician (shown once; only its hash is kept)."""
    code = new_code()
    expires = now + timedelta(days=CODE_DAYS)
    with uow:
        grant = check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        uow.clinic.add_code(grant.subject_id, _hash(code), now, expires)
        uow.commit()
    shown = f"{code[:5]}-{code[5:]}"
    return {"code": shown, "expires": expires.isoformat()}


def use_link_code(uow: UnitOfWork, actor: Actor, code: str, now: datetime) -> dict[str, Any]:
    """The clinician enters a person's code: they are linked. Any bad code gets the same words."""
    if actor.role is not Role.CLINICIAN:
        raise NotAClinician()
    with uow:
        subject = uow.clinic.take_code(_hash(code), actor.person_id, now)
        if subject is None or subject == actor.person_id:
            raise InvalidInput("code", "this code is not valid, was used already or has expired")
        uow.relations.save(
            Link(subject_id=subject, actor_id=actor.person_id, kind=RelationKind.CLINICIAN,
                 accepted=True), now,
        )  # fmt: skip
        uow.clinic.audit(subject, actor.person_id, _name(uow, actor.person_id), "linked",
                         "linked to your record with the code you gave", now)  # fmt: skip
        name = _name(uow, subject)
        uow.commit()
    return {"person_id": subject, "name": name}


def clinicians_of(uow: UnitOfWork, actor: Actor, subject_id: int) -> list[dict[str, Any]]:
    """The clinicians linked to the person (for the person's own page)."""
    with uow:
        grant = check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        links = [
            link for link in uow.relations.links_of(grant.subject_id)
            if link.kind is RelationKind.CLINICIAN and link.subject_id == grant.subject_id
            and link.accepted
        ]  # fmt: skip
        return [{"id": link.actor_id, "name": _name(uow, link.actor_id)} for link in links]


def revoke(
    uow: UnitOfWork, actor: Actor, subject_id: int, clinician_id: int, now: datetime
) -> None:
    """The person ends a clinician's link; from now on the clinician sees nothing of them."""
    with uow:
        grant = check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        uow.relations.remove(grant.subject_id, clinician_id, RelationKind.CLINICIAN)
        uow.clinic.audit(grant.subject_id, actor.person_id, "you", "revoked",
                         f"ended the link of {_name(uow, clinician_id)}", now)  # fmt: skip
        uow.commit()


def audit_log(uow: UnitOfWork, actor: Actor, subject_id: int) -> list[dict[str, Any]]:
    """Every clinician read and change of the person's record, newest first (the person's own)."""
    with uow:
        grant = check(uow, actor, subject_id, Action.MANAGE_RELATIONS)
        return list(uow.clinic.audit_of(grant.subject_id))


def _audit(
    uow: UnitOfWork, actor: Actor, subject: int, action: str, detail: str, now: datetime
) -> None:
    if actor.person_id != subject:  # the person's own reads are not a clinician's
        with uow:
            uow.clinic.audit(
                subject, actor.person_id, _name(uow, actor.person_id), action, detail, now
            )
            uow.commit()


def linked_people(
    uow: UnitOfWork, actor: Actor, today: date, library: Library, now: datetime
) -> list[dict[str, Any]]:
    """The clinician's linked people, who needs attention first, each with the reasons."""
    if actor.role is not Role.CLINICIAN:
        raise NotAClinician()
    with uow:
        subjects = sorted({
            link.subject_id for link in uow.relations.links_of(actor.person_id)
            if link.kind is RelationKind.CLINICIAN and link.actor_id == actor.person_id
            and link.accepted
        })  # fmt: skip
    rows = []
    for subject in subjects:
        data = report_data(uow, actor, subject, today, library)
        profile = parse_profile(data["profile"])
        with uow:
            sessions = list(uow.sessions.all(subject))
            name = _name(uow, subject)
        last = max((date.fromisoformat(s["date"]) for s in sessions), default=None)
        flags = [
            (library.rules.flag(f).level, library.rules.flag(f).question) for f in profile.red_flags
        ]
        need = attention(flags, data["prompts"], last, data["clearance"]["in_force"], today)
        rows.append({
            "id": subject, "name": name, "weight": need.weight, "reasons": list(need.reasons),
            "last_session": last.isoformat() if last else None,
            "clearance": data["clearance"]["in_force"],
        })  # fmt: skip
        _audit(uow, actor, subject, "read", "saw you in their list of linked people", now)
    return sorted(rows, key=lambda r: (-r["weight"], r["name"].lower(), r["id"]))


def read_report(
    uow: UnitOfWork, actor: Actor, subject_id: int, today: date, library: Library, now: datetime,
    start: date | None = None, end: date | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The progress report of a linked person (notes stay the person's), logged as a read."""
    data = report_data(uow, actor, subject_id, today, library, start, end, notes=False)
    with uow:
        data["name"] = _name(uow, subject_id)
    _audit(uow, actor, subject_id, "read", "read your progress report", now)
    return data


def set_clearance(
    uow: UnitOfWork, actor: Actor, subject_id: int, answers: Mapping[str, Any],
    library: Library, today: date, now: datetime,
) -> dict[str, Any]:  # fmt: skip
    """A clinician records clearance, restrictions and a walking limit; the plan obeys at once."""
    with uow:
        name = _name(uow, actor.person_id)
    record = record_clearance(
        uow, actor, subject_id, answers, library, today, now, entered_by_name=name,
        role="clinician" if actor.person_id != subject_id else "self",
    )  # fmt: skip
    d = record["data"]
    words = [d["clearance"].replace("_", " ")] + [r.replace("_", " ") for r in d["restrictions"]]
    if d["max_walk_minutes"]:
        words.append(f"walks up to {d['max_walk_minutes']} minutes")
    _audit(uow, actor, subject_id, "changed", "recorded clearance: " + ", ".join(words), now)
    return record


def set_role(uow: UnitOfWork, actor: Actor, email: str, role: Role) -> int:
    """An administrator makes an account a clinician's (or a person's again)."""
    with uow:
        subject = uow.clinic.person_by_email(email)
        if subject is None:
            raise InvalidInput("email", f"no account has the email '{email[:80]}'")
        check(uow, actor, subject, Action.SET_ROLE)
        uow.relations.set_role(subject, role)
        uow.commit()
    return subject
