"""Re-planning many people in a real database: a batch stores exactly what planning each person
in turn stores, and background workers share the queued batches without doing one twice."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import sessionmaker

from tests.conftest import base_profile
from upright.adapters.data_files import data_version, load_catalog, load_rulebook
from upright.adapters.storage import tables as t
from upright.adapters.storage.unit_of_work import SqlUnitOfWork
from upright.domain.tracking.activity import Activity
from upright.services import planning, replan
from upright.services.access import Actor
from upright.services.library import Library

LIBRARY = Library(load_catalog(), load_rulebook(), data_version())
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
IDS = ["walking", "pelvic_tilt", "knee_to_chest", "cat_camel", "glute_bridge", "bird_dog"]


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessionmaker(engine, expire_on_commit=False))


def _person(engine: Engine, name: str) -> int:
    with engine.begin() as conn:
        return int(
            conn.execute(
                insert(t.people).values(display_name=name, created_at=NOW).returning(t.people.c.id)
            ).scalar_one()
        )


def _messy_year(seed: int) -> list[dict[str, Any]]:
    """Skipped days and breaks, pain that flares, leg symptoms, a warning sign now and then."""
    rng = random.Random(seed)
    out = []
    day = TODAY - timedelta(days=rng.randint(40, 330))
    while day < TODAY:
        items = [
            {"id": i, "status": rng.choice(["done", "done", "partly", "skipped"])}
            for i in rng.sample(IDS, rng.randint(1, 4))
        ]
        session: dict[str, Any] = {"date": day.isoformat(), "items": items}
        if rng.random() < 0.8:
            session["pain_before"] = rng.choice([1, 2, 2, 3, 4])
            session["pain_after"] = session["pain_before"] + rng.choice([0, 0, 1, 4])
        if rng.random() < 0.05:
            session["leg_symptoms"] = rng.choice(["same", "spreading"])
        if rng.random() < 0.02:
            session["red_flags"] = []
        out.append(session)
        day += timedelta(days=rng.choice([1, 1, 1, 2, 3, 10]))
    return out


def _walk(day: date, n: int) -> Activity:
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=7)
    return Activity(
        id=f"w{n}", kind="walk", start=start, minutes=30.0, moving_minutes=28.0,
        brisk_minutes=20.0, distance_km=2.5, steps=None, avg_hr=None, counted=True, note=None,
        source="gpx",
    )  # fmt: skip


def _twins(engine: Engine, seeds: list[int]) -> list[tuple[int, int]]:
    """Pairs of people with the same answers, history and walks (one per way of planning)."""
    pairs = []
    for seed in seeds:
        pair = (_person(engine, f"a{seed}"), _person(engine, f"b{seed}"))
        history = _messy_year(seed)
        profile = base_profile(pain_now=seed % 5, days=["mon", "wed", "fri", "sat"])
        for person in pair:
            with _uow(engine) as uow:
                uow.profiles.add_version(person, profile, NOW - timedelta(days=400))
                for session in history:
                    uow.sessions.upsert(person, date.fromisoformat(session["date"]), session)
                uow.activities.add(person, _walk(TODAY - timedelta(days=seed + 3), seed))
                uow.commit()
        pairs.append(pair)
    return pairs


def _stored(engine: Engine, person: int) -> tuple[list[Any], list[Any]]:
    with engine.connect() as conn:
        plans = conn.execute(
            select(t.plans.c.week_start, t.plans.c.plan)
            .where(t.plans.c.person_id == person)
            .order_by(t.plans.c.id)
        ).all()
        snapshots = conn.execute(
            select(
                t.progress_snapshots.c.week_start,
                t.progress_snapshots.c.fingerprint,
                t.progress_snapshots.c.data,
            )
            .where(t.progress_snapshots.c.person_id == person)
            .order_by(t.progress_snapshots.c.week_start)
        ).all()
    return [tuple(r) for r in plans], [tuple(r) for r in snapshots]


def test_a_batch_stores_what_planning_each_person_in_turn_stores(engine: Engine) -> None:
    pairs = _twins(engine, [1, 2, 3, 4])
    nobody = _person(engine, "no answers yet")
    uow = lambda: _uow(engine)  # noqa: E731
    batch = [b for _, b in pairs] + [nobody]
    # cold (no snapshot), the next day (resumed from the snapshots), and a week later
    for day in (TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=8)):
        for a, _ in pairs:
            planning.current_plan(uow(), Actor(a), a, day, LIBRARY, NOW)
        assert replan.replan(uow, batch, day, LIBRARY, NOW) == len(pairs)
        for a, b in pairs:
            assert _stored(engine, a) == _stored(engine, b)
        # an edit of an older day drops later snapshots: both ways resume from an earlier one
        older = TODAY - timedelta(days=20)
        for a, b in pairs:
            with _uow(engine) as tx:
                for person in (a, b):
                    tx.sessions.upsert(person, older, {"date": older.isoformat(), "items": [],
                                                       "pain_before": 6, "pain_after": 7})  # fmt: skip
                tx.commit()
    a, b = pairs[0]
    plans, snapshots = _stored(engine, b)
    assert plans and snapshots
    assert _stored(engine, nobody) == ([], [])


def test_two_workers_share_the_queue_and_plan_everyone_once(engine: Engine) -> None:
    people = [p for pair in _twins(engine, [5, 6, 7]) for p in pair]
    uow = lambda: _uow(engine)  # noqa: E731
    assert replan.enqueue(uow, TODAY, NOW, size=2) == 3
    with _uow(engine) as tx:
        first = tx.replan_jobs.claim("w1", NOW, NOW + replan.LEASE)
        second = tx.replan_jobs.claim("w2", NOW, NOW + replan.LEASE)
        tx.commit()
    assert first is not None and second is not None and first.id != second.id
    # w1 stops; w2 drains what is free (its own job is still claimed until w1's lease ends)
    with _uow(engine) as tx:
        tx.replan_jobs.finish(second.id, "w2", 0, NOW)
        tx.commit()
    clock = lambda: NOW  # noqa: E731
    report = replan.work(uow, LIBRARY, "w2", clock)
    assert (report.jobs, report.planned) == (1, 2)
    # after the lease, another worker takes w1's job; w1 can no longer finish it
    later = lambda: NOW + replan.LEASE + timedelta(seconds=1)  # noqa: E731
    report = replan.work(uow, LIBRARY, "w3", later)
    assert (report.jobs, report.planned) == (1, 2)
    with _uow(engine) as tx:
        assert tx.replan_jobs.finish(first.id, "w1", 2, NOW) is False
        assert tx.replan_jobs.counts() == {"done": 3}
    planned = {p for p in people if _stored(engine, p)[0]}
    assert planned >= set(people[:2]) | set(people[4:])


def test_a_job_that_keeps_failing_is_marked_failed_after_three_claims(engine: Engine) -> None:
    (a, b), = _twins(engine, [8])  # fmt: skip
    uow = lambda: _uow(engine)  # noqa: E731
    with _uow(engine) as tx:
        tx.replan_jobs.add(TODAY, [[a, b]], NOW)
        tx.commit()
    broken = Library(LIBRARY.catalog, None, LIBRARY.version)  # type: ignore[arg-type]
    for _ in range(replan.MAX_ATTEMPTS):
        report = replan.work(uow, broken, "w1", lambda: NOW, stop=_once())
        assert report.jobs == 0
    with _uow(engine) as tx:
        assert tx.replan_jobs.counts() == {"failed": 1}
        assert tx.replan_jobs.claim("w1", NOW, NOW + replan.LEASE) is None
    assert _stored(engine, a) == ([], [])


def _once() -> Any:
    calls = iter([False, True])
    return lambda: next(calls)


@pytest.mark.parametrize("size", [1, 200])
def test_enqueue_covers_everyone_with_answers_once(engine: Engine, size: int) -> None:
    people = [p for pair in _twins(engine, [9]) for p in pair]
    _person(engine, "no answers yet")
    uow = lambda: _uow(engine)  # noqa: E731
    replan.enqueue(uow, TODAY, NOW, size=size)
    with engine.connect() as conn:
        queued = [ids for (ids,) in conn.execute(select(t.replan_jobs.c.person_ids))]
    assert sorted(p for ids in queued for p in ids) == sorted(people)


def test_one_persons_unreadable_history_does_not_hold_up_the_batch(engine: Engine) -> None:
    (a, b), = _twins(engine, [10])  # fmt: skip
    with engine.begin() as conn:  # stored before a rule got stricter, say
        bad = {"date": TODAY.isoformat(), "items": [], "pain_before": 11}
        conn.execute(insert(t.sessions).values(
            person_id=a, day=TODAY, data=bad, updated_at=NOW,
        ))  # fmt: skip
    uow = lambda: _uow(engine)  # noqa: E731
    assert replan.replan(uow, [a, b], TODAY, LIBRARY, NOW) == 1
    assert _stored(engine, a) == ([], [])
    assert _stored(engine, b)[0]
