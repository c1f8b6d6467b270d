"""Re-planning many people with a year of history each, as background jobs would (report only).

Creates PEOPLE random people (``bench_planning.profile``: age, conditions, pain, days,
equipment) in a fresh database, each with DAYS days of daily sessions (the first week's plan
logged every day, pain 1-4), then re-plans everyone with WORKERS processes, one batch of
BATCH people per job (``services.replan.replan``: what a worker's job runs).

- **cold**: no progression snapshot stored yet (the first run, or after a catalog or rules update
  changed every fingerprint): each plan replays the person's whole year once.
- **nightly**: the next day, after one more session per person, with fresh worker processes
  (nothing remembered in memory): each plan resumes from the snapshot the cold run stored.

People per second and the extrapolation to 100,000 people are printed and written to
``bench/results/replan.json``. The sample is PEOPLE people, not 100,000: the time per person
does not depend on how many others are stored (each reads its own rows by index), so the
extrapolation is linear; the database grows by ~0.5 KB per session.

Usage: nice .venv/bin/python bench/bench_replan.py [--people 1000] [--workers 2] [--days 365]
           [--batch 50] [--database-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_planning import TODAY, _counts, profile
from sqlalchemy import insert

from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.bootstrap import build, library
from upright.config import Settings
from upright.domain.profile import parse_profile
from upright.services.planning import plan_for
from upright.services.replan import batches, replan

HERE = Path(__file__).resolve().parent


def _settings(url: str | None, work: Path) -> Settings:
    return Settings(data_dir=work, database_url=url, mode="local", today=TODAY)


def populate(url: str | None, work: Path, people: int, days: int) -> list[int]:
    """PEOPLE people with DAYS days of sessions each, written in bulk (Core executemany)."""
    services = build(_settings(url, work))
    lib = services.library
    engine = database.make_engine(services.settings.url)
    ids: list[int] = []
    start = datetime.combine(TODAY - timedelta(days=days + 1), datetime.min.time(), tzinfo=UTC)
    with engine.begin() as conn:
        for n in range(people):
            rng = random.Random(5000 + n)
            data = profile(rng)
            plan, _ = plan_for(parse_profile(data), TODAY - timedelta(days=days), lib, [])
            planned = {i.id: i for d in plan.days for i in d.items}
            items = [{"id": i.id, "done": True, **_counts(i.dose)} for i in planned.values()][:6]
            person = conn.execute(
                insert(t.people)
                .values(display_name=f"p{n}", created_at=start)
                .returning(t.people.c.id)
            ).scalar_one()
            ids.append(person)
            conn.execute(insert(t.profile_versions).values(
                person_id=person, version=1, data=data, created_at=start,
            ))  # fmt: skip
            rows = []
            for k in range(days, 0, -1):
                day = TODAY - timedelta(days=k)
                pain = rng.choice([1, 2, 2, 3, 3, 4])
                body = {"date": day.isoformat(), "items": items, "pain_before": pain,
                        "pain_after": pain}  # fmt: skip
                rows.append({"person_id": person, "day": day, "data": body, "updated_at": start})
            conn.execute(insert(t.sessions), rows)
    engine.dispose()
    services.close()
    return ids


_SERVICES: Any = None


def _job(args: tuple[str | None, str, list[int], str]) -> tuple[int, float]:
    """One background job: re-plan a batch of people (a worker process keeps its services).
    Returns how many were planned and the job's CPU seconds."""
    global _SERVICES
    url, work, ids, day = args
    if _SERVICES is None:
        _SERVICES = build(_settings(url, Path(work)))
    on = datetime.fromisoformat(day).date()
    cpu = time.process_time()
    planned = replan(_SERVICES.uow, ids, on, library(), datetime.now(UTC))
    return planned, time.process_time() - cpu


def _warm(args: tuple[str | None, str, list[int], str]) -> tuple[int, float]:
    return _job((args[0], args[1], [], args[3]))


def run_pass(
    url: str | None, work: Path, ids: list[int], workers: int, day: str, size: int
) -> dict[str, Any]:
    jobs = [(url, str(work), batch, day) for batch in batches(ids, size)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_warm, [(url, str(work), [], day)] * workers))  # start-up not counted
        start = time.perf_counter()
        cpu = time.process_time()
        done = list(pool.map(_job, jobs))
        seconds = time.perf_counter() - start
    planned = sum(n for n, _ in done)
    worker_cpu = sum(c for _, c in done)
    rate = planned / seconds
    cpu_per_person = worker_cpu / max(planned, 1)
    return {
        "people": planned,
        "jobs": len(jobs),
        "seconds": round(seconds, 2),
        "people_per_s": round(rate, 1),
        "ms_per_person_per_worker": round(seconds * 1000 * workers / max(planned, 1), 2),
        "extrapolated_100k_minutes": round(100_000 / rate / 60, 1),
        "worker_cpu_ms_per_person": round(cpu_per_person * 1000, 2),
        # if the workers had their cores to themselves (the machine is shared)
        "cpu_bound_100k_minutes": round(100_000 * cpu_per_person / workers / 60, 1),
        "parent_cpu_s": round(time.process_time() - cpu, 2),
    }


def one_more_day(url: str | None, work: Path, ids: list[int]) -> None:
    """Every person logs today's session: the nightly run plans tomorrow."""
    engine = database.make_engine(build(_settings(url, work)).settings.url)
    now = datetime.now(UTC)
    body = {"date": TODAY.isoformat(), "items": [], "pain_before": 2, "pain_after": 2}
    with engine.begin() as conn:
        conn.execute(insert(t.sessions), [
            {"person_id": p, "day": TODAY, "data": body, "updated_at": now} for p in ids
        ])  # fmt: skip
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--batch", type=int, default=50, help="people per job")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="upright-replan-"))
    began = time.perf_counter()
    ids = populate(args.database_url, work, args.people, args.days)
    result: dict[str, Any] = {
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "people": args.people,
        "days": args.days,
        "workers": args.workers,
        "populate_seconds": round(time.perf_counter() - began, 1),
    }
    result["cold"] = run_pass(
        args.database_url, work, ids, args.workers, TODAY.isoformat(), args.batch
    )
    print("cold   ", json.dumps(result["cold"]))
    one_more_day(args.database_url, work, ids)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    result["nightly"] = run_pass(args.database_url, work, ids, args.workers, tomorrow, args.batch)
    print("nightly", json.dumps(result["nightly"]))
    out = HERE / "results" / "replan.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
