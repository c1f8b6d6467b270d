"""XML parsing that cannot be turned against us.

No entity expansion, no DTD loading, no network, no huge-tree mode (libxml2's own limits on
depth and text size stay on). Files that declare entities are refused outright: no device
writes them, and they are how XML bombs and external-entity reads are built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import IO, Any

from lxml import etree

from upright.adapters.importers.base import CountingReader
from upright.domain.errors import CorruptFile

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
#: How much of the file to look at for entity declarations (they can only be in the prolog).
PROLOG_SCAN = 1 << 16


def refuse_entities(head: bytes, path: str) -> None:
    """Raise if the start of an XML file declares entities (XML bomb, external entity)."""
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
    """Peek at the prolog (to refuse entities) and return a reader that replays it."""
    head = raw.read(PROLOG_SCAN)
    refuse_entities(head, path)
    raw.seek(0)
    return CountingReader(raw, progress, strip_controls=True), head
