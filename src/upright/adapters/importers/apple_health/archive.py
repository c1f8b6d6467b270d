"""Opening an Apple Health ``export.zip`` without being fooled by it.

The zip may hold macOS junk (``__MACOSX/._*``, ``.DS_Store``), a clinical-records
``export_cda.xml``, a localized export name (``导出.xml``, ``Export.xml``), route GPX files,
or be a zip bomb. We pick the XML that really is a HealthData export and refuse archives whose
sizes or compression ratios no real export has.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from typing import IO

from upright.domain.errors import CorruptFile, UnsupportedFormat

#: Real exports compress 10-25x (XML of repeated records). A ratio far above that is a bomb.
MAX_RATIO = 200
#: Ratios are only judged on members bigger than this (tiny files compress oddly).
RATIO_MIN_BYTES = 1 << 20
#: An export of several GB is normal; tens of GB is not something a phone wrote.
MAX_TOTAL_BYTES = 32 << 30
MAX_MEMBERS = 200_000
#: How far into a candidate XML to look for the HealthData root (the DTD comes first).
SNIFF_BYTES = 1 << 16


@dataclass
class Export:
    archive: zipfile.ZipFile
    member: zipfile.ZipInfo
    routes: dict[str, zipfile.ZipInfo]


def is_junk(name: str) -> bool:
    base = posixpath.basename(name.rstrip("/"))
    return (
        name.startswith("__MACOSX/")
        or "/__MACOSX/" in name
        or base.startswith("._")
        or (base == ".DS_Store")
    )


def open_export(stream: IO[bytes], path: str) -> Export:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile(path, f"not a readable zip archive ({exc})") from None
    infos = [i for i in archive.infolist() if not i.is_dir() and not is_junk(i.filename)]
    if len(infos) > MAX_MEMBERS:
        raise CorruptFile(path, f"{len(infos)} files in the archive: refused (zip bomb?)")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise CorruptFile(path, f"archive expands to {total} bytes: refused (zip bomb?)")
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise CorruptFile(
                    path,
                    f"{info.filename} expands {ratio:.0f}x ({info.file_size} bytes): "
                    f"refused, real exports compress less than {MAX_RATIO}x (zip bomb?)",
                )
    candidates = [
        i
        for i in infos
        if i.filename.lower().endswith(".xml")
        and not posixpath.basename(i.filename).lower().startswith("export_cda")
    ]
    exports = [i for i in candidates if _is_health_data(archive, i, path)]
    if not exports:
        raise UnsupportedFormat(path, "zip without an Apple Health export (no HealthData XML)")
    member = max(exports, key=lambda i: i.file_size)
    routes = {
        posixpath.basename(i.filename): i for i in infos if i.filename.lower().endswith(".gpx")
    }
    return Export(archive, member, routes)


def _is_health_data(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bool:
    try:
        with archive.open(info) as fh:
            head = fh.read(SNIFF_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptFile(path, f"{info.filename}: cannot be decompressed ({exc})") from None
    return b"<HealthData" in head
