"""Web benchmark (not a test): Upright's today page and session logging vs a bare FastAPI app.

Both servers run in their own uvicorn process on 127.0.0.1, one after the other, with the same
flags; the load generator (httpx, asyncio) keeps exactly CONCURRENCY requests in flight until
REQUESTS are done or TIME_LIMIT passes. Reported: requests/s, p50 and p99 latency, errors, and
Upright's share of the bare app's throughput (the framework's ceiling on this machine). Both
servers run at once and take turns in ROUNDS rounds (each a share of REQUESTS and TIME_LIMIT),
so a neighbour's job that slows the shared machine for a while slows both alike.

    .venv/bin/python bench/web_bench.py [--requests 3000] [--concurrency 100] [--time-limit 60]
        [--database-url postgresql+psycopg://...] [--no-key] [--history-days 730] [--rounds 4]
        [--skip-page]

``--history-days N`` gives the person N days of logged sessions before the run (written straight
into the database before the server starts: the API takes days within the last year only).
Each row also reports the server process's CPU per request (user + system, from /proc).
Logging sends ``"replace": true``: the same day is logged again as an edit, as the app does
when a person corrects a session (without it every request after the first is a 409).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
PROFILE = {
    "age": 50, "conditions": ["nonspecific_chronic"], "pain_now": 3, "pain_weeks": 20,
    "clearance": "cleared", "walk_minutes": 10, "equipment": ["mat", "strap"],
    "prefers": "walking", "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    "minutes_per_day": 40,
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(factory: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env={**os.environ, **env, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("EXTRA_PATH")]))}, cwd=ROOT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/openapi.json", timeout=1).read()
            return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit(f"{factory} did not start") from None
            time.sleep(0.1)


def server_cpu(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds (user + system) the server process has used so far."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def seed_history(env: dict[str, str], days: int) -> None:
    """A profile and ``days`` days of sessions before TODAY, written through the storage layer."""
    from datetime import date, timedelta

    from upright.bootstrap import build
    from upright.config import Settings

    today = date.fromisoformat(TODAY)
    settings = Settings(
        data_dir=Path(env["UPRIGHT_DATA_DIR"]),
        database_url=env.get("UPRIGHT_DATABASE_URL") or None,
        mode="local",
        today=today,
    )
    services = build(settings)
    try:
        person = services.actor.person_id
        with services.uow() as uow:
            uow.profiles.add_version(
                person, PROFILE, services.clock.now() - timedelta(days=days + 1)
            )
            for n in range(days, 0, -1):
                day = today - timedelta(days=n)
                uow.sessions.upsert(person, day, {
                    "date": day.isoformat(), "items": [], "pain_before": 3, "pain_after": 3,
                })  # fmt: skip
            uow.commit()
    finally:
        services.close()


def measured(process: subprocess.Popen[bytes], *args: Any) -> tuple[dict[str, Any], float]:
    """One round of load on one server, and the server's CPU seconds during it."""
    before = server_cpu(process)
    result: dict[str, Any] = asyncio.run(load(*args))
    return result, server_cpu(process) - before


