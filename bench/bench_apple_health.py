"""The whole Apple Health import (`upright import export.zip`) vs healthkit-to-sqlite, same run.

For each size, a realistic export.zip is generated (``gen_apple_health.py``) and both tools
import it into a fresh SQLite database, RUNS times each, alternating. Upright runs as a person
runs it: the command line, reading the zip with its route files, finding walks in step counts,
the duplicate search and storing into SQLite (the migrations of a new database included).

Usage: nice .venv/bin/python bench/bench_apple_health.py [SIZE_MB ...] [--runs 3] [--skip-hk]
       [--delete]   (``--delete``: remove each generated export after its runs, e.g. 2 GB)
Needs `pip install healthkit-to-sqlite` in the venv (bench only, not a project dependency).
Also, RUNS times in one child process each, upright's ``import_files`` alone (the import's own
cost without the command's start-up: ``inprocess_import.py``).
Results: printed, and written to bench/results/apple_health.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402

HERE = Path(__file__).resolve().parent
#: Generated exports are kept here between runs (``UPRIGHT_BENCH_DIR`` to use another place).
WORK = Path(os.environ.get("UPRIGHT_BENCH_DIR", "/tmp/upright-bench"))
#: Both tools write their SQLite database here: in memory (tmpfs), so that neither waits on
#: this shared machine's disk (healthkit-to-sqlite's wall time was 17x its CPU time on disk).
DB_DIR = Path("/dev/shm") / WORK.name if Path("/dev/shm").is_dir() else WORK
UPRIGHT = str(Path(measure.PYTHON).parent / "upright")


def export_for(size_mb: float) -> tuple[Path, dict[str, int]]:
    path = WORK / f"export-{size_mb:g}.zip"
    facts_path = path.with_suffix(".json")
    if not path.exists() or not facts_path.exists():
        measure.run(
            f"generate {size_mb:g} MB",
            [measure.PYTHON, str(HERE / "gen_apple_health.py"), str(path), str(size_mb)],
        )
        facts_path.write_text(json.dumps(count(path)))
    return path, json.loads(facts_path.read_text())


def count(path: Path) -> dict[str, int]:
    """Records and uncompressed bytes, streamed (the children must not inherit a big parent)."""
    records = 0
    tail = b""
    with zipfile.ZipFile(path) as zf:
        size = sum(i.file_size for i in zf.infolist())
        with zf.open("apple_health_export/export.xml") as fh:
            while block := fh.read(1 << 20):
                data = tail + block
                records += data.count(b"<Record ")
                tail = data[-7:]
    return {"records": records, "bytes": size, "zip_bytes": path.stat().st_size}


def upright(path: Path, run: int) -> measure.Run:
    data = DB_DIR / f"upright-data-{run}"
    shutil.rmtree(data, ignore_errors=True)
    env = dict(os.environ, UPRIGHT_DATA_DIR=str(data))
    result = measure.run("upright import", [UPRIGHT, "import", str(path)], env)
    shutil.rmtree(data, ignore_errors=True)
    return result


def healthkit(path: Path, run: int) -> measure.Run:
    exe = shutil.which("healthkit-to-sqlite", path=os.path.dirname(measure.PYTHON))
    if exe is None:
        sys.exit("healthkit-to-sqlite is not installed in this venv")
    db = DB_DIR / f"hk-{run}.db"
    db.unlink(missing_ok=True)
    result = measure.run("healthkit-to-sqlite", [exe, str(path), str(db)])
    db.unlink(missing_ok=True)
    return result


def in_process(paths: list[Path], run: int) -> list[float]:
    """CPU of ``import_files`` for each path in turn, one child process, no command start-up
    (``inprocess_import.py``); a new database on tmpfs."""
    data = DB_DIR / f"upright-inproc-{run}"
    shutil.rmtree(data, ignore_errors=True)
    env = dict(os.environ, UPRIGHT_DATA_DIR=str(data))
    out = subprocess.run(
        [measure.PYTHON, str(HERE / "inprocess_import.py"), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    shutil.rmtree(data, ignore_errors=True)
    rows = json.loads(out.strip().splitlines()[-1])
    assert all(r["status"] == "imported" for r in rows), rows
    return [float(r["cpu_s"]) for r in rows]


def summary(runs: list[measure.Run], facts: dict[str, int]) -> dict[str, float]:
    wall = sorted(r.seconds for r in runs)
    cpu = sorted(r.cpu_s for r in runs)
    mb = facts["bytes"] / 1e6
    # rates per CPU second: wall time on this shared machine says more about the neighbours
    return {
        "wall_min": wall[0],
        "wall_median": statistics.median(wall),
        "cpu_min": cpu[0],
        "cpu_median": statistics.median(cpu),
        "mb_per_s": mb / statistics.median(cpu),
        "records_per_s": facts["records"] / statistics.median(cpu),
        "peak_mb": max(r.peak_mb for r in runs),
        "failed": sum(r.returncode != 0 for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=float, default=[100.0, 500.0, 2000.0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-hk", action="store_true")
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    DB_DIR.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    for size in args.sizes:
        path, facts = export_for(size)
        print(f"--- {path.name}: {facts}", flush=True)
        ours: list[measure.Run] = []
        theirs: list[measure.Run] = []
        for run in range(args.runs):
            ours.append(upright(path, run))
            if not args.skip_hk:
                theirs.append(healthkit(path, run))
        inproc = [in_process([path], run)[0] for run in range(args.runs)]
        print(f"upright in-process import_files CPU: {[round(c, 2) for c in inproc]}", flush=True)
        if args.delete:
            path.unlink()
        row: dict[str, object] = {"export": facts, "upright": summary(ours, facts)}
        row["upright_in_process_cpu"] = {
            "min": min(inproc),
            "median": statistics.median(inproc),
        }
        if theirs:
            row["healthkit_to_sqlite"] = summary(theirs, facts)
        results[f"{size:g}"] = row
        for name in ("upright", "healthkit_to_sqlite"):
            if name in row:
                s = row[name]
                assert isinstance(s, dict)
                print(
                    f"{name:<20} wall min {s['wall_min']:7.2f} s median {s['wall_median']:7.2f} s"
                    f"  cpu min {s['cpu_min']:7.2f} s median {s['cpu_median']:7.2f} s"
                    f"  {s['mb_per_s']:6.1f} MB/s  {s['records_per_s']:9.0f} records/s (per CPU s)"
                    f"  peak {s['peak_mb']:4.0f} MB",
                    flush=True,
                )
        if theirs:
            o, t = summary(ours, facts), summary(theirs, facts)
            print(
                f"upright is {t['wall_median'] / o['wall_median']:.1f}x faster (wall, median), "
                f"{t['cpu_median'] / o['cpu_median']:.1f}x (CPU)",
                flush=True,
            )
    out = HERE / "results" / "apple_health.json"
    out.parent.mkdir(exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() else {}
    out.write_text(json.dumps(previous | results, indent=2))


if __name__ == "__main__":
    main()
