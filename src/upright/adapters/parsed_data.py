"""The bundled catalog and rule book, kept parsed between runs of the command line.

Parsing the TOML data files is the largest piece of work a cold `upright today` does after its
imports. The parsed objects are saved (pickled) in the user's cache folder, under a name made
of a digest of: the data files, the Python, and the domain code the objects are made of (path,
size and modification time of every module of ``upright.domain``). Any change gives a new
name; when a new one is written, files written over a week ago are removed. Any problem (missing, unreadable or
corrupt file, a file of another owner, a folder that cannot be written) means parsing as before:
the saved form is never needed, only quicker.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path

from upright import domain
from upright.adapters import data_files
from upright.domain.catalog.model import Catalog
from upright.domain.safety.rules import RuleBook

FORMAT = 1
PREFIX = "parsed-data-"
STALE_SECONDS = 7 * 24 * 3600


def key() -> str:
    digest = hashlib.sha256(
        f"{FORMAT}|{sys.version}|{pickle.HIGHEST_PROTOCOL}|{data_files.data_version()}\n".encode()
    )
    root = Path(domain.__file__).parent
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def load(folder: Path) -> tuple[Catalog, RuleBook]:
    """The catalog and the rule book, from ``folder`` when saved there for this program and
    these data files; otherwise parsed (and saved for the next run)."""
    try:
        file: Path | None = folder / f"{PREFIX}{key()}.pickle"
    except OSError:
        file = None
    found = _read(file) if file is not None else None
    if found is not None:
        return found
    catalog, rules = data_files.load_catalog(), data_files.load_rulebook()
    if file is not None:
        _write(file, (catalog, rules))
    return catalog, rules


def _read(file: Path) -> tuple[Catalog, RuleBook] | None:
    try:
        with file.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # only ever load what this user wrote
            found = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign file: parse instead
        return None
    if (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], Catalog)
        and isinstance(found[1], RuleBook)
    ):
        return found[0], found[1]
    return None


def _write(file: Path, parsed: tuple[Catalog, RuleBook]) -> None:
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        week_ago = time.time() - STALE_SECONDS
        for old in file.parent.glob(f"{PREFIX}*.pickle"):
            if old != file and old.stat().st_mtime < week_ago:
                old.unlink(missing_ok=True)  # another version's (several may be installed)
        temporary = file.with_name(f".{file.name}.{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except Exception:  # noqa: BLE001 - e.g. a read-only home: the next run parses again
        return
