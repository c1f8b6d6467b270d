"""The one access policy: may this person (the actor) do this to that person's data (the subject)?

Every service that reads or changes a person's data is called with the acting person and the
person acted on, and asks ``authorize`` (through ``check``) before it touches that person's rows.
The relations that can open someone else's data:

- self: a person may do everything to their own data;
- an accepted buddy: sees only the items the subject chose to share with them (``Scope``);
- a group leader: sees only the items the member chose to share with the group;
- a linked clinician (role ``clinician`` and an accepted link): reads the whole record and
  records clearance and restrictions, but logs nothing and deletes nothing for the person.

Pain, conditions, red flags and notes are never shareable: no scope names them. Someone with no
relation at all gets ``NotFound`` with the same words whether the person exists or not, so the
policy never tells a stranger who has an account. The policy is pure: the relations come in as
an argument (``check`` reads them through the ``RelationRepository`` port).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from upright.domain.errors import AuthError, NotFound

if TYPE_CHECKING:
    from upright.services.ports import UnitOfWork


class Role(StrEnum):
    """What a person's account is for (``people.role``)."""

    PERSON = "person"
    CLINICIAN = "clinician"
    ADMIN = "admin"


class RelationKind(StrEnum):
    BUDDY = "buddy"
    CLINICIAN = "clinician"
    GROUP_LEADER = "group_leader"


class Scope(StrEnum):
    """One item a person may share with a buddy or a group, each chosen on its own."""

    SESSION_DONE = "session_done"  # whether a day's session was done (not what or how it felt)
    WEEKLY_MINUTES = "weekly_minutes"  # minutes of walking (or its alternative) per week
    STREAK = "streak"  # active weeks in a row
    PLANNED_WALKS = "planned_walks"  # the walks planned for the coming days


#: what can never be shared with a buddy or a group, whatever is asked (listed to be said in words)
NEVER_SHARED = ("pain", "conditions", "red flags", "notes")


class Action(StrEnum):
    """What the actor wants to do to the subject's data."""

    # the whole record: self and a linked clinician
    READ_PROFILE = "read_profile"
    READ_PLAN = "read_plan"
    READ_SESSIONS = "read_sessions"
    READ_PROGRESS = "read_progress"
    READ_REPORT = "read_report"
    RECORD_CLEARANCE = "record_clearance"
    # changes only the person makes
    CHANGE_PROFILE = "change_profile"
    LOG_SESSION = "log_session"
    IMPORT_FILES = "import_files"
    EXPORT = "export"
    DELETE = "delete"
    MANAGE_RELATIONS = "manage_relations"
    # the shareable items, one action per scope
    SEE_SESSION_DONE = "see_session_done"
    SEE_WEEKLY_MINUTES = "see_weekly_minutes"
    SEE_STREAK = "see_streak"
    SEE_PLANNED_WALKS = "see_planned_walks"
    # accounts: an administrator gives or takes the clinician role (never reads health data)
    SET_ROLE = "set_role"
    # messages (issue 10): a kind message from the fixed set, and free text
    ENCOURAGE = "encourage"
    MESSAGE = "message"


#: the scope that opens each shareable action
SHARED: dict[Action, Scope] = {
    Action.SEE_SESSION_DONE: Scope.SESSION_DONE,
    Action.SEE_WEEKLY_MINUTES: Scope.WEEKLY_MINUTES,
    Action.SEE_STREAK: Scope.STREAK,
    Action.SEE_PLANNED_WALKS: Scope.PLANNED_WALKS,
}

#: what a linked clinician may do: read everything and record clearance, change nothing else
CLINICIAN_ACTIONS = frozenset(
    {
        Action.READ_PROFILE,
        Action.READ_PLAN,
        Action.READ_SESSIONS,
        Action.READ_PROGRESS,
        Action.READ_REPORT,
        Action.RECORD_CLEARANCE,
        *SHARED,
    }
)

#: what nobody but the person may do, not even an administrator
SELF_ONLY = frozenset(
    {
        Action.CHANGE_PROFILE,
        Action.LOG_SESSION,
        Action.IMPORT_FILES,
        Action.EXPORT,
        Action.DELETE,
        Action.MANAGE_RELATIONS,
    }
)


@dataclass(frozen=True)
class Actor:
    """The person acting: who signed in (web) or the installation's person (CLI)."""

    person_id: int
    role: Role = Role.PERSON

    def grant(self) -> Grant:
        """Access to one's own data (self needs no relation)."""
        return Grant(actor=self, subject_id=self.person_id, scopes=frozenset(Scope))


