"""`upright remind` as a person runs it: set, show, bad input, and --due against a real SMTP server."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import base_profile
from tests.e2e.conftest import UPRIGHT
from tests.integration.reminders.mailserver import MailServer


def _cli(tmp_path: Path, *args: str, smtp: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPRIGHT_")}
    env.update(UPRIGHT_DATA_DIR=str(tmp_path / "data"), UPRIGHT_TODAY="2026-11-20", COLUMNS="120")
    if smtp:
        env["UPRIGHT_SMTP_URL"] = smtp
    return subprocess.run(
        [UPRIGHT, *args], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
    )


def test_remind_set_show_and_send_due(tmp_path: Path) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(base_profile()))
    started = _cli(tmp_path, "start", "--profile", str(profile))
    assert started.returncode == 0, started.stderr
    out = _cli(
        tmp_path, "remind", "--time", "08:00", "--timezone", "Europe/London",
        "--channels", "email", "--email", "sam@example.org", "--quiet", "22:00-07:00",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Mon, Wed, Fri at 08:00 (Europe/London)" in out.stdout  # the plan's days by default
    assert "Quiet hours: 22:00 to 07:00" in out.stdout
    dry = _cli(
        tmp_path, "remind", "--due", "--dry-run", "--json", "--now", "2026-11-25T08:05+00:00"
    )
    assert dry.returncode == 0, dry.stderr
    assert [d["kind"] for d in json.loads(dry.stdout)["due"]] == ["session"]
    with MailServer() as server:
        sent = _cli(
            tmp_path,
            "remind",
            "--due",
            "--json",
            "--now",
            "2026-11-25T08:05+00:00",
            smtp=server.url,
        )
        again = _cli(
            tmp_path,
            "remind",
            "--due",
            "--json",
            "--now",
            "2026-11-25T09:05+00:00",
            smtp=server.url,
        )
        assert json.loads(sent.stdout)["sent"] == 1, sent.stderr
        assert json.loads(again.stdout)["sent"] == 0
        assert len(server.inbox.messages) == 1
    saved = _cli(tmp_path, "remind", "--ics", str(tmp_path / "s.ics"))
    assert saved.returncode == 0, saved.stderr
    from icalendar import Calendar

    events = list(Calendar.from_ical((tmp_path / "s.ics").read_bytes()).walk("VEVENT"))
    assert events and all(e.decoded("dtstart").strftime("%H:%M") == "08:00" for e in events)


def test_bad_input_is_a_clear_message(tmp_path: Path) -> None:
    for args, needle in (
        (("--timezone", "Mars/Olympus"), "not a time zone we know"),
        (("--time", "8 o'clock"), "HH:MM"),
        (("--quiet", "late"), "HH:MM-HH:MM"),
        (("--channels", "pigeon"), "email, push, calendar"),
    ):
        out = _cli(tmp_path, "remind", *args)
        assert out.returncode == 2, out.stderr
        assert needle in out.stderr and "Traceback" not in out.stderr
