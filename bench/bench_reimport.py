"""A newer Apple Health export after an earlier one: only the new days are read.

For each number of days D, two exports of the same person are generated: the earlier one (D
days) and a newer one (D + 30 days, the same days and 30 more). Timed with the command line,
RUNS times each: the newer export imported into a new database (a fresh import) and the newer
export imported after the earlier one (a re-import). The activities stored both ways must be
the same; the script checks it. Also without the command's start-up: ``import_files`` alone
for the fresh import and the re-import (``inprocess_import.py``, one child per run), and the
reading of the newer export whole and from the cut-off (CPU, median of RUNS).

Usage: nice .venv/bin/python bench/bench_reimport.py [DAYS ...] [--runs 3]
Results: printed, and written to bench/results/reimport.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402
from bench_apple_health import DB_DIR, HERE, UPRIGHT, WORK, in_process  # noqa: E402

NEW_DAYS = 30


def export(days: int) -> Path:
    path = WORK / f"days-{days}.zip"
    if not path.exists():
        argv = [measure.PYTHON, str(HERE / "gen_apple_health.py"), str(path), "0"]
        measure.run(f"generate {days} days", [*argv, "--days", str(days)])
    return path


def import_into(data: Path, path: Path, label: str) -> measure.Run:
    env = dict(os.environ, UPRIGHT_DATA_DIR=str(data))
    return measure.run(label, [UPRIGHT, "import", str(path)], env)


def activities(data: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(data / "upright.db") as db:
        return db.execute(
            "SELECT id, kind, start, minutes, brisk_minutes, distance_km, steps, source "
            "FROM activities ORDER BY start, id"
        ).fetchall()


def reading(old: Path, new: Path, runs: int) -> dict[str, float]:
    """CPU of reading the newer export whole and from the cut-off (a child process)."""
    out = subprocess.run(
        [measure.PYTHON, __file__, "--child-read", str(old), str(new), "--runs", str(runs)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def child_read(old: Path, new: Path, runs: int) -> None:
    from upright.adapters.importers.apple_health import AppleHealthImporter
    from upright.domain.tracking.resume import cutoff

    reader = AppleHealthImporter()
    with old.open("rb") as fh:
        until = reader.read(fh, str(old), None).data_until
    assert until is not None
    times: dict[str, list[float]] = {"whole": [], "from_cutoff": []}
    for _ in range(runs):
        for label, since in (("whole", None), ("from_cutoff", cutoff(until))):
            start = time.process_time()
            with new.open("rb") as fh:
                reader.read(fh, str(new), None, since)
            times[label].append(time.process_time() - start)
    print(json.dumps({k: statistics.median(v) for k, v in times.items()}))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-read":
        child_read(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("days", nargs="*", type=int, default=[100, 500])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    DB_DIR.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    for days in args.days:
        old, new = export(days), export(days + NEW_DAYS)
        mb = new.stat().st_size / 1e6
        print(f"--- {days} days + {NEW_DAYS} new ({mb:.0f} MB zip)", flush=True)
        fresh: list[measure.Run] = []
        again: list[measure.Run] = []
        same = True
        for _run in range(args.runs):
            a, b = DB_DIR / "fresh", DB_DIR / "again"
            for d in (a, b):
                shutil.rmtree(d, ignore_errors=True)
            fresh.append(import_into(a, new, "fresh import of the newer export"))
            import_into(b, old, "(the earlier export first)")
            again.append(import_into(b, new, "re-import: the newer export after"))
            same = same and activities(a) == activities(b)
            for d in (a, b):
                shutil.rmtree(d, ignore_errors=True)
        row = {
            "days": days,
            "fresh_cpu_median": statistics.median(r.cpu_s for r in fresh),
            "fresh_wall_median": statistics.median(r.seconds for r in fresh),
            "reimport_cpu_median": statistics.median(r.cpu_s for r in again),
            "reimport_wall_median": statistics.median(r.seconds for r in again),
            "reimport_cpu_min": min(r.cpu_s for r in again),
            "same_activities": same,
        }
        row["speedup_cpu"] = row["fresh_cpu_median"] / row["reimport_cpu_median"]
        row["speedup_wall"] = row["fresh_wall_median"] / row["reimport_wall_median"]
        fresh_in, again_in = [], []
        for run in range(args.runs):
            fresh_in.append(in_process([new], run)[0])
            again_in.append(in_process([old, new], run)[1])
        row["in_process_fresh_cpu_median"] = statistics.median(fresh_in)
        row["in_process_reimport_cpu_median"] = statistics.median(again_in)
        row["in_process_reimport_cpu_min"] = min(again_in)
        row["in_process_speedup_cpu"] = statistics.median(fresh_in) / statistics.median(again_in)
        read = reading(old, new, args.runs)
        row["read_whole_cpu_median"] = read["whole"]
        row["read_from_cutoff_cpu_median"] = read["from_cutoff"]
        row["read_speedup_cpu"] = read["whole"] / read["from_cutoff"]
        results[str(days)] = row
        print(json.dumps(row, indent=1), flush=True)
    out = HERE / "results" / "reimport.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
