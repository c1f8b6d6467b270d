"""Links and roles in real databases (the RelationRepository port), and the policy over them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.orm import sessionmaker

from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.services.access import (
    Action,
    Actor,
    Forbidden,
    Link,
    PersonNotFound,
    RelationKind,
    Role,
    Scope,
    check,
)

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessionmaker(engine, expire_on_commit=False))


def person(engine: Engine, email: str) -> int:
    with engine.begin() as connection:
        new_id = connection.scalar(
            insert(t.people).values(email=email, created_at=NOW).returning(t.people.c.id)
        )
    return int(new_id or 0)


def test_roles_default_to_person_and_can_be_changed(engine: Engine) -> None:
    local = database.ensure_local_person(engine)
    other = person(engine, "b@example.org")
    with uow(engine) as work:
        assert work.relations.role_of(local) is Role.PERSON
        assert work.relations.role_of(other) is Role.PERSON
        assert work.relations.role_of(987_654) is None
        assert work.relations.set_role(other, Role.CLINICIAN)
        assert not work.relations.set_role(987_654, Role.ADMIN)
        work.commit()
    with uow(engine) as work:
        assert work.relations.role_of(other) is Role.CLINICIAN


def test_links_are_saved_updated_removed_and_read_by_the_policy(engine: Engine) -> None:
    me = database.ensure_local_person(engine)
    friend = person(engine, "friend@example.org")
    doctor = person(engine, "doctor@example.org")
    with uow(engine) as work:
        work.relations.save(Link(me, friend, RelationKind.BUDDY, accepted=False), NOW)
        work.relations.save(Link(me, doctor, RelationKind.CLINICIAN, accepted=True), NOW)
        work.relations.set_role(doctor, Role.CLINICIAN)
        work.commit()
    with uow(engine) as work:
        with pytest.raises(PersonNotFound):
            check(work, Actor(friend), me, Action.SEE_STREAK)
        assert check(work, Actor(doctor, Role.CLINICIAN), me, Action.READ_SESSIONS).subject_id == me
        # accepting and sharing is the same row, updated
        shared = frozenset({Scope.STREAK, Scope.WEEKLY_MINUTES})
        work.relations.save(Link(me, friend, RelationKind.BUDDY, True, shared), NOW)
        work.commit()
    with uow(engine) as work:
        assert check(work, Actor(friend), me, Action.SEE_STREAK).scopes == shared
        with pytest.raises(Forbidden):
            check(work, Actor(friend), me, Action.READ_PROGRESS)
        assert len(work.relations.links_of(me)) == 2
        assert [link.actor_id for link in work.relations.links_of(friend)] == [friend]
        work.relations.remove(me, friend, RelationKind.BUDDY)
        work.commit()
    with uow(engine) as work:
        with pytest.raises(PersonNotFound):
            check(work, Actor(friend), me, Action.SEE_STREAK)
        work.delete_person_data(me)
        work.commit()
    with uow(engine) as work:
        assert work.relations.links_of(me) == []


def test_a_leader_has_one_link_per_group(engine: Engine) -> None:
    me = database.ensure_local_person(engine)
    lead = person(engine, "lead@example.org")
    with uow(engine) as work:
        for group in (1, 2):
            scopes = frozenset({Scope.SESSION_DONE}) if group == 1 else frozenset({Scope.STREAK})
            work.relations.save(Link(me, lead, RelationKind.GROUP_LEADER, True, scopes, group), NOW)
        work.commit()
    with uow(engine) as work:
        assert len(work.relations.between(lead, me)) == 2
        assert check(work, Actor(lead), me, Action.SEE_STREAK)
        assert check(work, Actor(lead), me, Action.SEE_SESSION_DONE)
