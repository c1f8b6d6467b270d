"""What one ``POST /api/sessions`` costs (not a test): statements, transactions, checkouts, CPU.

The real app runs in this process (httpx's ASGI transport, no sockets), one request at a time,
for a person with no history or with ``--history-days`` of it, on SQLite or ``--database-url``.
Each log sends a new ``Idempotency-Key`` and ``"replace": true``, as web_bench.py does. Counted
on the engine (SQLAlchemy events): statements sent to the database (pings included), commits,
rollbacks, connection checkouts from the pool and liveness pings (not in the statements); CPU is this process's time per request.

    .venv/bin/python bench/log_cost.py [--requests 300] [--history-days 730]
        [--database-url postgresql+psycopg://...] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.web_bench import PROFILE, TODAY, seed_history  # noqa: E402


def counters(engine: Any) -> Counter[str]:
    seen: Counter[str] = Counter()

    @event.listens_for(engine, "before_cursor_execute")
    def _statement(*_: Any) -> None:
        seen["statements"] += 1

    @event.listens_for(engine, "commit")
    def _commit(*_: Any) -> None:
        seen["commits"] += 1

    @event.listens_for(engine, "rollback")
    def _rollback(*_: Any) -> None:
        seen["rollbacks"] += 1

    @event.listens_for(engine.pool, "checkout")
    def _checkout(*_: Any) -> None:
        seen["checkouts"] += 1

    ping = engine.dialect.do_ping

    def counted_ping(connection: Any) -> bool:
        seen["pings"] += 1
        return bool(ping(connection))

    engine.dialect.do_ping = counted_ping
    return seen


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    from datetime import date

    from upright import bootstrap
    from upright.config import Settings
    from upright.web.app import create_app

    work = Path(tempfile.mkdtemp(prefix="upright-logcost-"))
    env = {"UPRIGHT_DATA_DIR": str(work / "data")}
    if args.database_url:
        env["UPRIGHT_DATABASE_URL"] = args.database_url
    if args.history_days:
        seed_history(env, args.history_days)
    settings = Settings(
        data_dir=work / "data", database_url=args.database_url or None, mode="local",
        today=date.fromisoformat(TODAY),
    )  # fmt: skip
    services = bootstrap.build(settings)
    app = create_app(settings, services)
    engine = services.versions.engine  # the one engine the app's stores share
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        if not args.history_days:
            assert (await client.post("/api/profile", json=PROFILE)).status_code == 201
        items = [
            {"id": i["id"], "status": "done"}
            for i in (await client.get("/api/today")).json()["items"]
        ]
        body = {"date": TODAY, "pain_before": 3, "pain_during": 4, "pain_after": 2, "effort": 5,
                "note": "bench", "items": items, "replace": True}  # fmt: skip

        async def log() -> None:
            answer = await client.post(
                "/api/sessions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
            )
            assert answer.status_code == 201, answer.text

        for _ in range(30):  # warm up: memos, statement caches, the pool
            await log()
        seen = counters(engine)
        cpu: list[float] = []
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.requests):
            began = time.process_time()
            if profiler:
                profiler.enable()
            await log()
            if profiler:
                profiler.disable()
            cpu.append(time.process_time() - began)
        if profiler:
            profiler.dump_stats(args.profile)
    services.close()
    n = args.requests
    return {
        "requests": n,
        **{
            name: round(seen[name] / n, 2)
            for name in ("statements", "commits", "rollbacks", "checkouts", "pings")
        },  # fmt: skip
        "cpu_ms_median": round(statistics.median(cpu) * 1000, 2),
        "cpu_ms_mean": round(statistics.fmean(cpu) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--history-days", type=int, default=0)
    parser.add_argument("--database-url")
    parser.add_argument("--profile", help="write a cProfile of the measured requests here")
    args = parser.parse_args()
    result = asyncio.run(measure(args))
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}, history {args.history_days} days, per logged session:")
    for name, value in result.items():
        print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
