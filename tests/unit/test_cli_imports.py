"""`upright --help` and `upright today` load only what they use (issue 13, "a quick CLI").

Each command runs in a fresh interpreter through the console script's entry point; the test
reads which modules that run loaded. A heavy import creeping back onto these paths fails here,
whatever the machine's speed (the timings themselves live in bench/bench_cli_startup.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: runs `upright ARGS...` as the console script does, then prints the loaded modules as JSON
RUN = """
import contextlib, io, json, sys
sys.argv = ["upright", *sys.argv[1:]]
from upright.cli.launch import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

#: never needed to list the commands
NOT_FOR_HELP = (
    "sqlalchemy", "alembic", "lxml", "fastapi", "starlette", "jinja2", "pydantic", "click",
    "platformdirs",
)  # fmt: skip
#: all of Upright that listing the commands loads: the table, the lazy group, the error edge
FOR_HELP = {
    "upright", "upright.cli", "upright.cli.launch", "upright.cli.commands", "upright.cli.lazy",
    "upright.cli.errors", "upright.cli.error_words", "upright.cli.help_words", "upright.domain",
    "upright.domain.errors",
}  # fmt: skip
#: a saved answer to `today` is printed with the standard library alone
NOT_FOR_A_SAVED_TODAY = ("sqlalchemy", "pydantic", "pydantic_settings", "typer", "rich", "click")
#: never needed to show today's session from the database
NOT_FOR_TODAY = (
    "alembic",
    "lxml",
    "fastapi",
    "starlette",
    "jinja2",
    "zxcvbn",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.postgresql",
    "upright.web",
    "upright.adapters.importers",
    "upright.adapters.reports.documents",
    "upright.adapters.storage.reminders",
    "upright.adapters.storage.social_repositories",
    "upright.domain.catalog.poses",
)


def _loaded(data: Path, *args: str, **extra: str) -> set[str]:
    env = {**os.environ, "UPRIGHT_DATA_DIR": str(data), "UPRIGHT_TODAY": "2026-11-25", **extra}
    env.pop("UPRIGHT_DATABASE_URL", None)
    found = subprocess.run(
        [sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(found.stdout.splitlines()[-1])
    assert result["code"] in (0, None), found.stderr
    return set(result["modules"])


def _heavy(loaded: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if any(m == p or m.startswith(p + ".") for p in packages))


def test_help_loads_no_storage_web_or_templates(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "--help")
    assert _heavy(loaded, NOT_FOR_HELP) == []
    assert {m for m in loaded if m == "upright" or m.startswith("upright.")} == FOR_HELP


def test_today_loads_only_what_showing_the_day_needs(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('age = 54\nclearance = "cleared"\nwalk_minutes = 10\n')
    _loaded(tmp_path, "start", "--profile", str(profile))
    loaded = _loaded(tmp_path, "today", UPRIGHT_CLI_CACHE="off")  # the full path
    assert "upright.cli.plan_cmds" in loaded and "sqlalchemy.engine" in loaded  # it did run
    assert "upright.cli.app" not in loaded
    assert _heavy(loaded, NOT_FOR_TODAY) == []
    again = _loaded(tmp_path, "today")  # nothing changed since `start` saved the answer
    assert "upright.cli.today_cache" in again and "upright.cli.plan_cmds" not in again
    assert _heavy(again, NOT_FOR_A_SAVED_TODAY) == []
