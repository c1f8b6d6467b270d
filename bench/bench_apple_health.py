"""Apple Health export: Upright's importer vs healthkit-to-sqlite on the same generated file.

Usage: .venv/bin/python bench/bench_apple_health.py [SIZE_MB=500]
Needs `pip install healthkit-to-sqlite` in the venv (bench only, not a project dependency).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZE_MB = float(sys.argv[1]) if len(sys.argv) > 1 else 500.0
XML = Path("/tmp/upright-bench/export.xml")
DB = Path("/tmp/upright-bench/hk.db")

OURS = f"""
import sys
sys.path.insert(0, {str(HERE.parent / "src")!r})
from upright.adapters.importers import DeviceFileReader
parsed = DeviceFileReader().read({str(XML)!r}, None)
print(len(parsed.activities))
"""


def count_records(path: Path) -> int:
    total = 0
    tail = b""
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            data = tail + block
            total += data.count(b"<Record ")
            tail = data[-7:]
    return total


def main() -> None:
    XML.parent.mkdir(parents=True, exist_ok=True)
    if not XML.exists() or abs(XML.stat().st_size / 1e6 - SIZE_MB) > SIZE_MB * 0.05:
        measure.run(
            "generate", [measure.PYTHON, str(HERE / "gen_apple_health.py"), str(XML), str(SIZE_MB)]
        )
    size_mb = XML.stat().st_size / 1e6
    records = count_records(XML)  # streamed: the children must not inherit a big parent
    print(f"file: {size_mb:.0f} MB, {records} records")
    ours = measure.python("upright (byte scan)", OURS)
    hk = shutil.which("healthkit-to-sqlite", path=os.path.dirname(measure.PYTHON))
    if hk is None:
        sys.exit("healthkit-to-sqlite is not installed in this venv")
    DB.unlink(missing_ok=True)
    theirs = measure.run("healthkit-to-sqlite --xml", [hk, "--xml", "-s", str(XML), str(DB)])
    for r in (ours, theirs):
        print(
            f"{r.label:<38} {size_mb / r.seconds:8.1f} MB/s  {records / r.seconds:12.0f} records/s"
        )
    print(
        f"speed ratio (healthkit-to-sqlite time / upright time): {theirs.seconds / ours.seconds:.1f}x"
    )
    print(
        f"memory ratio (healthkit-to-sqlite peak / upright peak): {theirs.peak_mb / ours.peak_mb:.1f}x"
    )


if __name__ == "__main__":
    main()
