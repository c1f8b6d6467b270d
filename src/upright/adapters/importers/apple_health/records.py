"""The step, distance and heart-rate ``<Record>`` lines of an export, read from the raw bytes.

iOS writes every record on one line with its attributes in one order. A regular expression
for exactly that line finds the records we use in C (``findall``: no match objects, no
attribute dicts); a second one counts them per day. Nothing is trusted blindly: in each part of
the file, every occurrence of the three type names must be one of those lines (or a workout's
statistics line); otherwise that part is read tag by tag with lxml (attributes in another
order, split over lines, character references...). Comments, CDATA and processing
instructions after the prolog are never guessed at: the whole file is then read by the lxml
reader (``reference.py``), whose results are the definition of right (tests compare both).

Reading from a cut-off (a newer export): the records dated before it are only counted per day,
in C; the regular expression that returns whole records only matches dates from the cut-off on.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import itemgetter

from upright.adapters.importers import safexml
from upright.adapters.importers.apple_health import convert, proof
from upright.adapters.importers.apple_health.store import Store
from upright.adapters.importers.base import XML_FORBIDDEN_CONTROLS
from upright.domain.errors import CorruptFile

#: The record types Upright reads (what follows ``HKQuantityTypeIdentifier``).
KINDS = (b"StepCount", b"DistanceWalkingRunning", b"HeartRate")
TYPE_PREFIX = "HKQuantityTypeIdentifier"

_KIND = rb"HKQuantityTypeIdentifier(StepCount|DistanceWalkingRunning|HeartRate)"
_KIND_ONE = rb"HKQuantityTypeIdentifier(%s)"
#: A value lxml would return unchanged: no reference, no whitespace it normalises, no control
#: character it would not accept.
_PLAIN = rb'[^"<&\x00-\x1f]*'
_DAY = rb"\d\d\d\d-\d\d-\d\d"
#: Rows converted together: enough that numpy's cost per call is nothing per row, few enough
#: that the pending rows (tuples of bytes) stay a few MB.
BATCH = 16_384


def _line(day: bytes, kind: bytes = _KIND) -> re.Pattern[bytes]:
    """The record line iOS writes, for dates matching ``day``: a Row per match."""
    return re.compile(
        b'<Record type="' + kind + rb'" sourceName="([^"<\x00-\x1f]*)"'
        rb'(?: sourceVersion="[^"]*")?(?: device="[^"]*")? unit="(' + _PLAIN + b')"'
        rb'(?: creationDate="[^"]*")? startDate="((' + day + b")" + _PLAIN + b')"'
        rb' endDate="(' + _PLAIN + rb')" value="(' + _PLAIN + b')"'
    )


#: Every occurrence of our type names, however they are written or quoted.
_NAMES = re.compile(rb"HKQuantityTypeIdentifier(StepCount|DistanceWalkingRunning|HeartRate)\b")
#: Workout statistics of our types (a workout's totals, not samples).
_STATS = re.compile(
    rb'<WorkoutStatistics type="HKQuantityTypeIdentifier(StepCount|DistanceWalkingRunning'
    rb'|HeartRate)"'
)
_KIND_OF = itemgetter(0)
_DAY_OF = itemgetter(4)
_RECORD_TAG = re.compile(rb"<Record[\s/>]")
_REF = re.compile(rb"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {b"amp": "&", b"lt": "<", b"gt": ">", b"quot": '"', b"apos": "'"}
_START = b'startDate="'


def _marked(region: bytes | bytearray, char: bytes, before: bytes) -> bool:
    """Whether ``before + char`` occurs (``char`` is rare in an export: found with memchr)."""
    at = region.find(char, 1)
    while at >= 0:
        if region[at - 1 : at] == before:
            return True
        at = region.find(char, at + 1)
    return False


class Unexpected(Exception):
    """Something the byte reader does not interpret (a comment after the prolog, an unknown
    reference): the whole file is read by the lxml reader instead."""


def since_pattern(day: bytes) -> bytes:
    """A pattern matching ``YYYY-MM-DD`` dates on or after ``day`` (string order is date order)."""
    fixed = {4, 7}

    def rest(i: int) -> bytes:
        return b"".join(b"-" if k in fixed else rb"\d" for k in range(i, 10))

    alts = [re.escape(day)]
    for i in range(10):
        if i in fixed or day[i : i + 1] == b"9":
            continue
        alts.append(re.escape(day[:i]) + b"[" + bytes([day[i] + 1]) + b"-9]" + rest(i + 1))
    return b"(?:" + b"|".join(alts) + b")"


class RecordReader:
    """Fills a Store from complete parts of the file (every tag in a part ends inside it).

    A first import parses every record of ours. Read from a day on (a newer export), a type's
    records are parsed from the first one dated on or after the day; the bytes before it are
    only checksummed (``proof``).
    """

    def __init__(self, store: Store, path: str) -> None:
        self.store = store
        self.path = path
        skip = store.skip_day
        self.ledger = proof.Ledger(skip)
        self._rows = _line(since_pattern(skip) if skip is not None else _DAY)
        self._from = {
            k: _line(since_pattern(skip) if skip is not None else _DAY, _KIND_ONE % k)
            for k in proof.KINDS
        }
        #: types whose records are parsed (a first import: all, from the start)
        self._parsing: set[bytes] = set(proof.KINDS) if skip is None else set()
        self._names: dict[bytes, str] = {}
        self._plain_names: dict[bytes, str] = {}
        #: rows found but not converted yet: converting many at once is what makes it cheap
        self._pending: list[Row] = []

    def flush(self) -> None:
        """Convert and keep the rows found so far (call once more at the end)."""
        convert.add_rows(self.store, self._pending, self._names, _source)
        self._pending.clear()

    def part(self, region: bytes | bytearray, base: int) -> None:
        """Read the records of ``region`` (``base``: its offset in the file)."""
        if _marked(region, b"!", b"<") or _marked(region, b"?", b"<"):
            raise Unexpected("a comment, CDATA or declaration after the prolog")
        if _marked(region, b"#", b"&"):
            self._odd(region, base)  # a character reference may spell one of our types
            return
        starts = self._enter(region, base)
        # parts of the region with the same types parsed: cut where a type starts
        parts: list[tuple[int, int, frozenset[bytes]]] = []
        parsing = set(self._parsing)
        lo = 0
        for at, kind in starts:
            if at > lo and parsing:
                parts.append((lo, at, frozenset(parsing)))
            parsing.add(kind)
            lo = max(lo, at)
        if parsing:
            parts.append((lo, len(region), frozenset(parsing)))
        self._parsing = parsing
        found = []
        for lo, hi, kinds in parts:
            rows = self._rows.findall(region, lo, hi)
            if not self._adds_up(region, lo, hi, kinds, rows):
                self._odd(region, base)
                return
            found.append((lo, hi, kinds, rows))
        for lo, hi, kinds, rows in found:
            self._keep(region, base, lo, hi, kinds, rows)
        self.ledger.checksum(region, base)

    def _enter(self, region: bytes | bytearray, base: int) -> list[tuple[int, bytes]]:
        """Where in the region each type's first record is, and (read from a day on) each
        type's first record dated on or after the day: the types parsed from there."""
        ledger = self.ledger
        skip = self.store.skip_day
        starts = []
        for kind, k in ledger.kinds.items():
            begin = 0
            if k.first is None:
                at = region.find(proof.TAG[kind])
                if skip is not None and not self._only_statistics(region, kind, at):
                    raise proof.NoProof  # a record of the type not written as iOS writes it
                if at < 0:
                    continue
                begin = at
                ledger.mark(base + at, kind, "first")
            if kind in self._parsing:
                continue
            assert skip is not None  # a first import parses every type from the start
            last = region.rfind(proof.TAG[kind], begin)
            if last < 0:
                continue
            at = region.find(_START, last, last + 4096)
            if at >= 0 and region[at + len(_START) : at + len(_START) + 10] < skip:
                continue  # the region's last record of the type is older: so are the others
            m = self._from[kind].search(region, begin)
            if m is None:
                continue
            ledger.mark(base + m.start(), kind, "parsed")
            starts.append((m.start(), kind))
        return sorted(starts)

    @staticmethod
    def _only_statistics(region: bytes | bytearray, kind: bytes, end: int) -> bool:
        """Whether every mention of ``kind`` before ``end`` (-1: the whole region) is a
        workout's statistics, not a record."""
        end = len(region) if end < 0 else end
        if region.find(proof.NAME_BYTES[kind], 0, end) < 0:
            return True
        names = len(proof.NAME[kind].findall(region, 0, end))
        return names == Counter(_STATS.findall(region, 0, end))[kind]

    def _adds_up(
        self,
        region: bytes | bytearray,
        lo: int,
        hi: int,
        kinds: frozenset[bytes],
        rows: list[Row],
    ) -> bool:
        """Whether every mention of a parsed type is a row (or a workout's statistics), and no
        other type has a row here (its records there are before the day)."""
        found = _NAMES.findall(region, lo, hi)
        if len(found) == len(rows) and len(kinds) == len(proof.KINDS):
            return True  # every row names its type once: so every name is a row
        names = Counter(found)
        got = Counter(map(_KIND_OF, rows))
        stats: Counter[bytes] | None = None
        for kind in proof.KINDS:
            if kind not in kinds:
                if got[kind]:
                    return False
            elif names[kind] != got[kind]:
                if stats is None:
                    stats = Counter(_STATS.findall(region, lo, hi))
                if names[kind] != got[kind] + stats[kind]:
                    return False
        return True

    def _keep(
        self,
        region: bytes | bytearray,
        base: int,
        lo: int,
        hi: int,
        kinds: frozenset[bytes],
        rows: list[Row],
    ) -> None:
        if not rows:
            return
        self.store.records += len(rows)
        self._pending += rows
        if len(self._pending) >= BATCH:
            self.flush()
        ledger = self.ledger
        if not ledger.possible:
            return
        days = proof.day_numbers(list(map(_DAY_OF, rows)))
        of = convert.codes(list(map(_KIND_OF, rows)))
        for kind in kinds:
            mine = days[of == convert.KIND_CODE[kind]]
            rises = ledger.rise(kind, mine)
            # the n-th line of the type here is its n-th row (they added up)
            tag = proof.TAG[kind]
            at = region.find(tag, lo, hi)
            n = 0
            for i in rises:
                while n < i:
                    at = region.find(tag, at + 1, hi)
                    n += 1
                ledger.mark(base + at, kind, "rise", int(mine[i]))

    def _odd(self, region: bytes | bytearray, base: int) -> None:
        """A part not written only in lines iOS writes: read tag by tag (a first import), or
        the earlier days cannot be proven unchanged (read from a day on)."""
        if self.store.skip_day is not None:
            raise proof.NoProof
        self.ledger.possible = False
        self._by_tag(region, base)
        self.ledger.checksum(region, base)

    def _by_tag(self, region: bytes | bytearray, base: int) -> None:
        """Read every ``<Record>`` tag of the region that may be ours with lxml."""
        self.flush()  # samples are kept in file order (ties in the sort keep it)
        rows: list[Row] = []
        store = self.store
        for m in _RECORD_TAG.finditer(region):
            start = m.start()
            end = tag_end(region, start)
            if end < 0:
                raise Unexpected("a <Record> tag that does not end")
            tag = bytes(region[start : end + 1]).translate(None, XML_FORBIDDEN_CONTROLS)
            if not _NAMES.search(tag) and b"&#" not in tag:
                continue
            closed = tag if tag.endswith(b"/>") else tag[:-1] + b"/>"
            try:
                elem = safexml.fragment(closed, self.path, base + start)
            except CorruptFile:
                raise Unexpected("a <Record> tag lxml does not accept") from None
            row = element_row(elem)
            if row is None:
                continue
            store.records += 1
            rows.append(row)
        convert.add_rows(store, rows, self._plain_names, plain)