@dataclass(frozen=True)
class Relation:
    """How the actor stands to the subject. ``scopes``: what the subject shares through it."""

    kind: RelationKind
    accepted: bool = True
    scopes: frozenset[Scope] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Link:
    """A stored relation: ``actor_id`` may act on ``subject_id``'s data as ``kind`` allows.

    One row per direction: two buddies who share with each other are two links. ``group_id``
    tells a leader's links of different groups apart (0 for buddies and clinicians).
    """

    subject_id: int
    actor_id: int
    kind: RelationKind
    accepted: bool = False
    scopes: frozenset[Scope] = field(default_factory=frozenset)
    group_id: int = 0

    @property
    def relation(self) -> Relation:
        return Relation(kind=self.kind, accepted=self.accepted, scopes=self.scopes)


@dataclass(frozen=True)
class Grant:
    """What ``authorize`` gave: the subject's id a service may use, and the items it may show."""

    actor: Actor
    subject_id: int
    scopes: frozenset[Scope]

    @property
    def is_self(self) -> bool:
        return self.actor.person_id == self.subject_id


class Forbidden(AuthError):
    """The actor knows the person but may not do this (a buddy asking for pain, say)."""

    def __init__(self, action: Action) -> None:
        self.action = action
        super().__init__(f"you may not {_WORDS.get(action, 'do that')} for this person")


class PersonNotFound(NotFound):
    """No such person, or none the actor may see: the same words either way."""

    def __init__(self) -> None:
        super().__init__("person", "that person", "nobody you are linked to has that account")


_WORDS = {
    Action.READ_PROFILE: "see the answers",
    Action.READ_PLAN: "see the plan",
    Action.READ_SESSIONS: "see the logged sessions",
    Action.READ_PROGRESS: "see the progress",
    Action.READ_REPORT: "see the report",
    Action.RECORD_CLEARANCE: "record clearance",
    Action.CHANGE_PROFILE: "change the answers",
    Action.LOG_SESSION: "log a session",
    Action.IMPORT_FILES: "import files",
    Action.EXPORT: "export the data",
    Action.DELETE: "delete the data",
    Action.MANAGE_RELATIONS: "change who sees what",
    Action.SEE_SESSION_DONE: "see which sessions were done",
    Action.SEE_WEEKLY_MINUTES: "see the weekly minutes",
    Action.SEE_STREAK: "see the streak",
    Action.SEE_PLANNED_WALKS: "see the planned walks",
    Action.SET_ROLE: "change the account's role",
    Action.ENCOURAGE: "send encouragement",
    Action.MESSAGE: "send a message",
}


def _opens(actor: Actor, relation: Relation, action: Action) -> frozenset[Scope] | None:
    """The scopes this relation gives for this action, or None when it gives no access."""
    if not relation.accepted:
        return None
    if relation.kind is RelationKind.CLINICIAN:
        # a link without the role (taken away by an administrator) opens nothing
        if actor.role is Role.CLINICIAN and action in CLINICIAN_ACTIONS:
            return frozenset(Scope)
        return None
    # buddies and group leaders see only what was shared, and only the shareable items
    # messages need no shared item: an accepted buddy may send both, a group leader only the
    # fixed kind messages (free text only between accepted buddies)
    if action is Action.MESSAGE:
        return frozenset() if relation.kind is RelationKind.BUDDY else None
    if action is Action.ENCOURAGE:
        return frozenset()
    scope = SHARED.get(action)
    if scope is not None and scope in relation.scopes:
        return relation.scopes
    return None


def authorize(
    actor: Actor, subject_id: int, action: Action, relations: Iterable[Relation]
) -> Grant:
    """Allow the action or raise ``Forbidden`` / ``PersonNotFound``.

    ``relations`` are every link between the actor and the subject (any status). A stranger
    (no accepted link) gets ``PersonNotFound``; a related person who may not do this gets
    ``Forbidden``.
    """
    if action is Action.SET_ROLE:
        # only an administrator, and never by a relation: nobody makes themself a clinician
        if actor.role is Role.ADMIN:
            return Grant(actor=actor, subject_id=subject_id, scopes=frozenset())
        raise Forbidden(action)
    if actor.person_id == subject_id:
        return actor.grant()
    accepted = [r for r in relations if r.accepted]
    if not accepted:
        raise PersonNotFound()
    if action not in SELF_ONLY:
        for relation in accepted:
            scopes = _opens(actor, relation, action)
            if scopes is not None:
                return Grant(actor=actor, subject_id=subject_id, scopes=scopes)
    raise Forbidden(action)


def check(uow: UnitOfWork, actor: Actor, subject_id: int, action: Action) -> Grant:
    """``authorize`` with the relations read from storage (inside the caller's transaction)."""
    if actor.person_id == subject_id and action is not Action.SET_ROLE:
        return actor.grant()
    relations: Sequence[Relation] = uow.relations.between(actor.person_id, subject_id)
    return authorize(actor, subject_id, action, relations)


def actor_for(uow: UnitOfWork, person_id: int) -> Actor:
    """The actor for a person the edge has already identified (sign-in session, local person)."""
    with uow:
        role = uow.relations.role_of(person_id)
    return Actor(person_id, role or Role.PERSON)
