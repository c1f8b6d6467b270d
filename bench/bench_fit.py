"""FIT: Upright's importer vs fitdecode alone (default settings) on the largest fixture.

Usage: .venv/bin/python bench/bench_fit.py [FILE] [REPEATS=5]
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import fitdecode  # noqa: E402

from upright.adapters.importers import DeviceFileReader  # noqa: E402

DEFAULT = HERE.parent / "tests/fixtures/real/fit/fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit"


def fitdecode_alone(path: str) -> int:
    n = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fitdecode.FitReader(path) as fit:
            for frame in fit:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    n += 1
    return n


def upright(path: str) -> int:
    return len(DeviceFileReader().read(path, None).activities)


def best(fn, path: str, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    size_mb = Path(path).stat().st_size / 1e6
    messages = fitdecode_alone(path)
    ours = best(upright, path, repeats)
    theirs = best(fitdecode_alone, path, repeats)
    print(f"file: {Path(path).name}, {size_mb:.2f} MB, {messages} data messages")
    print(f"fitdecode alone (default processor)  {theirs:6.3f} s  {messages / theirs:9.0f} msg/s")
    print(f"upright fit importer (full import)   {ours:6.3f} s  {messages / ours:9.0f} msg/s")
    print(f"ratio (fitdecode / upright): {theirs / ours:.2f}x (>= 1 means no slower)")


if __name__ == "__main__":
    main()
