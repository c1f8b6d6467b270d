"""When `upright today` may use its saved answer, and what the answer's key covers."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from upright.cli import today_cache
from upright.cli.today_cache import RENDER_ENV, request

SITE = Path(pytest.__file__).resolve().parents[1]
#: environment variables Typer reads only for shell completion (never while drawing `today`)
COMPLETION_ONLY = {"COMP_CWORD", "COMP_WORDS", "XDG_CONFIG_HOME", "PYDANTIC_DISABLE_PLUGINS"}


def _noon() -> datetime:
    return datetime(2026, 11, 25, 12, 0).astimezone()


@pytest.mark.parametrize(
    ("argv", "day"),
    [
        (["today"], date(2026, 11, 25)),
        (["today", "--date", "2026-11-02"], date(2026, 11, 2)),
        (["today", "--date=2026-11-02"], date(2026, 11, 2)),
    ],
)
def test_plain_today_and_a_date_are_answered(argv: list[str], day: date) -> None:
    found = request(argv, {"UPRIGHT_DATA_DIR": "/d"}, _noon)
    assert found is not None and found.day == day and found.today == date(2026, 11, 25)
    assert found.database == Path("/d/upright.db")


def test_the_test_harness_variables_are_not_settings() -> None:
    harness = {"UPRIGHT_TEST_CHROMIUM": "/usr/bin/chromium", "UPRIGHT_TEST_POSTGRES_URL": "x"}
    found = request(["today"], {"UPRIGHT_DATA_DIR": "/d", **harness}, _noon)
    assert found is not None and found.database == Path("/d/upright.db")
    assert request(["today"], {"UPRIGHT_DATA_DIR": "/d", "UPRIGHT_TESTING": "1"}, _noon) is None


def test_upright_today_moves_the_day() -> None:
    found = request(["today"], {"UPRIGHT_DATA_DIR": "/d", "UPRIGHT_TODAY": "2026-01-05"}, _noon)
    assert found is not None and found.today == found.day == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("argv", "environ"),
    [
        (["week"], {}),
        (["today", "--help"], {}),
        (["today", "--bogus"], {}),
        (["today", "--date"], {}),
        (["today", "--date", "garbage"], {}),
        (["today", "--date", "2026-02-30"], {}),
        (["today", "--date", "20261102"], {}),
        (["today"], {"UPRIGHT_DATABASE_URL": "postgresql+psycopg://u@h/db"}),
        (["today"], {"UPRIGHT_DATABASE_URL": "sqlite:////elsewhere.db"}),
        (["today"], {"UPRIGHT_MODE": "server"}),
        (["today"], {"upright_data_dir": "/other"}),  # pydantic-settings reads any case
        (["today"], {"UPRIGHT_TODAY": "tomorrow"}),
        (["today"], {"UPRIGHT_CLI_CACHE": "off"}),
        (["today"], {"UPRIGHT_CLI_CACHE": "0"}),
        (["today"], {"UPRIGHT_DATA_DIR": ""}),
    ],
)
def test_anything_unusual_takes_the_full_path(argv: list[str], environ: dict[str, str]) -> None:
    assert request(argv, {"UPRIGHT_DATA_DIR": "/d", **environ}, _noon) is None


def test_no_database_means_no_replay(tmp_path: Path) -> None:
    today_cache.cache_file(tmp_path).parent.mkdir(parents=True)
    today_cache.cache_file(tmp_path).write_text('{"key": "x", "output": "hello"}')
    out = io.StringIO()
    assert not today_cache.replay(["today"], {"UPRIGHT_DATA_DIR": str(tmp_path)}, out)
    assert out.getvalue() == "" and not (tmp_path / "upright.db").exists()


def test_every_variable_rich_and_typer_read_is_in_the_key() -> None:
    """A Rich or Typer update that reads a new variable fails here until it is in the key."""
    pattern = re.compile(
        r"""(?:environ\.get|getenv)\(\s*["']([A-Z_]+)["']|environ\[["']([A-Z_]+)"""
    )
    read: set[str] = set()
    for package in ("rich", "typer"):
        for source in (SITE / package).rglob("*.py"):
            for match in pattern.finditer(source.read_text(encoding="utf-8")):
                read.add(match.group(1) or match.group(2))
    assert read, "no environment reads found: the scan is broken"
    missing = {
        name
        for name in read - set(RENDER_ENV) - COMPLETION_ONLY
        if not name.startswith("_TYPER_COMPLETE")
    }
    assert missing == set()
