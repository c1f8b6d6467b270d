"""`upright log` never replaces a logged day silently: it shows the day and asks at a terminal,
and needs --replace without one (a pipe, CI=true)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.e2e.conftest import UPRIGHT
from tests.e2e.test_cli_progress import MONDAY, PROFILE, Run, at


def _logged_once(run: Run, tmp_path: Path) -> Run:
    (tmp_path / "p.toml").write_text(PROFILE)
    monday = at(run, MONDAY)
    assert monday("start", "--profile", "p.toml").returncode == 0
    first = monday("log", "--all", "--pain-before", "2", "--note", "easy one")
    assert first.returncode == 0, first.stderr
    return monday


def _note(monday: Run) -> str:
    return " ".join(monday("today").stdout.split())


def test_a_logged_day_needs_replace_without_a_terminal(run: Run, tmp_path: Path) -> None:
    monday = _logged_once(run, tmp_path)
    again = monday("log", "--skip", "walk_brisk", "--note", "second")
    assert again.returncode == 2
    out = " ".join(again.stdout.split())
    assert "Monday 02 November is already logged." in out
    assert "✓ Logged:" in out and "Your note: easy one" in out and "Pain before 2" in out
    assert "add --replace" in again.stderr and "Traceback" not in again.stderr
    assert "Your note: easy one" in _note(monday)  # nothing changed
    # piped answers are not a terminal either: the interactive log refuses before asking
    piped = monday("log", input="d\n" * 20)
    assert piped.returncode == 2 and "add --replace" in piped.stderr
    assert "Your note: easy one" in _note(monday)

    replaced = monday("log", "--all", "--note", "second", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    today = _note(monday)
    assert "Your note: second" in today and "easy one" not in today
    assert "upright log --date 2026-11-02 --replace" in today


def _in_terminal(tmp_path: Path, args: list[str], answer: str, **env: str) -> tuple[int, str]:
    """Run `upright` with a pseudo-terminal as stdin and stdout; answer the replace question."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_") and k != "CI"}
    environ.update(
        UPRIGHT_DATA_DIR=str(tmp_path / "data"), UPRIGHT_TODAY=MONDAY.isoformat(), COLUMNS="120",
        **env,
    )  # fmt: skip
    main, child = pty.openpty()
    process = subprocess.Popen(
        [UPRIGHT, *args], stdin=child, stdout=child, stderr=child, env=environ, cwd=tmp_path
    )
    os.close(child)
    seen = b""
    answered = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"Replace it with a new log?" in seen:
            os.write(main, answer.encode() + b"\r")
            answered = True
        if process.poll() is not None and not ready:
            break
    os.close(main)
    code = process.wait(timeout=30)
    return code, " ".join(seen.decode(errors="replace").split())


def test_at_a_terminal_it_asks_and_no_keeps_the_day(run: Run, tmp_path: Path) -> None:
    monday = _logged_once(run, tmp_path)
    code, out = _in_terminal(tmp_path, ["log", "--all", "--note", "second"], "n")
    assert code == 0, out
    assert "already logged" in out and "Your note: easy one" in out
    assert "Kept what was logged. Nothing changed." in out
    assert "Your note: easy one" in _note(monday)

    code, out = _in_terminal(tmp_path, ["log", "--all", "--note", "second"], "y")
    assert code == 0, out
    assert "Logged Mon 02 Nov" in out
    assert "Your note: second" in _note(monday)


def test_in_ci_it_never_asks_even_at_a_terminal(run: Run, tmp_path: Path) -> None:
    monday = _logged_once(run, tmp_path)
    code, out = _in_terminal(tmp_path, ["log", "--all", "--note", "second"], "y", CI="true")
    assert code == 2 and "add --replace" in out and "Replace it with a new log?" not in out
    assert "Your note: easy one" in _note(monday)
