"""A 1,000,000-point GPX track: Upright's streaming importer vs gpxpy (parse + moving data).

Usage: .venv/bin/python bench/bench_gpx.py [POINTS=1000000] [--skip-gpxpy]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402

HERE = Path(__file__).resolve().parent
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
POINTS = int(ARGS[0]) if ARGS else 1_000_000
GPX = Path(f"/tmp/upright-bench/track-{POINTS}.gpx")

OURS = f"""
import sys
sys.path.insert(0, {str(HERE.parent / "src")!r})
from upright.adapters.importers import DeviceFileReader
parsed = DeviceFileReader().read({str(GPX)!r}, None)
a = parsed.activities[0]
print(a.minutes, a.brisk_minutes, a.distance_km)
"""

GPXPY = f"""
import gpxpy
with open({str(GPX)!r}) as fh:
    gpx = gpxpy.parse(fh)
print(gpx.get_moving_data(), gpx.length_2d())
"""


def main() -> None:
    GPX.parent.mkdir(parents=True, exist_ok=True)
    if not GPX.exists():
        measure.run("generate", [measure.PYTHON, str(HERE / "gen_gpx.py"), str(GPX), str(POINTS)])
    size_mb = GPX.stat().st_size / 1e6
    print(f"file: {size_mb:.0f} MB, {POINTS} points")
    ours = measure.python("upright gpx (lxml iterparse)", OURS)
    print(f"{'':<38} {POINTS / ours.seconds:8.0f} points/s  {size_mb / ours.seconds:.1f} MB/s")
    if "--skip-gpxpy" in sys.argv:
        return
    theirs = measure.python("gpxpy parse + moving data", GPXPY)
    print(f"{'':<38} {POINTS / theirs.seconds:8.0f} points/s  {size_mb / theirs.seconds:.1f} MB/s")
    print(f"speed ratio (gpxpy / upright): {theirs.seconds / ours.seconds:.1f}x")
    print(f"memory ratio (gpxpy / upright): {theirs.peak_mb / ours.peak_mb:.1f}x")


if __name__ == "__main__":
    main()
