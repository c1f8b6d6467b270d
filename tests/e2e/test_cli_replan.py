"""`upright replan`: queue everyone's re-plan as jobs and work through them, as an operator would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from tests.e2e.test_cli_core import PROFILE

Run = Callable[..., CompletedProcess[str]]


def test_replan_queues_jobs_and_two_workers_plan_everyone(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    before = run("week").stdout
    queued = run("replan", "--workers", "0", "--day", "2026-11-25")
    assert queued.returncode == 0, queued.stderr
    assert queued.stdout.strip() == "Queued 1 job for the week of 25 November 2026."
    worked = run("replan", "--work", "--workers", "2")
    assert worked.returncode == 0, worked.stderr
    assert "Re-planned 1 person in 1 job with 2 workers in" in worked.stdout
    again = run("replan", "--workers", "1")  # this week
    assert (
        "Queued 1 job" in again.stdout
        and "Re-planned 1 person in 1 job with 1 worker" in again.stdout
    )
    assert run("week").stdout == before  # the stored plan is the one the person sees
    for text in (queued.stdout, worked.stdout, again.stdout):
        assert "None" not in text and "replan_jobs" not in text


def test_replan_refuses_bad_input_in_words(run: Run) -> None:
    bad_day = run("replan", "--day", "2026-13-01")
    assert bad_day.returncode == 2 and "--day" in bad_day.stderr and "YYYY-MM-DD" in bad_day.stderr
    bad_batch = run("replan", "--batch", "0")
    assert bad_batch.returncode == 2 and "--batch" in bad_batch.stderr
    assert "Traceback" not in bad_day.stderr + bad_batch.stderr
