"""A byte scan of ``export.xml`` that reads only what Upright uses.

Parsing every element of a multi-GB export (as general XML tools do) is what makes them slow:
most of it is energy, sleep and stand samples we never use. The file is read in chunks (memory
does not grow with the file); the step, distance and heart-rate records are found in C
(``records.py``) and each ``<Workout>`` block is handed over whole. The DTD is never read (iOS 16
wrote a broken one) and entities are never expanded: the prolog was checked before.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from typing import IO

from upright.adapters.importers import limits
from upright.adapters.importers.apple_health.records import RecordReader, tag_end
from upright.adapters.importers.apple_health.store import Store, kept, skip_day
from upright.domain.errors import CorruptFile

CHUNK = 1 << 18  # fits in cache; measured faster than 8 MB chunks
#: One workout block (with an old-style inline route) larger than this is not from a phone.
MAX_BLOCK = 256 << 20
_WORKOUT_END = re.compile(rb"</Workout\s*>")


def scan(
    stream: IO[bytes],
    path: str,
    on_workout: Callable[[bytes, int], None],
    progress: Callable[[int], None] | None = None,
    since: float | None = None,
    body: int = 0,
) -> Store:
    """Read the export once: fill the Store; hand each ``<Workout>`` block to ``on_workout``.

    ``body``: where the first element starts (the prolog before it was checked already). With
    ``since`` (epoch s), samples more than ``CONTEXT_S`` before it are only counted.
    Raises ``records.Unexpected`` for what only the lxml reader reads right.
    """
    store = Store()
    if since is not None:
        store.skip_day = skip_day(since)
    reader = RecordReader(store, path)
    # one reusable read buffer and one growing/shrinking bytearray: no 8 MB object is created
    # per chunk, so the allocator does not fragment and memory stays flat whatever the size
    chunk = bytearray(CHUNK)
    view = memoryview(chunk)
    buf = bytearray()
    consumed = body  # file offset of buf[0]
    read = 0
    seen_root = False
    while read < body:  # the prolog: already checked, never parsed (only in the CRC32)
        n = _read_into(stream, view[: min(CHUNK, body - read)])
        if not n:
            break
        reader.ledger.crc = zlib.crc32(view[:n], reader.ledger.crc)
        read += n
    while True:
        n = _read_into(stream, view)
        read += n
        limits.check(kept(store), limits.MAX_SAMPLES, "step, distance and heart-rate samples", path)
        if progress is not None:
            progress(read)
        buf += view[:n]
        if not seen_root:
            seen_root = b"<HealthData" in buf
            if not seen_root and (not n or len(buf) > 1 << 22):
                raise CorruptFile(path, "byte 0: expected an Apple Health <HealthData> export")
        pos = _consume(buf, reader, consumed, path, on_workout, final=not n)
        consumed += pos
        del buf[:pos]
        if not n:
            break
    reader.flush()
    store.ledger = reader.ledger
    limits.check(kept(store), limits.MAX_SAMPLES, "step, distance and heart-rate samples", path)
    return store


def _read_into(stream: IO[bytes], view: memoryview) -> int:
    readinto = getattr(stream, "readinto", None)
    if readinto is not None:
        return int(readinto(view) or 0)
    data = stream.read(len(view))
    view[: len(data)] = data
    return len(data)


def _consume(
    buf: bytearray,
    reader: RecordReader,
    base: int,
    path: str,
    on_workout: Callable[[bytes, int], None],
    final: bool,
) -> int:
    """Hand over every complete workout, read the records up to the first incomplete tag or
    workout; return the bytes done with."""
    keep = len(buf)
    incomplete = False
    wk = 0
    while True:
        start = buf.find(b"<Workout", wk)
        if start < 0:
            break
        after = buf[start + 8 : start + 9]
        if after and after not in b" \t\r\n>":
            wk = start + 8  # <WorkoutStatistics> etc. outside a workout: not ours
            continue
        head_end = tag_end(buf, start)
        if head_end < 0:
            keep, incomplete = start, True
            break
        if buf[head_end - 1 : head_end] == b"/":
            on_workout(bytes(buf[start : head_end + 1]), base + start)
            wk = head_end + 1
            continue
        close = _WORKOUT_END.search(buf, head_end)
        if close is None:
            if len(buf) - start > MAX_BLOCK:
                raise CorruptFile(path, f"byte {base + start}: <Workout> never ends")
            if final:
                raise CorruptFile(
                    path,
                    f"byte {base + start}: <Workout> is cut short "
                    "(expected </Workout>; the file is truncated)",
                )
            keep, incomplete = start, True
            break
        on_workout(bytes(buf[start : close.end()]), base + start)
        wk = close.end()
    if final:
        if b"</HealthData" not in buf:
            raise CorruptFile(
                path,
                f"byte {base + len(buf)}: the export ends before </HealthData> "
                "(the file is truncated)",
            )
    elif not incomplete:
        # every tag before the last "<" is complete ("<" is never inside a value), and so is
        # every tag of a workout handed over already
        keep = max(buf.rfind(b"<"), wk, 0)
    reader.part(bytes(buf[:keep]), base)
    return keep
