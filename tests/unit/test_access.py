"""The access policy, table-driven: every kind of actor against every action."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.fakes import FakeUnitOfWork
from upright.domain.errors import AuthError, NotFound
from upright.services.access import (
    CLINICIAN_ACTIONS,
    NEVER_SHARED,
    SELF_ONLY,
    SHARED,
    Action,
    Actor,
    Forbidden,
    Link,
    PersonNotFound,
    Relation,
    RelationKind,
    Role,
    Scope,
    authorize,
    check,
)

ME, THEM = 1, 2
ALL = frozenset(Action)
SEE = frozenset(SHARED)
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def buddy(*scopes: Scope, accepted: bool = True) -> Relation:
    return Relation(RelationKind.BUDDY, accepted, frozenset(scopes))


def leader(*scopes: Scope, accepted: bool = True) -> Relation:
    return Relation(RelationKind.GROUP_LEADER, accepted, frozenset(scopes))


def clinician(accepted: bool = True) -> Relation:
    return Relation(RelationKind.CLINICIAN, accepted)


# (name, actor role, relations between actor and subject, actions allowed); every other action
# must raise ``refused`` (PersonNotFound for strangers, Forbidden for the related)
ROWS: list[tuple[str, Role, list[Relation], frozenset[Action], type[Exception]]] = [
    ("stranger", Role.PERSON, [], frozenset(), PersonNotFound),
    ("stranger clinician", Role.CLINICIAN, [], frozenset(), PersonNotFound),
    ("stranger admin", Role.ADMIN, [], frozenset({Action.SET_ROLE}), PersonNotFound),
    ("pending buddy", Role.PERSON, [buddy(*Scope, accepted=False)], frozenset(), PersonNotFound),
    ("pending clinician", Role.CLINICIAN, [clinician(accepted=False)], frozenset(), PersonNotFound),
    ("pending leader", Role.PERSON, [leader(*Scope, accepted=False)], frozenset(), PersonNotFound),
    ("buddy sharing nothing", Role.PERSON, [buddy()], frozenset(), Forbidden),
    (
        "buddy sharing sessions done",
        Role.PERSON,
        [buddy(Scope.SESSION_DONE)],
        frozenset({Action.SEE_SESSION_DONE}),
        Forbidden,
    ),
    (
        "buddy sharing weekly minutes",
        Role.PERSON,
        [buddy(Scope.WEEKLY_MINUTES)],
        frozenset({Action.SEE_WEEKLY_MINUTES}),
        Forbidden,
    ),
    (
        "buddy sharing streak",
        Role.PERSON,
        [buddy(Scope.STREAK)],
        frozenset({Action.SEE_STREAK}),
        Forbidden,
    ),
    (
        "buddy sharing planned walks",
        Role.PERSON,
        [buddy(Scope.PLANNED_WALKS)],
        frozenset({Action.SEE_PLANNED_WALKS}),
        Forbidden,
    ),
    ("buddy sharing everything", Role.PERSON, [buddy(*Scope)], SEE, Forbidden),
    # a buddy who is also a clinician by role still sees only what was shared
    (
        "buddy with clinician role",
        Role.CLINICIAN,
        [buddy(Scope.STREAK)],
        frozenset({Action.SEE_STREAK}),
        Forbidden,
    ),
    (
        "admin buddy",
        Role.ADMIN,
        [buddy(Scope.STREAK)],
        frozenset({Action.SEE_STREAK, Action.SET_ROLE}),
        Forbidden,
    ),
    ("leader sharing nothing", Role.PERSON, [leader()], frozenset(), Forbidden),
    (
        "leader sharing streak",
        Role.PERSON,
        [leader(Scope.STREAK)],
        frozenset({Action.SEE_STREAK}),
        Forbidden,
    ),
    ("leader sharing everything", Role.PERSON, [leader(*Scope)], SEE, Forbidden),
    ("linked clinician", Role.CLINICIAN, [clinician()], CLINICIAN_ACTIONS, Forbidden),
    # the role was taken away: the link alone opens nothing
    ("linked, not a clinician", Role.PERSON, [clinician()], frozenset(), Forbidden),
    ("linked admin", Role.ADMIN, [clinician()], frozenset({Action.SET_ROLE}), Forbidden),
    # two links add up: a pending one does not hide an accepted one
    (
        "buddy and pending buddy",
        Role.PERSON,
        [buddy(Scope.STREAK, accepted=False), buddy(Scope.SESSION_DONE)],
        frozenset({Action.SEE_SESSION_DONE}),
        Forbidden,
    ),
    (
        "buddy and leader",
        Role.PERSON,
        [buddy(Scope.STREAK), leader(Scope.WEEKLY_MINUTES)],
        frozenset({Action.SEE_STREAK, Action.SEE_WEEKLY_MINUTES}),
        Forbidden,
    ),
]


def messages(relations: list[Relation]) -> frozenset[Action]:
    """Issue 10: an accepted buddy may send kind messages and free text; a leader kind ones."""
    kinds = {r.kind for r in relations if r.accepted}
    out: set[Action] = set()
    if RelationKind.BUDDY in kinds:
        out |= {Action.ENCOURAGE, Action.MESSAGE}
    if RelationKind.GROUP_LEADER in kinds:
        out.add(Action.ENCOURAGE)
    return frozenset(out)


@pytest.mark.parametrize(
    ("name", "role", "relations", "allowed", "refused"), ROWS, ids=[r[0] for r in ROWS]
)
@pytest.mark.parametrize("action", sorted(Action))
def test_policy_table(
    name: str,
    role: Role,
    relations: list[Relation],
    allowed: frozenset[Action],
    refused: type[Exception],
    action: Action,
) -> None:
    actor = Actor(ME, role)
    if action in allowed | messages(relations):
        grant = authorize(actor, THEM, action, relations)
        assert grant.subject_id == THEM
        assert grant.actor == actor
        assert not grant.is_self
    else:
        expected = Forbidden if action is Action.SET_ROLE else refused
        with pytest.raises(expected):
            authorize(actor, THEM, action, relations)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", sorted(Action))
def test_self_may_do_everything_but_change_their_own_role(role: Role, action: Action) -> None:
    actor = Actor(ME, role)
    if action is Action.SET_ROLE and role is not Role.ADMIN:
        with pytest.raises(Forbidden):
            authorize(actor, ME, action, [])
        return
    grant = authorize(actor, ME, action, [])
    assert grant.is_self
    assert grant.subject_id == ME
    if action is not Action.SET_ROLE:
        assert grant.scopes == frozenset(Scope)


def test_the_tables_say_what_the_rows_say() -> None:
    # the named sets the rows rely on, spelled out once more so a change to them is seen
    assert SEE == {
        Action.SEE_SESSION_DONE,
        Action.SEE_WEEKLY_MINUTES,
        Action.SEE_STREAK,
        Action.SEE_PLANNED_WALKS,
    }
    assert CLINICIAN_ACTIONS == SEE | {
        Action.READ_PROFILE,
        Action.READ_PLAN,
        Action.READ_SESSIONS,
        Action.READ_PROGRESS,
        Action.READ_REPORT,
        Action.RECORD_CLEARANCE,
    }
    assert SELF_ONLY == {
        Action.CHANGE_PROFILE,
        Action.LOG_SESSION,
        Action.IMPORT_FILES,
        Action.EXPORT,
        Action.DELETE,
        Action.MANAGE_RELATIONS,
    }
    assert not CLINICIAN_ACTIONS & SELF_ONLY
    assert Action.SET_ROLE not in CLINICIAN_ACTIONS | SELF_ONLY


def test_every_row_covers_a_known_action_and_nothing_private_is_a_scope() -> None:
    for _, _, _, allowed, _ in ROWS:
        assert allowed <= ALL
    words = {s.value.replace("_", " ") for s in Scope}
    for private in NEVER_SHARED:
        assert not any(private in w or w in private for w in words), private
    # buddies and leaders never reach an action that shows pain, conditions or notes
    for relation in (buddy(*Scope), leader(*Scope)):
        for action in ALL - SEE - messages([relation]):
            with pytest.raises(AuthError):
                authorize(Actor(ME), THEM, action, [relation])


def test_a_stranger_learns_nothing_about_whether_the_person_exists() -> None:
    with pytest.raises(PersonNotFound) as one:
        authorize(Actor(ME), THEM, Action.READ_PLAN, [])
    with pytest.raises(PersonNotFound) as other:
        authorize(Actor(ME), 999_999, Action.READ_PLAN, [])
    assert str(one.value) == str(other.value)
    assert str(THEM) not in str(one.value) and "999" not in str(other.value)
    assert isinstance(one.value, NotFound)


def test_forbidden_says_in_words_what_was_refused() -> None:
    with pytest.raises(Forbidden) as refused:
        authorize(Actor(ME), THEM, Action.READ_SESSIONS, [buddy(*Scope)])
    assert refused.value.action is Action.READ_SESSIONS
    assert "logged sessions" in str(refused.value)
    assert "read_sessions" not in str(refused.value)


def test_the_grant_carries_what_was_shared() -> None:
    grant = authorize(Actor(ME), THEM, Action.SEE_STREAK, [buddy(Scope.STREAK, Scope.SESSION_DONE)])
    assert grant.scopes == {Scope.STREAK, Scope.SESSION_DONE}
    clinician_grant = authorize(Actor(ME, Role.CLINICIAN), THEM, Action.READ_PLAN, [clinician()])
    assert clinician_grant.scopes == frozenset(Scope)


def test_check_reads_the_relations_through_the_port() -> None:
    uow = FakeUnitOfWork()
    me = Actor(ME)
    with pytest.raises(PersonNotFound):
        check(uow, me, THEM, Action.SEE_STREAK)
    uow.relations.save(
        Link(THEM, ME, RelationKind.BUDDY, accepted=False, scopes=frozenset({Scope.STREAK})), NOW
    )
    with pytest.raises(PersonNotFound):
        check(uow, me, THEM, Action.SEE_STREAK)
    uow.relations.save(
        Link(THEM, ME, RelationKind.BUDDY, accepted=True, scopes=frozenset({Scope.STREAK})), NOW
    )
    assert check(uow, me, THEM, Action.SEE_STREAK).subject_id == THEM
    with pytest.raises(Forbidden):
        check(uow, me, THEM, Action.SEE_SESSION_DONE)
    # the link is one-way: THEM sees nothing of ME
    with pytest.raises(PersonNotFound):
        check(uow, Actor(THEM), ME, Action.SEE_STREAK)
    assert check(uow, me, ME, Action.DELETE).is_self
    with pytest.raises(Forbidden):
        check(uow, me, ME, Action.SET_ROLE)
