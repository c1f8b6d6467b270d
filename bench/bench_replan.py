"""Re-planning many people with a year of messy history each, as the background jobs run it
(report only).

``generate``-like step first: PEOPLE random people (``bench_planning.profile``: age, 1-2
conditions, pain, free days, minutes, equipment) in a fresh database, each with about a year of
history written the way people log: a routine of 2-6 exercises (walking in most), skipped days
(each person skips 10-50% of days), breaks of 1-3 weeks, a usual pain level with day-to-day
noise and flare-ups of a few days (pain 3-5 points up, sometimes spreading leg symptoms), items
done, partly done or skipped, walking minutes and item pain now and then, the safety check
answered now and then (rarely with a warning sign), and for one person in five walks recorded
by a phone or watch (device credits). Written in bulk (Core executemany).

Then the passes, each the way ``upright replan`` runs: ``services.replan.enqueue`` puts one
job per BATCH people in the job table, and WORKERS worker processes (``services.replan.work``,
started fresh: nothing remembered) claim jobs until none is left. Wall time is from the
enqueue to the last worker's end (process start-up included); CPU is what the workers used.

- **cold**: no progression snapshot stored (the first run, or after a catalog or rules update
  changed every fingerprint): every plan replays the person's whole history once.
- **nightly**: the next day, after one more session per person: every plan resumes from the
  snapshot stored the night before.

RUNS cold passes (the snapshots and plans deleted before each) and RUNS nightly passes (one day
later each, one more session each) are timed; min and median are printed and written to
``bench/results/replan_<people>.json``.

``--peer``: the same passes, each batch through ``services.replan.replan`` in a process pool
without the job table: the call main had before this round too, so with
``PYTHONPATH=<main>/src`` it measures the old code on the same data (the "before").

Usage: nice .venv/bin/python bench/bench_replan.py [--people 10000] [--workers 2] [--runs 3]
           [--cold-runs N] [--batch 200] [--database-url postgresql+psycopg://...]
           [--dir /dev/shm] [--keep | --reuse DIR] [--peer]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_planning import TODAY, profile
from sqlalchemy import delete, func, insert, select

from upright.adapters.storage import database
from upright.adapters.storage import tables as t
from upright.bootstrap import build, library
from upright.config import Settings
from upright.services import replan

HERE = Path(__file__).resolve().parent
DAYS = 365


def _settings(url: str | None, work: Path, today: date = TODAY) -> Settings:
    return Settings(data_dir=work, database_url=url, mode="local", today=today)


def _person_year(
    rng: random.Random, ids: list[str], person: int, start: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One person's sessions and device walks, as rows."""
    routine = ["walking"] * (rng.random() < 0.85) + rng.sample(ids, rng.randint(1, 5))
    routine = list(dict.fromkeys(routine))
    skip = rng.uniform(0.1, 0.5)
    usual = rng.choice([1, 2, 2, 3, 3, 4, 5])
    device = rng.random() < 0.2
    sessions: list[dict[str, Any]] = []
    walks: list[dict[str, Any]] = []
    day = TODAY - timedelta(days=rng.randint(DAYS - 35, DAYS))
    flare = 0
    while day < TODAY:
        if rng.random() < 0.012:  # a break of one to three weeks
            day += timedelta(days=rng.randint(7, 21))
            continue
        if device and rng.random() < 0.3:
            walks.append({
                "person_id": person, "id": f"w{person}-{day.isoformat()}", "kind": "walk",
                "start": datetime.combine(day, datetime.min.time()) + timedelta(hours=7),
                "utc_offset_minutes": 0, "minutes": float(rng.randint(10, 50)),
                "moving_minutes": float(rng.randint(8, 45)), "brisk_minutes": 5.0,
                "distance_km": 2.0, "steps": None, "avg_hr": None, "counted": True, "note": None,
                "source": "apple_health", "device": "watch", "extra": None,
            })  # fmt: skip
        if rng.random() < skip:
            day += timedelta(days=1)
            continue
        if flare == 0 and rng.random() < 0.02:
            flare = rng.randint(2, 7)
        bump = rng.randint(3, 5) if flare else 0
        flare = max(0, flare - 1)
        before = min(10, max(0, usual + rng.choice([-1, 0, 0, 0, 1]) + bump // 2))
        items = []
        for ident in routine:
            status = rng.choices(["done", "partly", "skipped"], [0.8, 0.1, 0.1])[0]
            item: dict[str, Any] = {"id": ident, "status": status}
            if ident == "walking" and rng.random() < 0.5:
                item["minutes"] = rng.randint(5, 40)
            if rng.random() < 0.1:
                item["pain"] = min(10, before + rng.randint(0, 2) + bump)
            items.append(item)
        body: dict[str, Any] = {"date": day.isoformat(), "items": items}
        if rng.random() < 0.9:
            body["pain_before"] = before
            body["pain_after"] = min(10, before + rng.choice([0, 0, 1]) + bump)
        if rng.random() < 0.3:
            body["pain_next_morning"] = max(0, min(10, before + rng.choice([-1, 0, 0, 1])))
        if bump and rng.random() < 0.1:
            body["leg_symptoms"] = rng.choice(["same", "spreading"])
        if rng.random() < 0.05:
            body["red_flags"] = ["night_pain"] if rng.random() < 0.01 else []
        if rng.random() < 0.05:
            body["effort"] = rng.randint(2, 8)
        sessions.append({"person_id": person, "day": day, "data": body, "updated_at": start})
        day += timedelta(days=1)
    return sessions, walks


def populate(url: str | None, work: Path, people: int) -> dict[str, Any]:
    """PEOPLE people with a year of messy history each, written in bulk; what was written."""
    services = build(_settings(url, work))
    ids = sorted(e.id for e in library().catalog.exercises if e.id != "walking")
    engine = database.make_engine(services.settings.url)
    start = datetime.combine(TODAY - timedelta(days=DAYS + 1), datetime.min.time(), tzinfo=UTC)
    counts = {"sessions": 0, "walks": 0}
    with engine.begin() as conn:
        first = conn.execute(select(func.coalesce(func.max(t.people.c.id), 0))).scalar_one() + 1
        for lo in range(0, people, 1000):
            chunk = range(first + lo, first + min(people, lo + 1000))
            conn.execute(insert(t.people), [
                {"id": p, "display_name": f"p{p}", "created_at": start} for p in chunk
            ])  # fmt: skip
            versions, sessions, walks = [], [], []
            for person in chunk:
                rng = random.Random(7919 * person)
                versions.append({"person_id": person, "version": 1, "data": profile(rng),
                                 "created_at": start})  # fmt: skip
                s, w = _person_year(rng, ids, person, start)
                sessions.extend(s)
                walks.extend(w)
            conn.execute(insert(t.profile_versions), versions)
            conn.execute(insert(t.sessions), sessions)
            if walks:
                conn.execute(insert(t.activities), walks)
            counts["sessions"] += len(sessions)
            counts["walks"] += len(walks)
    engine.dispose()
    services.close()
    return counts


def _worker(url: str | None, work: str, today: str, name: str) -> tuple[int, int, float]:
    """One fresh worker process: jobs done, people planned, CPU seconds."""
    cpu = time.process_time()
    services = build(_settings(url, Path(work), date.fromisoformat(today)))
    report = replan.work(services.uow, services.library, name, services.clock.now)  # type: ignore[arg-type]
    services.close()
    return report.jobs, report.planned, time.process_time() - cpu


def run_pass(url: str | None, work: Path, workers: int, day: date, size: int) -> dict[str, Any]:
    services = build(_settings(url, work, day))
    began = time.perf_counter()
    jobs = replan.enqueue(services.uow, day, services.clock.now(), size)  # type: ignore[arg-type]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        done = pool.starmap(
            _worker, [(url, str(work), day.isoformat(), f"bench-{n}") for n in range(workers)]
        )
    seconds = time.perf_counter() - began
    services.close()
    planned = sum(p for _, p, _ in done)
    cpu = sum(c for _, _, c in done)
    return {
        "jobs": jobs,
        "people": planned,
        "wall_s": round(seconds, 1),
        "worker_cpu_s": round(cpu, 1),
        "cpu_ms_per_person": round(cpu * 1000 / max(planned, 1), 2),
        "wall_100k_min": round(seconds * 100_000 / max(planned, 1) / 60, 1),
    }


def _peer_job(url: str | None, work: str, today: str, ids: list[int]) -> tuple[int, float]:
    """The peer: one batch through ``services.replan.replan`` in a pool process (no job table),
    the call main had before round 4 too, so ``PYTHONPATH=<main>/src`` measures the old code."""
    global _PEER
    cpu = time.process_time()
    if _PEER is None:
        _PEER = build(_settings(url, Path(work), date.fromisoformat(today)))
    day = date.fromisoformat(today)
    planned = replan.replan(_PEER.uow, ids, day, library(), datetime.now(UTC))
    return planned, time.process_time() - cpu


_PEER: Any = None


def run_peer(url: str | None, work: Path, workers: int, day: date, size: int) -> dict[str, Any]:
    engine = database.make_engine(build(_settings(url, work)).settings.url)
    with engine.connect() as conn:
        people = sorted(
            p for (p,) in conn.execute(select(t.profile_versions.c.person_id).distinct())
        )
    engine.dispose()
    began = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        done = pool.starmap(
            _peer_job,
            [(url, str(work), day.isoformat(), b) for b in replan.batches(people, size)],
        )
    seconds = time.perf_counter() - began
    planned = sum(p for p, _ in done)
    cpu = sum(c for _, c in done)
    return {
        "jobs": len(done),
        "people": planned,
        "wall_s": round(seconds, 1),
        "worker_cpu_s": round(cpu, 1),
        "cpu_ms_per_person": round(cpu * 1000 / max(planned, 1), 2),
        "wall_100k_min": round(seconds * 100_000 / max(planned, 1) / 60, 1),
    }


def _reset(url: str | None, work: Path) -> None:
    """Forget every snapshot, plan and job: the next pass is cold."""
    engine = database.make_engine(build(_settings(url, work)).settings.url)
    with engine.begin() as conn:
        for table in (t.progress_snapshots, t.plans, getattr(t, "replan_jobs", None)):
            if table is None:  # the peer's code (main before round 4) has no job table
                continue
            conn.execute(delete(table))
    engine.dispose()


def _reset_jobs(url: str | None, work: Path) -> None:
    engine = database.make_engine(build(_settings(url, work)).settings.url)
    with engine.begin() as conn:
        if hasattr(t, "replan_jobs"):
            conn.execute(delete(t.replan_jobs))
    engine.dispose()


def _one_more_day(url: str | None, work: Path, day: date) -> None:
    """Everyone with answers logs a session on ``day`` (the nightly run plans the day after)."""
    engine = database.make_engine(build(_settings(url, work)).settings.url)
    body = {"date": day.isoformat(), "items": [{"id": "walking", "status": "done"}],
            "pain_before": 2, "pain_after": 2}  # fmt: skip
    now = datetime.now(UTC)
    with engine.begin() as conn:
        people = [p for (p,) in conn.execute(select(t.profile_versions.c.person_id).distinct())]
        if hasattr(t, "replan_jobs"):
            conn.execute(delete(t.replan_jobs))
        conn.execute(insert(t.sessions), [
            {"person_id": p, "day": day, "data": body, "updated_at": now} for p in people
        ])  # fmt: skip
    engine.dispose()


def _summary(passes: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"runs": passes}
    for key in ("wall_s", "worker_cpu_s", "cpu_ms_per_person", "wall_100k_min"):
        values = [p[key] for p in passes]
        out[key] = {"min": min(values), "median": statistics.median(values)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="cold and nightly passes each")
    parser.add_argument("--cold-runs", type=int, default=None, help="cold passes (default RUNS)")
    parser.add_argument(
        "--reuse", default=None, help="a data folder a run before left (--keep): no populate"
    )
    parser.add_argument("--keep", action="store_true", help="keep the data folder at the end")
    parser.add_argument("--batch", type=int, default=replan.BATCH, help="people per job")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--dir", default=None, help="where the SQLite file goes (e.g. /dev/shm)")
    parser.add_argument(
        "--peer",
        action="store_true",
        help="each batch through services.replan.replan in a process pool, without the job "
        "table (runs on main before round 4 too: PYTHONPATH=<main>/src)",
    )
    args = parser.parse_args()
    url = args.database_url
    work = Path(args.reuse or tempfile.mkdtemp(prefix="upright-replan-", dir=args.dir))
    cold_runs = args.runs if args.cold_runs is None else args.cold_runs
    try:
        began = time.perf_counter()
        written = {"reused": str(work)} if args.reuse else populate(url, work, args.people)
        result: dict[str, Any] = {
            "database": "PostgreSQL" if url else "SQLite",
            "people": args.people,
            **written,
            "workers": args.workers,
            "batch": args.batch,
            "populate_s": round(time.perf_counter() - began, 1),
        }
        print(json.dumps(result))
        one_pass = run_peer if args.peer else run_pass
        result["how"] = "peer: a process pool, no job table" if args.peer else "jobs"
        cold = []
        for n in range(cold_runs):
            if n or args.reuse:
                _reset(url, work)
            cold.append(one_pass(url, work, args.workers, TODAY, args.batch))
            print("cold   ", json.dumps(cold[-1]), flush=True)
        nightly = []
        if not cold_runs:  # nightly passes on a reused folder: the snapshots a cold pass left
            _reset_jobs(url, work)
        for n in range(args.runs):
            _one_more_day(url, work, TODAY + timedelta(days=n))
            day = TODAY + timedelta(days=n + 1)
            nightly.append(one_pass(url, work, args.workers, day, args.batch))
            print("nightly", json.dumps(nightly[-1]), flush=True)
        if cold:
            result["cold"] = _summary(cold)
        if nightly:
            result["nightly"] = _summary(nightly)
        out = HERE / "results" / f"replan_{args.people}{'_peer' if args.peer else ''}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(result, indent=2))
        if cold:
            print("cold min/median", result["cold"]["wall_s"], result["cold"]["cpu_ms_per_person"])
        if nightly:
            print(
                "nightly min/median",
                result["nightly"]["wall_s"],
                result["nightly"]["cpu_ms_per_person"],
            )
    finally:
        if url is None and not args.keep and not args.reuse:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
