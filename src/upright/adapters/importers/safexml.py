"""XML parsing that cannot be turned against us.

No entity expansion, no DTD loading, no network, no huge-tree mode (libxml2's own limits on
depth and text size stay on). Before parsing, the whole prolog (everything before the first
element, however long its comments) is read, and a file is refused outright when its DOCTYPE
declares entities (``<!ENTITY``, also parameter entities): no device writes them, and they
are how XML bombs and external-entity reads are built. A DOCTYPE naming an outside DTD is
read without ever fetching or loading that DTD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import IO, Any

from lxml import etree

from upright.adapters.importers.base import CountingReader
from upright.domain.errors import CorruptFile

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
#: the first element's start: "<" and a name character (not "<?", "<!")
_ROOT = re.compile(rb"<[A-Za-z_:]")
#: How much of the file to look at before giving up on finding the first element. The prolog
#: (declaration, comments, DOCTYPE) of a real export is a few KB; Apple's DOCTYPE is ~10 KB.
PROLOG_SCAN = 1 << 16
PROLOG_MAX = 4 << 20
_CHUNK = 1 << 16


def refuse_entities(head: bytes, path: str) -> None:
    """Raise if an XML prolog declares entities (general or parameter ones)."""
    doctype = head.find(b"<!DOCTYPE")
    if doctype < 0:
        return
    match = _ENTITY_DECL.search(head, doctype)
    if match:
        raise CorruptFile(
            path,
            f"byte {match.start()}: the file declares XML entities (<!ENTITY>); "
            "device exports never do, and such files can be XML bombs: refused",
        )


def prolog(raw: IO[bytes], path: str) -> bytes:
    """Everything before the first element (the whole prolog, however long its comments).

    Comments and processing instructions are skipped as a whole, so a ``<`` inside them is
    not taken for the first element. A prolog longer than ``PROLOG_MAX`` is refused.
    """
    data = b""
    at = 0
    while True:
        more = raw.read(_CHUNK)
        data += more
        while True:
            start = data.find(b"<", at)
            if start < 0:
                at = len(data)
                break
            if data.startswith(b"<!--", start):
                end = data.find(b"-->", start + 4)
                if end < 0:
                    break
                at = end + 3
            elif data.startswith(b"<?", start):
                end = data.find(b"?>", start + 2)
                if end < 0:
                    break
                at = end + 2
            elif _ROOT.match(data, start):
                return data[:start]
            elif len(data) - start < 2 and more:
                break  # "<" at the end of what was read: read on
            else:
                at = start + 1  # "<!DOCTYPE" and its declarations: scanned below as text
        if len(data) > PROLOG_MAX:
            raise CorruptFile(
                path,
                f"no XML element in the first {PROLOG_MAX >> 20} MB (a prolog that long is "
                "not from a device): refused",
            )
        if not more:
            return data


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def fragment(data: bytes, path: str, offset: int) -> Any:
    """Parse one standalone element (e.g. an Apple Health ``<Workout>``) safely."""
    try:
        return etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(path, f"byte {offset}: {_describe(exc)}") from None


def iterparse(
    reader: CountingReader, tags: Sequence[str], path: str, events: Sequence[str] = ("end",)
) -> Iterator[tuple[str, Any]]:
    """``lxml.etree.iterparse`` over a counted stream, errors turned into ``CorruptFile``."""
    it = etree.iterparse(
        reader,
        events=tuple(events),
        tag=list(tags),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        yield from it
    except etree.XMLSyntaxError as exc:
        text = _describe(exc)
        if reader.at_end and "cut short" not in text:
            text += " (the file ends early: it is cut short)"
        raise CorruptFile(path, f"near byte {reader.offset}: {text}") from None


def _describe(exc: etree.XMLSyntaxError) -> str:
    line, col = exc.position if exc.position else (0, 0)
    msg = str(exc.msg or exc).split(", line ")[0]
    if "Premature end" in msg or "EndTag" in msg or "not properly terminated" in msg:
        msg += " (the file is cut short or not XML)"
    return f"line {line}, column {col}: {msg}"


def open_counted(raw: IO[bytes], progress: Any, path: str) -> tuple[CountingReader, bytes]:
    """Read the whole prolog (to refuse entities) and return a reader that starts over."""
    refuse_entities(prolog(raw, path), path)
    raw.seek(0)
    head = raw.read(PROLOG_SCAN)
    raw.seek(0)
    return CountingReader(raw, progress, strip_controls=True), head
