"""`upright today`, answered from its last output when nothing it was made from has changed.

`today` is run many times a day and its answer changes only when the person's data, the day or
the program changes. Building it loads SQLAlchemy, pydantic, Typer, Rich, the catalog and the
planner: about 0.5 CPU-seconds. This module uses the standard library only. After a full run it
saves what was printed, under a key of everything the output depends on:

- the person's data, read with ``sqlite3`` (counts, latest ids and times of the profile
  versions, sessions, imports, activities, clearance entries and the stored plans and
  snapshots: the full run's own writes are in the key, so a replay skips only writes that the
  full run would not make either), and the schema revision;
- the day asked for and today's date (``UPRIGHT_TODAY`` or the local clock);
- the program: every file of the ``upright`` package (path, size, modification time), the
  versions of Rich and Typer, the Python running it;
- how the terminal renders: whether output is a terminal, its size, its encoding, and every
  environment variable Rich and Typer read (colours, width), plus the time zone and locale.

A replay prints exactly what the full run printed. Anything unusual takes the full path: another
database (``UPRIGHT_DATABASE_URL``, e.g. PostgreSQL), any other ``UPRIGHT_`` setting, an option
other than ``--date YYYY-MM-DD``, a missing database, any error. ``UPRIGHT_CLI_CACHE=off`` turns
it off. The file holds what `today` showed (it is personal), so it is readable by its owner only
and forgetting the person (``upright forget`` or the web's) deletes it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from upright.adapters import person_files

FORMAT = 1
#: the switch: ``off`` (or ``0``) always takes the full path
SWITCH = "UPRIGHT_CLI_CACHE"
#: the settings this module reads itself; any other UPRIGHT_ variable takes the full path
UNDERSTOOD = frozenset({"UPRIGHT_DATA_DIR", "UPRIGHT_TODAY", SWITCH})
#: environment variables that change how Rich and Typer draw (checked against both by a test),
#: and the time zone and locale
RENDER_ENV = (
    "COLORTERM",
    "COLUMNS",
    "DATABRICKS_RUNTIME_VERSION",
    "FORCE_COLOR",
    "GITHUB_ACTIONS",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LINES",
    "NO_COLOR",
    "PY_COLORS",
    "TERM",
    "TERMINAL_WIDTH",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "TYPER_USE_RICH",
    "UNICODE_VERSION",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "_TYPER_STANDARD_TRACEBACK",
    "TYPER_STANDARD_TRACEBACK",
    "TZ",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LC_TIME",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
)
LOCAL_PERSON_ID = 1
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: everything of the person's that `today` reads or writes, as one statement
_DATA = """
SELECT
  (SELECT group_concat(version_num) FROM alembic_version),
  (SELECT count(*) || '/' || ifnull(role, '') FROM people WHERE id = :p),
  (SELECT count(*) || '/' || ifnull(max(id), '') || '/' || ifnull(max(created_at), '')
     FROM profile_versions WHERE person_id = :p),
  (SELECT count(*) || '/' || ifnull(max(id), '') || '/' || ifnull(max(updated_at), '')
     FROM sessions WHERE person_id = :p),
  (SELECT count(*) || '/' || ifnull(max(imported_at), '') FROM file_imports WHERE person_id = :p),
  (SELECT count(*) || '/' || ifnull(max(rowid), '') || '/' || total(minutes)
     FROM activities WHERE person_id = :p),
  (SELECT count(*) || '/' || ifnull(max(id), '') FROM clearance_records WHERE person_id = :p),
  (SELECT count(*) || '/' || ifnull(max(id), '') FROM outcome_responses WHERE person_id = :p)
"""
#: what the full run itself may write (read after it, so a replay is a run that writes nothing)
_WRITTEN = """
SELECT
  (SELECT count(*) || '/' || ifnull(max(id), '') FROM plans WHERE person_id = :p),
  (SELECT count(*) || '/' || ifnull(max(week_start), '') || '/' || total(length(data))
     FROM progress_snapshots WHERE person_id = :p)
"""


def cache_file(data_dir: Path) -> Path:
    """Where the last answer is kept: the person's folder in the data folder, which forgetting
    the person (from the web or here) removes."""
    return person_files.folder(data_dir, LOCAL_PERSON_ID) / "today.json"


class Request:
    """`upright today` as this module can answer it: where, which day, and today's date."""

    def __init__(self, data_dir: Path, day: date, today: date) -> None:
        self.database = data_dir / "upright.db"
        self.file = cache_file(data_dir)
        self.day = day
        self.today = today


def request(
    argv: Sequence[str], environ: Mapping[str, str], now: Callable[[], datetime] = datetime.now
) -> Request | None:
    """The request, or None when the full path must answer (anything unusual)."""
    if not argv or argv[0] != "today":
        return None
    options = list(argv[1:])
    if len(options) == 1 and options[0].startswith("--date="):
        options = ["--date", options[0].removeprefix("--date=")]
    if options and (len(options) != 2 or options[0] != "--date"):
        return None
    # UPRIGHT_TEST_* belong to the test harness (a browser, a PostgreSQL port): never a setting
    settings = {
        name
        for name in environ
        if name.upper().startswith("UPRIGHT_") and not name.upper().startswith("UPRIGHT_TEST_")
    }
    if not settings <= UNDERSTOOD or environ.get(SWITCH, "on").lower() in ("off", "0", "no"):
        return None
    fixed = environ.get("UPRIGHT_TODAY")
    today = _iso_day(fixed) if fixed is not None else now().astimezone().date()
    day = _iso_day(options[1]) if options else today
    if today is None or day is None:
        return None
    folder = environ.get("UPRIGHT_DATA_DIR")
    if folder is None:
        import platformdirs

        folder = platformdirs.user_data_dir("upright", appauthor=False)
    if not folder:
        return None
    return Request(Path(folder), day, today)


