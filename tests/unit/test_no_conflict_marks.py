"""No file in the package keeps a merge's conflict marks (a service worker once shipped with
them on main and stopped working offline: a JavaScript syntax error nothing else caught)."""

from __future__ import annotations

import re
from pathlib import Path

import upright

PACKAGE = Path(upright.__file__).resolve().parent
MARK = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)
TEXT = {".py", ".js", ".css", ".html", ".toml", ".json", ".md", ".svg", ".webmanifest", ".txt"}


def test_no_packaged_file_has_conflict_marks() -> None:
    marked = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*")
        if path.suffix in TEXT and path.is_file()
        and MARK.search(path.read_text(encoding="utf-8", errors="replace"))
    ]  # fmt: skip
    assert not marked, marked
