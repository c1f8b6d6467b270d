"""Importers by stable key, and which one reads a file (decided by content, not its name)."""

from __future__ import annotations

import struct
import zipfile
from typing import IO, Final

from lxml import etree

from upright.adapters.importers import limits
from upright.adapters.importers.apple_health import AppleHealthImporter
from upright.adapters.importers.base import Importer, ParsedFile, Progress
from upright.adapters.importers.fit import FitImporter
from upright.adapters.importers.gpx import GpxImporter
from upright.adapters.importers.tcx import TcxImporter
from upright.domain.errors import CorruptFile, ImportFailed, UnsupportedFormat

APPLE_HEALTH: Final = AppleHealthImporter()
#: Stable keys: stored in import logs and shown to people, never renamed.
REGISTRY: Final[dict[str, Importer]] = {
    "gpx": GpxImporter(),
    "fit": FitImporter(),
    "tcx": TcxImporter(),
    "apple_health": APPLE_HEALTH,
}

SNIFF_BYTES = 1 << 16
_XML_ROOTS: Final = (
    (b"<gpx", "gpx"),
    (b"<TrainingCenterDatabase", "tcx"),
    (b"<HealthData", "apple_health"),
    (b"<!DOCTYPE HealthData", "apple_health"),
)
_BOMS: Final = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff(head: bytes, name: str) -> str:
    """The registry key for a file whose first bytes are ``head``."""
    if not head:
        raise UnsupportedFormat(name, "the file is empty")
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return "fit"
    if head.startswith(b"PK\x03\x04"):
        return "apple_health"  # the archive reader checks that it really is one
    text = head
    for bom in _BOMS:
        text = text.removeprefix(bom)
    if text.lstrip()[:1] == b"<":
        for marker, key in _XML_ROOTS:
            if marker in text:
                return key
        raise UnsupportedFormat(
            name, "an XML file, but not GPX, TCX or an Apple Health export (no known root element)"
        )
    lower = name.lower()
    hint = (
        " (the name says FIT, but the header is not a FIT header)" if lower.endswith(".fit") else ""
    )
    raise UnsupportedFormat(
        name, f"not a GPX, TCX, FIT or Apple Health file; it starts with {head[:8]!r}{hint}"
    )


def read_stream(
    stream: IO[bytes], name: str, progress: Progress | None = None, since: float | None = None
) -> ParsedFile:
    """Sniff and read one file; every failure becomes an ``ImportFailed`` naming the file.

    ``since`` (epoch s): read an Apple Health export from there on (other formats ignore it).
    """
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    key = sniff(head, name)
    try:
        if key == "apple_health" and since is not None:
            parsed = APPLE_HEALTH.read(stream, name, progress, since)
        else:
            parsed = REGISTRY[key].read(stream, name, progress)
        limits.check(len(parsed.activities), limits.MAX_ACTIVITIES, "activities", name)
        return parsed
    except ImportFailed:
        raise
    except (etree.LxmlError, zipfile.BadZipFile, EOFError, struct.error, UnicodeError) as exc:
        raise CorruptFile(name, f"{REGISTRY[key].label}: {type(exc).__name__}: {exc}") from None
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise CorruptFile(
            name, f"{REGISTRY[key].label}: unexpected content ({type(exc).__name__}: {exc})"
        ) from None


class DeviceFileReader:
    """The importers behind the ``DeviceFiles`` port of ``upright.services.imports``."""

    def sha256(self, path: str) -> str:
        import hashlib

        digest = hashlib.sha256()
        try:
            with open(path, "rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
        except OSError as exc:
            raise _os_error(path, exc) from None
        return digest.hexdigest()

    def read(self, path: str, progress: Progress | None, since: float | None = None) -> ParsedFile:
        try:
            with open(path, "rb") as fh:
                return read_stream(fh, path, progress, since)
        except OSError as exc:
            raise _os_error(path, exc) from None


def _os_error(path: str, exc: OSError) -> ImportFailed:
    if isinstance(exc, IsADirectoryError):
        return UnsupportedFormat(path, "a folder, not a file")
    if isinstance(exc, FileNotFoundError):
        return ImportFailed(path, "no such file")
    if isinstance(exc, PermissionError):
        return ImportFailed(path, "permission denied")
    return ImportFailed(path, f"cannot be read ({exc.strerror or exc})")
