"""What a plan costs as history grows, and re-planning many people (report only).

``curve``: what a stored person's history costs, with 1 month, 1, 2 and 5 years of it (one
session a day, each item logged as the plan of the week asked), on an SQLite file, as the app
runs: a session is logged for today (a new note each time, so no cache or memo can answer),
then CPU is measured for today's plan (``services.planning.current_plan``), the today page
(``GET /today``, in process through Starlette's test client) and progress (``GET
/api/progress``). Each of three runs is one random person (median of REPEAT calls); the first
plan of each person (no snapshot stored yet) is reported as "first plan". Runs on main too
(only APIs main has): ``PYTHONPATH=<main>/src`` gives the "before" curve.

``many``: N random people (age, conditions, pain, days, equipment, preference), each with a
year of daily history, planned once each by WORKERS processes (as background jobs would, one
person per job); people per second and the extrapolation to 100,000 people.

Usage: nice .venv/bin/python bench/bench_planning.py curve [--repeat 3] [--runs 3]
       nice .venv/bin/python bench/bench_planning.py many [--people 200] [--workers 2]
Results: printed, and written to bench/results/planning_<what>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from upright.bootstrap import library
from upright.domain.profile import parse_profile
from upright.services.library import Library
from upright.services.planning import plan_for

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)
CONDITIONS = (
    "nonspecific_acute",
    "nonspecific_chronic",
    "disc_herniation",
    "sciatica",
    "spinal_stenosis",
    "facet_joint_pain",
    "si_joint_pain",
    "osteoporosis",
    "unknown",
)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def profile(rng: random.Random) -> dict[str, Any]:
    return {
        "age": rng.randint(25, 80),
        "conditions": rng.sample(CONDITIONS, rng.randint(1, 2)),
        "pain_now": rng.randint(0, 6),
        "pain_weeks": rng.randint(1, 200),
        "red_flags": [],
        "clearance": "cleared",
        "restrictions": [],
        "walk_minutes": rng.choice([5, 10, 20, 30]),
        "equipment": rng.sample(["mat", "strap", "exercise_bike", "elliptical"], rng.randint(1, 3)),
        "prefers": "walking",
        "days": sorted(rng.sample(DAYS, rng.randint(3, 7)), key=DAYS.index),
        "minutes_per_day": rng.choice([20, 30, 45, 60]),
    }


def history(data: dict[str, Any], days: int, lib: Library, seed: int) -> list[dict[str, Any]]:
    """One session a day for ``days`` days up to yesterday, logging that week's plan as done
    (the plan is rebuilt every 4 weeks from the history so far, so levels move on)."""
    rng = random.Random(seed)
    person = parse_profile(data)
    sessions: list[dict[str, Any]] = []
    first = TODAY - timedelta(days=days)
    items: list[dict[str, Any]] = []
    for n in range(days):
        day = first + timedelta(days=n)
        if n % 28 == 0:
            plan, _ = plan_for(person, day, lib, sessions)
            planned = {i.id: i for d in plan.days for i in d.items}  # one of each item
            items = [{"id": i.id, "done": True, **_counts(i.dose)} for i in planned.values()][:6]
        if not items:
            continue
        pain = rng.choice([1, 2, 2, 3, 3, 4])
        sessions.append(
            {"date": day.isoformat(), "items": items, "pain_before": pain, "pain_after": pain}
        )
    return sessions


def _counts(dose: dict[str, Any]) -> dict[str, Any]:
    return {k: dose[k] for k in ("minutes", "times", "sets", "reps", "hold_seconds") if k in dose}


def cpu_ms(call: Any, repeat: int, before: Any = None) -> float:
    """Median CPU milliseconds of ``call`` (``before`` runs untimed ahead of each call)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.process_time()
        call()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def _seeded(days: int, seed: int, lib: Library, work: Path) -> tuple[Any, Any]:
    """An app on a fresh SQLite file holding one random person with ``days`` of history."""
    from fastapi.testclient import TestClient

    from upright.bootstrap import build
    from upright.config import Settings
    from upright.web.app import create_app

    data = profile(random.Random(seed))
    hist = history(data, days, lib, seed)
    settings = Settings(data_dir=work / f"p{seed}-{days}", mode="local", today=TODAY)
    services = build(settings)
    person = services.actor.person_id
    with services.uow() as uow:
        uow.profiles.add_version(person, data, services.clock.now() - timedelta(days=days + 1))
        for session in hist:
            uow.sessions.upsert(person, date.fromisoformat(session["date"]), session)
        uow.commit()
    return services, TestClient(create_app(settings, services))


