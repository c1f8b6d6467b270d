"""Where the CPU of reading an Apple Health export goes, in one process (no command start-up).

Parts, CPU seconds, median of RUNS: inflating the zip only; inflating plus the byte scan of the
records and the sort; the whole read (plus workouts, routes, walks found in step counts and
summaries). Then the same whole read by the general lxml reader, with ``--general``.

Usage: nice .venv/bin/python bench/bench_apple_health_phases.py EXPORT.zip [--runs 3] [--general]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import zipfile
from collections.abc import Callable

from upright.adapters.importers import safexml
from upright.adapters.importers.apple_health import AppleHealthImporter, scan
from upright.adapters.importers.apple_health import store as columns

MEMBER = "apple_health_export/export.xml"


def cpu(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--general", action="store_true")
    args = parser.parse_args()
    path = args.export

    def inflate() -> None:
        with zipfile.ZipFile(path) as zf, zf.open(MEMBER) as fh:
            while fh.read(1 << 18):
                pass

    def records() -> None:
        with zipfile.ZipFile(path) as zf, zf.open(MEMBER) as fh:
            head = safexml.prolog(fh, path)
            fh.seek(0)
            columns.sort_store(scan.scan(fh, path, lambda _b, _o: None, None, None, len(head)))

    def whole(general: bool) -> Callable[[], object]:
        def run() -> object:
            with open(path, "rb") as fh:
                return AppleHealthImporter(general=general).read(fh, path, None)

        return run

    out = {
        "inflate": cpu(inflate, args.runs),
        "inflate + records scan + sort": cpu(records, args.runs),
        "whole read": cpu(whole(False), args.runs),
    }
    if args.general:
        out["whole read, general lxml reader"] = cpu(whole(True), args.runs)
    print(json.dumps(out))  # noqa: T201


if __name__ == "__main__":
    main()
