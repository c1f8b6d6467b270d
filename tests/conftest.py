from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from upright.adapters import data_files
from upright.services.library import Library

# Tests never read or write the real user's folders: the default data, cache and config folders
# (platformdirs follows XDG_* on Linux) point into one temporary folder for the whole run, and
# every command a test starts inherits that.
_FOLDERS = Path(tempfile.mkdtemp(prefix="upright-tests-"))
for _name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_FOLDERS / _name.lower())


@pytest.fixture(scope="session")
def library() -> Library:
    return Library(catalog=data_files.load_catalog(), rules=data_files.load_rulebook())


MONDAY = date(2026, 11, 23)


def base_profile(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "age": 50,
        "conditions": ["nonspecific_chronic"],
        "pain_now": 3,
        "pain_weeks": 20,
        "red_flags": [],
        "clearance": "cleared",
        "restrictions": [],
        "walk_minutes": 5,
        "equipment": ["mat", "strap"],
        "prefers": "walking",
        "days": ["mon", "wed", "fri"],
        "minutes_per_day": 60,
    }
    data.update(overrides)
    return data
