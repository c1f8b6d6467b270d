"""The general reader of ``export.xml``: lxml over the whole body, every element parsed.

Slow (it builds every element of the file), but it reads whatever XML says: attributes in
any order or over several lines, references, comments. The byte reader (``scan.py``) falls back
to it for anything it does not interpret, and the tests hold the two to the same results.
The prolog (checked before: no entities) is skipped, so a broken DTD (iOS 16) is never parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from lxml import etree

from upright.adapters.importers import limits, safexml
from upright.adapters.importers.apple_health.convert import add_rows
from upright.adapters.importers.apple_health.records import BATCH, Row, element_row, plain
from upright.adapters.importers.apple_health.store import Store, kept, skip_day
from upright.adapters.importers.base import CountingReader


def scan(
    stream: IO[bytes],
    path: str,
    on_workout: Callable[[bytes, int], None],
    progress: Callable[[int], None] | None = None,
    since: float | None = None,
    body: int = 0,
) -> Store:
    """The same Store and workouts as ``scan.scan``, from lxml (``stream`` at offset 0)."""
    store = Store()
    if since is not None:
        store.skip_day = skip_day(since)
    skip = store.skip_day
    stream.read(body)  # the prolog: already checked, never parsed
    reader = CountingReader(
        stream, (lambda done, _total: progress(done + body)) if progress else None, True, 0
    )
    names: dict[bytes, str] = {}
    rows: list[Row] = []
    for _event, elem in safexml.iterparse(reader, ("Record", "Workout"), path):
        if elem.tag == "Workout":
            on_workout(etree.tostring(elem, with_tail=False), body + reader.offset)
        else:
            row = element_row(elem)
            if row is not None and (skip is None or row[4] >= skip):
                store.records += 1
                rows.append(row)
                if len(rows) >= BATCH:
                    add_rows(store, rows, names, plain)
                    rows.clear()
                    limits.check(kept(store), limits.MAX_SAMPLES, _WHAT, path)
        _forget(elem)
    add_rows(store, rows, names, plain)
    limits.check(kept(store), limits.MAX_SAMPLES, _WHAT, path)
    return store


_WHAT = "step, distance and heart-rate samples"


def _forget(elem: Any) -> None:
    """Free what was read (a Record inside a Workout stays until the Workout is handed over)."""
    parent = elem.getparent()
    if parent is None or parent.getparent() is not None:
        return
    elem.clear()
    while elem.getprevious() is not None:
        del parent[0]
