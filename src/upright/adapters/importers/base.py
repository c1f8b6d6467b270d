"""What every importer returns, and the stream wrapper they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Protocol

from upright.domain.tracking.activity import Activity, Skipped

#: Called with (bytes read so far, total bytes expected; 0 when unknown).
Progress = Callable[[int, int], None]

#: C0 control characters that XML 1.0 forbids (all but tab, LF, CR). Real exports contain them
#: (device names, notes typed on a phone); deleting them costs one C-level pass per chunk.
XML_FORBIDDEN_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 13))

CHUNK = 1 << 20
#: Report progress at most once per this many bytes (a Rich redraw per 4 KB read would cost
#: more than the parsing).
PROGRESS_STEP = 1 << 18


@dataclass
class ParsedFile:
    """The activities found in one file and what was deliberately left out."""

    format: str
    activities: list[Activity] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Apple Health exports only (see ``domain.tracking.resume``): the latest sample's end
    #: (epoch s); (count, checksum) of the samples that the next import will skip; and, when
    #: read from a cut-off, (count, checksum) of the samples skipped (None when read whole)
    data_until: float | None = None
    settled: tuple[int, int] = (0, 0)
    before: tuple[int, int] | None = None


class Importer(Protocol):
    key: str
    label: str

    def read(self, stream: IO[bytes], name: str, progress: Progress | None) -> ParsedFile: ...


class CountingReader:
    """A read-only stream that counts bytes, reports progress and drops XML control characters.

    ``offset`` is how far into the original file the consumer has read, so parse errors can
    say where they happened.
    """

    def __init__(
        self,
        raw: IO[bytes],
        progress: Progress | None = None,
        strip_controls: bool = False,
        total: int | None = None,
    ) -> None:
        self._raw = raw
        self.total = total if total is not None else stream_size(raw)
        self._progress = progress
        self._strip = strip_controls
        self.offset = 0
        self.at_end = False
        self._reported = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(CHUNK if size is None or size < 0 else size)
        self.offset += len(data)
        if not data and size != 0:
            self.at_end = True
        if self._progress is not None and (
            self.offset - self._reported >= PROGRESS_STEP or (not data and size != 0)
        ):
            self._reported = self.offset
            self._progress(self.offset, self.total)
        if self._strip:
            data = data.translate(None, XML_FORBIDDEN_CONTROLS)
        return data


def stream_size(raw: IO[bytes]) -> int:
    """Bytes from the current position to the end, or 0 if the stream cannot tell."""
    try:
        here = raw.tell()
        end = raw.seek(0, 2)
        raw.seek(here)
    except (OSError, ValueError, AttributeError):
        return 0
    return max(end - here, 0)