def _iso_day(text: str) -> date | None:
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _rows(database: Path, *statements: str) -> list[list[Any]] | None:
    """Each statement's one row, from a connection that can neither create nor change the file."""
    if not database.is_file():
        return None
    try:
        uri = database.absolute().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=5)
        try:
            return [
                list(connection.execute(s, {"p": LOCAL_PERSON_ID}).fetchone()) for s in statements
            ]
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def _program() -> list[Any]:
    """The code and libraries that draw the answer (a change to any file is a new key)."""
    package = Path(__file__).resolve().parents[1]
    files: list[tuple[str, int, int]] = []
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(Path(entry.path))
                elif not entry.name.endswith((".pyc", ".pyo")):
                    found = entry.stat()
                    files.append((entry.path, found.st_mtime_ns, found.st_size))
    libraries: list[Any] = []
    from importlib.util import find_spec

    for name in ("rich", "typer", "sqlalchemy", "pydantic"):
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin:
            stat = os.stat(origin)
            libraries.append((origin, stat.st_mtime_ns, stat.st_size))
    digest = hashlib.sha256(json.dumps(sorted(files)).encode()).hexdigest()
    return [digest, libraries, sys.version, sys.executable]


def _terminal(stream: TextIO, environ: Mapping[str, str]) -> list[Any]:
    sizes: list[Any] = []
    for descriptor in (0, 1, 2):
        try:
            sizes.append(tuple(os.get_terminal_size(descriptor)))
        except (OSError, ValueError):
            sizes.append(None)
    try:
        tty = stream.isatty()
    except (OSError, ValueError):
        tty = None
    return [
        tty,
        sizes,
        getattr(stream, "encoding", None),
        sys.platform,
        [environ.get(name) for name in RENDER_ENV],
        [time.timezone, time.altzone, list(time.tzname)],
    ]


def key(found: Request, data: list[Any], stream: TextIO, environ: Mapping[str, str]) -> str:
    parts = [FORMAT, found.day.isoformat(), found.today.isoformat(), data, _program()]
    parts.append(_terminal(stream, environ))
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def replay(argv: Sequence[str], environ: Mapping[str, str], stream: TextIO) -> bool:
    """Print the saved answer when it is still the answer; False: run the full path."""
    found = request(argv, environ)
    output = None if found is None else _still_valid(found, environ, stream)
    if output is None:
        return False
    stream.write(output)
    stream.flush()
    return True


def _still_valid(found: Request, environ: Mapping[str, str], stream: TextIO) -> str | None:
    """The saved output, if it is still what `today` would print; else None."""
    try:
        saved = json.loads(found.file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or not isinstance(saved.get("output"), str):
        return None
    rows = _rows(found.database, _DATA, _WRITTEN)
    if rows is None or saved.get("key") != key(found, rows, stream, environ):
        return None
    output: str = saved["output"]
    return output


class Tee:
    """Writes through to the stream (unless ``silent``) and keeps a copy of the text; anything
    else (is it a terminal, its encoding) is the stream's, so Rich draws as it would for it."""

    def __init__(self, stream: TextIO, silent: bool = False) -> None:
        self.stream = stream
        self.silent = silent
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text) if self.silent else self.stream.write(text)

    def flush(self) -> None:
        if not self.silent:
            self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def record(argv: Sequence[str], environ: Mapping[str, str], run: Callable[[], None]) -> None:
    """Run the full path; when it succeeds and the data did not change meanwhile, save what it
    printed. Any earlier answer is removed first (it may be another person's data, after
    ``forget``)."""
    found = request(argv, environ)
    if found is None:
        run()
        return
    _capture(found, argv, environ, run, silent=False)


def refresh(environ: Mapping[str, str], render: Callable[[], None]) -> None:
    """After a change made in this process (``upright log``), make today's answer now, without
    printing it: the next `upright today` is then a replay. Any failure just leaves no answer."""
    found = request(["today"], environ)
    if found is None or _still_valid(found, environ, sys.stdout) is not None:
        return  # nothing changed after all (an import with nothing new)
    try:
        _capture(found, ["today"], environ, render, silent=True)
    except Exception:  # noqa: BLE001 - the log is done; `today` will build its answer itself
        forget(found.file)


def _capture(
    found: Request,
    argv: Sequence[str],
    environ: Mapping[str, str],
    run: Callable[[], None],
    silent: bool,
) -> None:
    forget(found.file)
    before = _rows(found.database, _DATA)
    stream = sys.stdout
    tee = Tee(stream, silent)
    sys.stdout = tee
    try:
        run()
    finally:
        sys.stdout = stream
    after = _rows(found.database, _DATA, _WRITTEN)
    if before is None or after is None or before[0] != after[0]:
        return
    again = request(argv, environ)
    if again is None or again.today != found.today:  # midnight passed during the run
        return
    _save(found.file, key(found, after, stream, environ), "".join(tee.parts))


def _save(file: Path, found_key: str, output: str) -> None:
    try:
        file.parent.parent.mkdir(mode=0o700, exist_ok=True)
        file.parent.mkdir(mode=0o700, exist_ok=True)
        temporary = file.with_name(f".{file.name}.{os.getpid()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"key": found_key, "output": output}, out)
        os.replace(temporary, file)
    except OSError:
        return  # a folder we cannot write to: the next run takes the full path again


def forget(file: Path) -> None:
    try:
        file.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return