def curve(repeat: int, runs: int) -> dict[str, Any]:
    import tempfile

    from upright.services.planning import current_plan

    lib = library()
    work = Path(tempfile.mkdtemp(prefix="upright-curve-"))
    out: dict[str, Any] = {}
    for label, days in (("1 month", 30), ("1 year", 365), ("2 years", 730), ("5 years", 1826)):
        rows: dict[str, list[float]] = {"first plan": [], "plan": [], "today": [], "progress": []}
        for run in range(runs):
            services, client = _seeded(days, run, lib, work)
            person, actor = services.actor.person_id, services.actor
            count = [0]

            def log_today(s: Any = services, p: int = person, n: list[int] = count) -> None:
                n[0] += 1
                with s.uow() as uow:
                    uow.sessions.upsert(p, TODAY, {
                        "date": TODAY.isoformat(), "items": [], "pain_before": 2,
                        "note": f"call {n[0]}",
                    })  # fmt: skip
                    uow.commit()

            def plan(s: Any = services, a: Any = actor, p: int = person) -> None:
                current_plan(s.uow(), a, p, TODAY, s.library, s.clock.now())

            def page(c: Any = client, path: str = "/today") -> None:
                assert c.get(path).status_code == 200

            start = time.process_time()
            plan()
            rows["first plan"].append((time.process_time() - start) * 1000)
            page(client, "/today")  # warm up: templates compiled, the app started
            page(client, "/api/progress")
            for name, call in (
                ("plan", plan),
                ("today", page),
                ("progress", lambda c=client: page(c, "/api/progress")),
            ):
                rows[name].append(cpu_ms(call, repeat, before=log_today))
            client.close()
            services.close()
        out[label] = {"days": days, **{k: [round(x, 1) for x in v] for k, v in rows.items()}}
        print(
            f"{label:>8}: "
            + "; ".join(
                f"{k} {min(v):7.1f} / {statistics.median(v):7.1f} ms" for k, v in rows.items()
            )
            + "  (CPU, min / median of runs)"
        )
    return out


_LIB: Library | None = None


def _plan_one(job: tuple[dict[str, Any], list[dict[str, Any]]]) -> int:
    global _LIB
    if _LIB is None:
        _LIB = library()
    plan, _ = plan_for(parse_profile(job[0]), TODAY, _LIB, job[1])
    return sum(len(d.items) for d in plan.days)


def many(people: int, workers: int) -> dict[str, Any]:
    lib = library()
    jobs: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for seed in range(people):
        data = profile(random.Random(1000 + seed))
        jobs.append((data, history(data, 365, lib, seed)))
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_plan_one, _warm(workers), chunksize=1))  # start-up not counted
        start = time.perf_counter()
        done = list(pool.map(_plan_one, jobs, chunksize=8))
    seconds = time.perf_counter() - start
    rate = people / seconds
    result = {
        "people": people,
        "workers": workers,
        "seconds": round(seconds, 2),
        "people_per_s": round(rate, 1),
        "extrapolated_100k_minutes": round(100_000 / rate / 60, 1),
        "items_planned": sum(done),
    }
    print(json.dumps(result))
    return result


def _warm(workers: int) -> Sequence[tuple[dict[str, Any], list[dict[str, Any]]]]:
    return [(profile(random.Random(-1)), []) for _ in range(workers)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["curve", "many"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    result = (
        curve(args.repeat, args.runs) if args.what == "curve" else many(args.people, args.workers)
    )
    out = HERE / "results" / f"planning_{args.what}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
