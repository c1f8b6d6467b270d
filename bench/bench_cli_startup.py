"""How long the command line takes to answer, against a bare Typer app in the same run.

    .venv/bin/python bench/bench_cli_startup.py [--runs 7] [--before SRC]

After one warm-up run of each (not counted), prints the min and median wall and CPU seconds
of `upright --help`, `upright today` (on a fresh data folder with a profile; from the second
run on it prints its saved answer), `upright today` with the saved answer switched off (the
full path: the first `today` after a change; the parsed data files are kept from the warm-up), `upright import` of a 3 KB export already
imported (the import command's start-up) and a Typer app with one command (the floor any Typer
CLI pays).
With ``--before SRC`` (the ``src`` folder of an older tree, e.g. from
``git archive main src | tar -x -C /tmp/before``) the same commands run from that code too, in
the same run and with the same installed libraries, each tree on its own data folder.
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
#: a small device file: `upright import` of it once more is the import command's start-up alone
EXPORT = (
    Path(__file__).resolve().parents[1]
    / "tests/fixtures/real/apple-health/healthkit-to-sqlite/export.xml"
)
PROFILE = 'age = 54\nclearance = "cleared"\nwalk_minutes = 10\n'
BARE = "import typer\napp = typer.Typer()\n@app.command()\ndef hello() -> None:\n    pass\napp()\n"
#: the command as its console script runs it, from whichever tree PYTHONPATH puts first
ENTRY = (
    "import sys\nsys.argv[0] = 'upright'\ntry:\n    from upright.cli.launch import main\n"
    "except ImportError:  # a tree from before the launcher\n    from upright.cli.app import main\n"
    "main()"
)


def _time(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _tree(name: str, src: str | None, tmp: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """`--help` and `today` of one tree, on its own data folder with a profile."""
    data = tmp / name
    data.mkdir()
    # each tree its own cache folder (the parsed data files): the warm-up run fills it
    env = {
        **os.environ,
        "UPRIGHT_DATA_DIR": str(data),
        "XDG_CACHE_HOME": str(tmp / f"{name}-cache"),
    }
    if src is not None:
        env["PYTHONPATH"] = src
        upright = [sys.executable, "-c", ENTRY]
    else:
        upright = [str(BIN / "upright")]
    profile = data / "me.toml"
    profile.write_text(PROFILE)
    subprocess.run([*upright, "start", "--profile", str(profile)], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([*upright, "import", str(EXPORT)], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    suffix = f" ({name})" if src is not None else ""
    cases = {
        f"upright --help{suffix}": ([*upright, "--help"], env),
        f"upright today{suffix}": ([*upright, "today"], env),
        f"upright import{suffix}": ([*upright, "import", str(EXPORT)], env),
    }
    # the full path, as the first `today` after a change (a new day, another width) runs it
    cases[f"upright today, full path{suffix}"] = (
        [*upright, "today"],
        {**env, "UPRIGHT_CLI_CACHE": "off"},
    )
    return cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", help="src folder of the tree to compare with")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = _tree("after", None, Path(tmp))
        if options.before:
            cases.update(_tree("before", str(Path(options.before).resolve()), Path(tmp)))
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        cases["bare Typer app --help"] = ([sys.executable, str(bare), "--help"], dict(os.environ))
        print(f"{'command':<43} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'cpu med':>8}")
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for args, env in cases.values():  # warm-up, not counted: the OS file cache is warm after
            _time(args, env)
        for _ in range(options.runs):  # interleaved: a busy moment hits every command alike
            for name, (args, env) in cases.items():
                samples[name].append(_time(args, env))
        for name, found in samples.items():
            walls = [w for w, _ in found]
            cpus = [c for _, c in found]
            print(
                f"{name:<43} {min(walls):9.3f} {statistics.median(walls):9.3f} "
                f"{min(cpus):8.3f} {statistics.median(cpus):8.3f}"
            )


if __name__ == "__main__":
    main()
