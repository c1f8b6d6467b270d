"""`upright classes` as a person runs it: add a real calendar, list the screened sessions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "calendars"
Run = Callable[..., CompletedProcess[str]]

PROFILE = """
age = 54
conditions = ["disc_herniation"]
pain_now = 3
pain_weeks = 20
clearance = "cleared"
walk_minutes = 10
days = ["mon", "tue", "thu"]
"""


@pytest.fixture
def person(run: Run, tmp_path: Path) -> Run:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    return run


def test_add_and_list_json_contract(person: Run, tmp_path: Path) -> None:
    feed = REAL / "openactive" / "data-models__sessionseries_example_1.json"
    added = person("classes", "add", str(feed))
    assert added.returncode == 0, added.stderr
    assert "Added Everyone Active" in added.stdout
    # a Pilates calendar of our own: refused for a disc herniation, with the rule's reason
    (tmp_path / "pilates.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nX-WR-CALNAME:Park district\r\n"
        "BEGIN:VEVENT\r\nUID:p1\r\nSUMMARY:Mat Pilates\r\nLOCATION:Riverside Park hall\r\n"
        "DTSTART;TZID=Europe/London:20181001T100000\r\nDTEND;TZID=Europe/London:20181001T110000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=10\r\nEXDATE;TZID=Europe/London:20181008T100000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:a1\r\nSUMMARY:Aqua aerobics\r\nDTSTART:20181002T090000Z\r\n"
        "DURATION:PT45M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert person("classes", "add", "pilates.ics").returncode == 0
    result = person("classes", "list", "--json", "--from", "2018-10-01", "--to", "2018-10-09")
    assert result.returncode == 0, result.stderr
    sessions = json.loads(result.stdout)["sessions"]
    keys = {"class", "title", "start", "end", "place", "activity", "modality", "allowed", "reasons"}
    assert all(keys <= set(s) for s in sessions)
    summary = [(s["class"], s["title"], s["start"], s["allowed"]) for s in sessions]
    assert summary == [
        ("Park district", "Mat Pilates", "2018-10-01T10:00:00+01:00", False),
        ("Park district", "Aqua aerobics", "2018-10-02T09:00:00+00:00", True),
        ("Everyone Active", "Virtual BODYPUMP", "2018-10-02T20:15:00+01:00", False),
        ("Everyone Active", "Virtual BODYPUMP", "2018-10-09T20:15:00+01:00", False),
    ]  # 8 October is excepted
    pilates = sessions[0]
    assert pilates["activity"] == "Pilates" and pilates["modality"] is None
    assert any("disc" in r.lower() and "bending forwards" in r.lower() for r in pilates["reasons"])
    assert sessions[1]["modality"] == "water_exercise" and sessions[1]["reasons"] == []
    assert sessions[0]["place"] == "Riverside Park hall"


def test_bad_input_is_a_message_and_stores_nothing(person: Run, tmp_path: Path) -> None:
    (tmp_path / "bad.ics").write_text("BEGIN:VCALENDAR\r\nthis is not right")
    result = person("classes", "add", "bad.ics")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "bad.ics" in result.stderr and "iCalendar" in result.stderr
    assert json.loads(person("classes", "calendars", "--json").stdout) == {"calendars": []}
    missing = person("classes", "add", "nowhere.ics")
    assert missing.returncode != 0 and "no such file" in missing.stderr
    (tmp_path / "x.txt").write_text("hello")
    other = person("classes", "add", "x.txt")
    assert "neither an iCalendar file" in other.stderr
    dates = person("classes", "list", "--from", "tomorrow")
    assert dates.returncode == 2 and "--from" in dates.stderr and "YYYY-MM-DD" in dates.stderr


def test_a_walk_invite_file_for_a_friend(person: Run, tmp_path: Path) -> None:
    result = person(
        "buddy",
        "walk",
        "--date",
        "2026-11-24",
        "--time",
        "09:30",
        "--place",
        "Riverside Park",
        "--with",
        "Sam",
        "--out",
        "w.ics",
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "w.ics").read_text()
    assert "SUMMARY:Walk with Sam" in text and "LOCATION:Riverside Park" in text
    assert "herniation" not in text.lower()
    wrong = person("buddy", "walk", "--date", "2026-11-25", "--time", "9h")
    assert wrong.returncode == 2 and "--time" in wrong.stderr and "HH:MM" in wrong.stderr


def test_group_walk_and_buddy_commands(person: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPRIGHT_TODAY", "2026-11-25")

    made = person("group", "create", "Park walk", "--date", "2026-11-18", "--time", "10:00",
                  "--every", "FREQ=WEEKLY;BYDAY=WE", "--tz", "Europe/London", "--place", "Gate")  # fmt: skip
    assert made.returncode == 0, made.stderr
    shown = person("group", "show", "park walk")
    assert "Wed 25 Nov at 10:00" in shown.stdout and "Gate" in shown.stdout
    went = person("group", "went", "Park walk")
    assert went.returncode == 0 and "your own planned dose" in went.stdout
    exported = json.loads(person("export", "--json").stdout)
    assert any(s["date"] == "2026-11-25" for s in exported["sessions"])
    wrong_day = person("group", "rsvp", "Park walk", "--date", "2026-11-26")
    assert wrong_day.returncode == 2 and "does not meet" in wrong_day.stderr
    bad_rule = person(
        "group",
        "create",
        "X",
        "--date",
        "2026-11-18",
        "--time",
        "10:00",
        "--every",
        "FREQ=SECONDLY",
    )
    assert bad_rule.returncode == 2 and "at most daily" in bad_rule.stderr
    code = person("buddy", "invite")
    assert code.returncode == 0 and "works once" in code.stdout
    own = person("buddy", "accept", code.stdout.split("code: ")[1].split()[0])
    assert own.returncode == 2 and "your own invitation" in own.stderr
    nobody = person("buddy", "share", "Sam", "streak")
    assert nobody.returncode == 2 and "no buddy called 'Sam'" in nobody.stderr
    assert "never shared" in person("buddy", "list").stdout
