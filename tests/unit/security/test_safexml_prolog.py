"""The XML guard reads the whole prolog: padding cannot hide an entity declaration."""

from __future__ import annotations

import io

import pytest

from upright.adapters.importers import safexml
from upright.domain.errors import CorruptFile

PAD = b"<!--" + b"x" * 70_000 + b"-->"


def _check(data: bytes) -> None:
    safexml.refuse_entities(safexml.prolog(io.BytesIO(data), "f.gpx"), "f.gpx")


@pytest.mark.parametrize(
    "doc",
    [
        b'<?xml version="1.0"?>' + PAD + b'<!DOCTYPE gpx [<!ENTITY a "b">]><gpx>&a;</gpx>',
        b"<!DOCTYPE gpx [" + PAD + b'<!ENTITY % p SYSTEM "file:///etc/passwd">]><gpx/>',
        b"<?pi " + b"<" * 70_000 + b"?>" + b'<!DOCTYPE gpx [<!ENTITY a "b">]><gpx/>',
    ],
)
def test_padded_entity_declarations_are_refused(doc: bytes) -> None:
    with pytest.raises(CorruptFile, match="refused"):
        _check(doc)


def test_a_plain_long_prolog_passes_and_the_body_is_not_read() -> None:
    body = b"<gpx>" + b'<!ENTITY not-in-prolog "x">' * 3 + b"</gpx>"
    _check(b'<?xml version="1.0"?>' + PAD + b"<!DOCTYPE HealthData [<!ELEMENT a (b)>]>" + body)
    assert safexml.prolog(io.BytesIO(PAD + body), "f").endswith(b"-->")


def test_a_prolog_without_end_is_refused_past_the_cap() -> None:
    with pytest.raises(CorruptFile, match="no XML element"):
        _check(b"<!--" + b"x" * (safexml.PROLOG_MAX + 10))