def call(url: str, method: str = "GET", body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
    return json.loads(text) if text.startswith(("{", "[")) else text


async def load(
    url: str, method: str, body: Any, requests: int, concurrency: int, time_limit: float,
    keyed: bool,
) -> dict[str, Any]:  # fmt: skip
    """Keep ``concurrency`` requests in flight until ``requests`` are done or time runs out."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    ready = asyncio.Barrier(concurrency + 1)
    clock: dict[str, float] = {}

    async def worker() -> None:
        # one client (one keep-alive connection) per simulated person: httpx's shared pool
        # slows down sharply with 100 connections and would measure itself, not the server
        nonlocal issued, errors
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            await client.get(url.rsplit("/", 1)[0] + "/openapi.json")  # connect before timing
            await ready.wait()
            while issued < requests and time.perf_counter() < clock["stop"]:
                issued += 1
                headers = {"Idempotency-Key": uuid.uuid4().hex} if keyed else None
                began = time.perf_counter()
                try:
                    response = await client.request(method, url, json=body, headers=headers)
                    ok = response.status_code < 400
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - began)
                errors += not ok

    async def starter() -> None:
        await ready.wait()
        clock["start"] = time.perf_counter()
        clock["stop"] = clock["start"] + time_limit

    clock["stop"] = float("inf")
    await asyncio.gather(starter(), *(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - clock["start"]
    return {"latencies": latencies, "errors": errors, "seconds": elapsed}


def summary(parts: list[dict[str, Any]], cpu_seconds: float) -> dict[str, Any]:
    """Requests/s over the rounds together, latency percentiles over all their requests."""
    latencies = sorted(x for part in parts for x in part["latencies"])
    elapsed = sum(part["seconds"] for part in parts)
    return {
        "requests": len(latencies),
        "errors": sum(part["errors"] for part in parts),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "server_cpu_ms_per_request": round(cpu_seconds * 1000 / max(1, len(latencies)), 2),
    }


#: what is measured (name, method, path, body); the session is filled in once it is known
ENDPOINTS: list[tuple[str, str, str, Any]] = [
    ("today page", "GET", "/today", None),
    ("log session", "POST", "/api/sessions", None),
]


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="upright-webbench-"))
    env = {"UPRIGHT_DATA_DIR": str(work / "data"), "UPRIGHT_TODAY": TODAY, "UPRIGHT_MODE": "local"}
    if args.database_url:
        env["UPRIGHT_DATABASE_URL"] = args.database_url
    if args.history_days:
        seed_history(env, args.history_days)
    servers: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
    try:
        servers["upright"] = ours = start("upright.web.app:from_environment", env)
        url = ours[1]
        if not args.history_days:
            call(url + "/api/profile", "POST", PROFILE)
        page = call(url + "/today")
        items = [{"id": i["id"], "status": "done"} for i in call(url + "/api/today")["items"]]
        session = {"date": TODAY, "pain_before": 3, "pain_during": 4, "pain_after": 2,
                   "effort": 5, "note": "bench", "items": items, "replace": True}  # fmt: skip
        ENDPOINTS[1] = ("log session", "POST", "/api/sessions", session)
        (work / "page.html").write_text(page, encoding="utf-8")
        servers["bare"] = start("bench.web_bare:app", {"BARE_PAGE": str(work / "page.html")})
        results: dict[str, Any] = {
            "page_bytes": len(page.encode()),
            "history_days": args.history_days,
            "rounds": args.rounds,
        }
        rounds = max(1, args.rounds)
        for name, method, path, body in ENDPOINTS[args.skip_page :]:
            parts: dict[str, list[dict[str, Any]]] = {"upright": [], "bare": []}
            cpu = {"upright": 0.0, "bare": 0.0}
            for _, base in servers.values():  # warm up
                asyncio.run(load(base + path, method, body, 200, 20, 30, method == "POST"))
            # the two servers take turns, round by round: a neighbour's job that slows the
            # machine for a while slows both alike, and the ratio stays fair
            for _ in range(rounds):
                for server, (process, base) in servers.items():
                    keyed = server == "upright" and method == "POST" and not args.no_key
                    part, used = measured(
                        process, base + path, method, body, args.requests // rounds,
                        args.concurrency, args.time_limit / rounds, keyed,
                    )  # fmt: skip
                    parts[server].append(part)
                    cpu[server] += used
            for server in servers:
                results[f"{server} {name}"] = summary(parts[server], cpu[server])
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait()
    for name, *_ in ENDPOINTS[args.skip_page :]:
        ceiling = results[f"bare {name}"]["rps"]
        results[f"ratio {name}"] = round(results[f"upright {name}"]["rps"] / ceiling, 2)
    return results


def report(results: dict[str, Any], args: argparse.Namespace) -> str:
    database = "PostgreSQL" if args.database_url else "SQLite"
    lines = [
        f"{database}; history {args.history_days} days; "
        f"{args.concurrency} concurrent clients, {args.requests} requests per row "
        f"(time limit {args.time_limit:g} s), the servers taking turns in {args.rounds} rounds; "
        f"today page {results['page_bytes']} bytes",
        "",
        "| endpoint | server | requests/s | p50 ms | p99 ms | errors | server CPU ms/request |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, *_ in ENDPOINTS[args.skip_page :]:
        for server in ("upright", "bare"):
            r = results[f"{server} {name}"]
            lines.append(
                f"| {name} | {server} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} "
                f"| {r['server_cpu_ms_per_request']} |"
            )
    lines.append("")
    for name, *_ in ENDPOINTS[args.skip_page :]:
        lines.append(f"{name}: upright reaches {results[f'ratio {name}']:.0%} of the bare app")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument(
        "--rounds", type=int, default=4, help="the servers take turns this many times per row"
    )
    parser.add_argument("--no-key", action="store_true", help="log without Idempotency-Key")
    parser.add_argument("--skip-page", action="store_true", help="measure logging only")
    parser.add_argument("--history-days", type=int, default=0, help="days of history first")
    parser.add_argument(
        "--database-url", help="run Upright on this database (an empty PostgreSQL, say)"
    )
    args = parser.parse_args()
    results = run(args)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    name = f"web_bench_{args.history_days}d.json" if args.history_days else "web_bench.json"
    (out / name).write_text(json.dumps(results, indent=2))
    print(report(results, args))


if __name__ == "__main__":
    main()
