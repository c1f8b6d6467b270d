"""How long the command line takes to answer, against a bare Typer app in the same run.

    .venv/bin/python bench/bench_cli_startup.py [--runs 7]

Prints the min and median wall and CPU seconds of `upright --help`, `upright today` (on a fresh
data folder with a profile) and a Typer app with one command (the floor any Typer CLI pays).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
PROFILE = 'age = 54\nclearance = "cleared"\nwalk_minutes = 10\n'
BARE = "import typer\napp = typer.Typer()\n@app.command()\ndef hello() -> None:\n    pass\napp()\n"


def _time(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "UPRIGHT_DATA_DIR": tmp}
        profile = Path(tmp) / "me.toml"
        profile.write_text(PROFILE)
        upright = str(BIN / "upright")
        subprocess.run([upright, "start", "--profile", str(profile)], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        cases = {
            "upright --help": [upright, "--help"],
            "upright today": [upright, "today"],
            "bare Typer app --help": [sys.executable, str(bare), "--help"],
        }
        print(f"{'command':<24} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'cpu med':>8}")
        for name, args in cases.items():
            samples = [_time(args, env) for _ in range(runs)]
            walls = [w for w, _ in samples]
            cpus = [c for _, c in samples]
            print(
                f"{name:<24} {min(walls):9.3f} {statistics.median(walls):9.3f} "
                f"{min(cpus):8.3f} {statistics.median(cpus):8.3f}"
            )


if __name__ == "__main__":
    main()
