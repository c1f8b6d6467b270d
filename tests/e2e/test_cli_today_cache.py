"""`upright today` from its saved answer prints exactly what the full path prints.

Each check runs the installed command twice on a real database: once with the saved answer
switched off (the full path), once as a person runs it. After every kind of change (a logged
session, a morning answer, a new profile, an imported walk, another day, another width,
`forget`) the answers must match, and a replay must not run again what it need not.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import UPRIGHT
from tests.e2e.test_cli_import import CAR, WALK
from tests.e2e.test_cli_progress import PROFILE

Cli = Callable[..., subprocess.CompletedProcess[str]]
MONDAY = "2026-11-02"
TUESDAY = "2026-11-03"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    base = {k: v for k, v in os.environ.items() if not k.upper().startswith("UPRIGHT_")}
    base |= {"UPRIGHT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "120"}
    base["XDG_CACHE_HOME"] = str(tmp_path / "xdg")  # the parsed data files (adapters/parsed_data)

    def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [UPRIGHT, *args], capture_output=True, text=True, env={**base, **env},
            cwd=tmp_path, timeout=60,
        )  # fmt: skip

    return _run


def _saved(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cache" / "person-1" / "today.json"


def _stamp(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_ino, found.st_mtime_ns


def same_both_ways(cli: Cli, tmp_path: Path, *args: str, **env: str) -> str:
    """`today` via the full path, then recorded, then replayed: one answer, exit 0."""
    full = cli("today", *args, UPRIGHT_CLI_CACHE="off", **env)
    assert full.returncode == 0, full.stderr
    recorded = cli("today", *args, **env)
    assert (recorded.returncode, recorded.stdout, recorded.stderr) == (0, full.stdout, "")
    stamp = _stamp(_saved(tmp_path))
    replayed = cli("today", *args, **env)
    assert (replayed.returncode, replayed.stdout, replayed.stderr) == (0, full.stdout, "")
    assert _stamp(_saved(tmp_path)) == stamp  # answered from the saved file, not run again
    return full.stdout


def test_the_saved_answer_follows_every_change(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert cli("start", "--profile", "p.toml", UPRIGHT_TODAY=MONDAY).returncode == 0
    first = same_both_ways(cli, tmp_path, UPRIGHT_TODAY=MONDAY)

    logged = cli("log", "--all", "--pain-before", "2", "--note", "easy one", UPRIGHT_TODAY=MONDAY)
    assert logged.returncode == 0, logged.stderr
    after_log = same_both_ways(cli, tmp_path, UPRIGHT_TODAY=MONDAY)
    assert after_log != first and "Your note: easy one" in " ".join(after_log.split())

    tuesday = same_both_ways(cli, tmp_path, UPRIGHT_TODAY=TUESDAY)
    assert "this morning" in tuesday  # Monday's session: its morning answer is asked for
    assert cli("log", "--morning", "2", UPRIGHT_TODAY=TUESDAY).returncode == 0
    answered = same_both_ways(cli, tmp_path, UPRIGHT_TODAY=TUESDAY)
    assert "this morning" not in answered

    other_day = same_both_ways(cli, tmp_path, "--date", MONDAY, UPRIGHT_TODAY=TUESDAY)
    assert other_day != answered
    assert same_both_ways(cli, tmp_path, f"--date={MONDAY}", UPRIGHT_TODAY=TUESDAY) == other_day
    narrow = same_both_ways(cli, tmp_path, UPRIGHT_TODAY=TUESDAY, COLUMNS="70")
    assert narrow != answered

    (tmp_path / "p2.toml").write_text(PROFILE.replace("pain_now = 3", "pain_now = 6"))
    changed = cli("start", "--profile", "p2.toml", UPRIGHT_TODAY=TUESDAY)
    assert changed.returncode == 0, changed.stderr
    same_both_ways(cli, tmp_path, UPRIGHT_TODAY=TUESDAY)


def test_an_imported_walk_is_credited_from_the_saved_answer_too(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE.replace('["mon", "wed", "fri"]', '["sun"]'))
    assert cli("start", "--profile", "p.toml", UPRIGHT_TODAY="2010-10-03").returncode == 0
    before = same_both_ways(cli, tmp_path, UPRIGHT_TODAY="2010-10-03")
    assert cli("import", str(WALK), str(CAR)).returncode == 0
    after = same_both_ways(cli, tmp_path, UPRIGHT_TODAY="2010-10-03")
    assert "Done by your device" not in before and "Done by your device" in after


def test_forget_removes_the_saved_answer_and_today_asks_to_start(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert cli("start", "--profile", "p.toml").returncode == 0
    same_both_ways(cli, tmp_path)
    assert _saved(tmp_path).is_file()
    assert cli("forget", "--yes").returncode == 0
    assert not _saved(tmp_path).exists()
    again = cli("today")
    assert again.returncode == 2 and "upright start" in again.stderr and again.stdout == ""
    assert not _saved(tmp_path).exists()  # an error is never saved


def test_the_full_path_reads_the_parsed_data_files_and_says_the_same(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert cli("start", "--profile", "p.toml").returncode == 0
    first = cli("today", UPRIGHT_CLI_CACHE="off")
    [parsed] = (tmp_path / "xdg" / "upright").glob("parsed-data-*.pickle")
    again = cli("today", UPRIGHT_CLI_CACHE="off")  # from the parsed form
    parsed.write_bytes(b"damaged")
    damaged = cli("today", UPRIGHT_CLI_CACHE="off")  # parsed again
    assert first.returncode == again.returncode == damaged.returncode == 0
    assert first.stdout == again.stdout == damaged.stdout and "Today, " in first.stdout
    assert parsed.read_bytes() != b"damaged"


def test_the_saved_answer_is_readable_by_its_owner_only(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert cli("start", "--profile", "p.toml").returncode == 0
    assert cli("today").returncode == 0
    assert _saved(tmp_path).stat().st_mode & 0o077 == 0
    assert _saved(tmp_path).parent.stat().st_mode & 0o077 == 0


def test_after_a_log_the_next_today_is_already_saved_and_right(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert cli("start", "--profile", "p.toml", UPRIGHT_TODAY=MONDAY).returncode == 0
    logged = cli("log", "--all", "--note", "windy", UPRIGHT_TODAY=MONDAY)
    assert logged.returncode == 0, logged.stderr
    assert "Today, Monday" not in logged.stdout  # made silently
    stamp = _stamp(_saved(tmp_path))
    first = cli("today", UPRIGHT_TODAY=MONDAY)
    assert _stamp(_saved(tmp_path)) == stamp  # a replay: made by the log
    full = cli("today", UPRIGHT_TODAY=MONDAY, UPRIGHT_CLI_CACHE="off")
    assert (first.returncode, first.stdout) == (0, full.stdout)
    assert "Your note: windy" in " ".join(first.stdout.split())


def test_after_start_the_first_today_is_already_saved(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert cli("start", "--profile", "p.toml", UPRIGHT_TODAY=MONDAY).returncode == 0
    stamp = _stamp(_saved(tmp_path))
    first = cli("today", UPRIGHT_TODAY=MONDAY)
    assert _stamp(_saved(tmp_path)) == stamp
    full = cli("today", UPRIGHT_TODAY=MONDAY, UPRIGHT_CLI_CACHE="off")
    assert (first.returncode, first.stdout, first.stderr) == (0, full.stdout, "")