#: (kind, source, unit, start, local day, end, value), raw bytes as written
Row = tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes]


def element_row(elem: object) -> Row | None:
    """The Row of an lxml ``<Record>`` of ours, else None."""
    get = elem.get  # type: ignore[attr-defined]
    kind = get("type") or ""
    if not kind.startswith(TYPE_PREFIX) or kind[len(TYPE_PREFIX) :].encode() not in KINDS:
        return None
    # a missing attribute gets its default, an empty one stays empty (as on the fast path)
    start = get("startDate", "").encode()
    end = get("endDate")
    return (
        kind[len(TYPE_PREFIX) :].encode(),
        get("sourceName", "?").encode(),
        get("unit", "km").encode(),
        start,
        start[:10],
        start if end is None else end.encode(),
        get("value", "").encode(),
    )


def _source(raw: bytes) -> str:
    if b"&" not in raw:
        return raw.decode("utf-8", "replace")
    out = _REF.sub(_unref, raw)
    if b"&" in _REF.sub(b"", raw):
        raise Unexpected("an entity reference in a source name")
    return out.decode("utf-8", "replace")


def _unref(m: re.Match[bytes]) -> bytes:
    name, dec, hexa = m.groups()
    if name:
        return _NAMED[name].encode()
    try:
        return chr(int(dec) if dec else int(hexa, 16)).encode()
    except (ValueError, OverflowError):
        raise Unexpected("a character reference out of range") from None


def plain(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def tag_end(buf: bytes | bytearray, start: int) -> int:
    """Index of the ``>`` closing the start tag at ``start`` (quotes respected), or -1."""
    i = start
    n = len(buf)
    while i < n:
        q = buf.find(b'"', i)
        a = buf.find(b"'", i)
        if a >= 0 and (q < 0 or a < q):
            q = a
        g = buf.find(b">", i)
        if g < 0:
            return -1
        if q < 0 or g < q:
            return g
        close = buf.find(buf[q : q + 1], q + 1)
        if close < 0:
            return -1
        i = close + 1
    return -1
