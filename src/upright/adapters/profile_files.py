"""Read a profile (or history) file: TOML or JSON, decided by content and extension."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from upright.domain.errors import InvalidInput, ProfileError

MAX_BYTES = 1_000_000


def read_mapping(path: str | Path, field: str = "profile") -> dict[str, Any]:
    """The file's top-level table, or a ProfileError/InvalidInput naming what is wrong."""
    p = Path(path)
    error = ProfileError if field == "profile" else InvalidInput
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise error(field, f"file not found: {p}") from None
    except IsADirectoryError:
        raise error(field, f"{p} is a folder, not a file") from None
    except OSError as exc:
        raise error(field, f"cannot read {p}: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise error(field, f"{p} is too large ({len(raw)} bytes; at most {MAX_BYTES})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(field, f"{p} is not UTF-8 text") from None
    looks_json = p.suffix.lower() == ".json" or text.lstrip().startswith("{")
    if looks_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise error(
                field, f"{p} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise error(field, f"{p} is not valid TOML ({exc})") from None
    if not isinstance(data, dict):
        raise error(field, f"{p} must hold a table of fields (a JSON object or TOML keys)")
    return data
