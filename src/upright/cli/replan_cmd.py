"""`upright replan`: re-plan everyone as background jobs (after a catalog or rules update, or
nightly), with worker processes that take batches from the database's job table."""

from __future__ import annotations

import multiprocessing
import time
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from rich.console import Console

from upright.cli.context import load_settings, services
from upright.domain.errors import InvalidInput

if TYPE_CHECKING:
    from upright.config import Settings
    from upright.services.replan import WorkReport

console = Console(highlight=False)


def _day(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("--day", f"expected a date, got {raw!r}", "YYYY-MM-DD") from None


def _work(settings: Settings, name: str) -> WorkReport:
    """One worker: take batches until none is left (in this process or a child)."""
    from upright import bootstrap
    from upright.services import replan

    built = bootstrap.build(settings)
    try:
        uow = cast(Any, built.uow)  # the core unit of work also holds the job table
        return replan.work(uow, built.library, name, built.clock.now)
    finally:
        built.close()


def replan(
    day: Annotated[
        str | None,
        typer.Option("--day", help="Plan the week of this day (YYYY-MM-DD). Default: today."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option("--workers", help="Worker processes to start here (0: only queue the jobs)."),
    ] = 2,
    batch: Annotated[int, typer.Option("--batch", help="People per job.")] = 200,
    work_only: Annotated[
        bool,
        typer.Option("--work", help="Only work on jobs already queued (another machine's run)."),
    ] = False,
) -> None:
    """Re-plan everyone's week as background jobs, one job per batch of people.

    Each plan is the one the person would see. Run it nightly, or after updating
    Upright's exercises or rules.

    On PostgreSQL, more machines can help: run `upright replan --work` on each.
    """
    from upright.services import replan as jobs

    if workers < 0:
        raise InvalidInput("--workers", f"expected 0 or more, got {workers}", "0, 1, 2, ...")
    if batch < 1:
        raise InvalidInput("--batch", f"expected 1 or more, got {batch}", "1, 2, 3, ...")
    svc = services()
    on = _day(day) or svc.clock.today()
    if not work_only:
        queued = jobs.enqueue(cast(Any, svc.uow), on, svc.clock.now(), batch)
        console.print(
            f"Queued {queued} job{'s' if queued != 1 else ''} for the week of {on:%d %B %Y}."
        )
    if workers == 0:
        return
    started = time.perf_counter()
    settings = load_settings()
    if workers == 1:
        reports = [_work(settings, "replan-1")]
    else:
        # separate processes: each has its own interpreter, so the batches run on every core
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            reports = pool.starmap(_work, [(settings, f"replan-{n + 1}") for n in range(workers)])
    planned = sum(r.planned for r in reports)
    done = sum(r.jobs for r in reports)
    failed = sum(r.failed for r in reports)
    seconds = time.perf_counter() - started
    console.print(
        f"Re-planned {planned} {'person' if planned == 1 else 'people'} in {done} "
        f"job{'s' if done != 1 else ''} with {workers} worker{'s' if workers != 1 else ''} "
        f"in {seconds:.1f} seconds."
    )
    if failed:
        console.print(
            f"{failed} job{'s' if failed != 1 else ''} failed three times and "
            f"{'were' if failed != 1 else 'was'} set aside; the worker's log says why."
        )
