"""The doctor-in-the-loop commands, run as a person would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

Run = Callable[..., CompletedProcess[str]]

PROFILE = """
age = 45
conditions = ["isthmic_spondylolisthesis"]
pain_now = 4
pain_weeks = 20
clearance = "not_yet"
walk_minutes = 5
equipment = ["strap", "mat"]
days = ["mon", "wed", "fri"]
minutes_per_day = 60
"""

ANSWERS = """
back_pain_now = 5
back_pain_week = 6
leg_pain_now = 2
leg_pain_week = 3
peg_pain = 6
peg_enjoyment = 5
peg_activity = 7
psfs = [{name = "putting on socks", score = 4}]
"""


def test_outcomes_says_what_is_due_and_stores_answers_once(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    (tmp_path / "a.toml").write_text(ANSWERS)
    (tmp_path / "bad.toml").write_text(ANSWERS.replace("peg_activity = 7", ""))
    assert run("start", "--profile", "p.toml").returncode == 0
    assert "Due now: the start questions" in run("outcomes").stdout
    bad = run("outcomes", "--answers", "bad.toml")
    assert bad.returncode == 2 and "PEG needs all three" in bad.stderr
    assert "Traceback" not in bad.stderr
    saved = run("outcomes", "--answers", "a.toml", "--json")
    assert saved.returncode == 0, saved.stderr
    status = json.loads(saved.stdout)
    assert status["history"][0]["scores"]["peg"] == 6.0 and status["due"] is None
    again = run("outcomes", "--answers", "a.toml")
    assert again.returncode == 2 and "nothing is due today" in again.stderr


def test_sheet_then_clearance_changes_the_plan(run: Run, tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    made = run("sheet", "--out", "sheet.pdf")
    assert made.returncode == 0, made.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "sheet.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Isthmic spondylolisthesis" in text and "Bending backwards" in text
    assert "Valid until" in text and "Signature" in text
    bad = run("clearance", "cleared", "--valid-until", "2000-01-01", "--by", "Dr Rivera")
    assert bad.returncode == 2 and "in the past" in bad.stderr
    done = run(
        "clearance", "cleared_with_restrictions", "--restrict", "no_supine", "--avoid",
        "bird_dog", "--walk-limit", "10", "--by", "Dr Rivera", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["record"]["by"] == "Dr Rivera"
    items = [i for d in body["plan"]["days"] for i in d["items"]]
    assert items and all("supine" not in i["movements"] for i in items)
    assert all(i["id"] != "bird_dog" for i in items)
    assert {i["id"] for i in items} - {"walking"}  # cleared: more than the walking starter


def test_report_writes_a_pdf_and_refuses_a_bad_period(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    made = run("report", "--out", "report.pdf")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    bad = run("report", "--out", "r.pdf", "--from", "2030-01-01", "--to", "2020-01-01")
    assert bad.returncode == 2 and "error:" in bad.stderr and "Traceback" not in bad.stderr
    wrong = run("report", "--out", "report.docx")
    assert wrong.returncode == 2 and ".pdf, .html" in wrong.stderr


def test_fhir_export_then_import_of_a_clinicians_answers(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PROFILE)
    assert run("start", "--profile", "p.toml").returncode == 0
    assert run("clearance", "cleared", "--by", "Dr Rivera").returncode == 0
    made = run("export", "--fhir", "record.json")
    assert made.returncode == 0, made.stderr
    bundle = json.loads((tmp_path / "record.json").read_text())
    assert bundle["resourceType"] == "Bundle"
    for entry in bundle["entry"]:
        r = entry["resource"]
        if r["resourceType"] == "QuestionnaireResponse" and "clearance" in r["questionnaire"]:
            r["item"][0]["answer"][0]["valueCoding"]["code"] = "cleared_with_restrictions"
            r["item"].append(
                {
                    "linkId": "restrictions",
                    "answer": [
                        {
                            "valueCoding": {
                                "system": "urn:upright:fhir:restriction",
                                "code": "no_supine",
                            }
                        }
                    ],
                }
            )
            r["author"] = {"display": "Dr Okafor"}
    (tmp_path / "back.json").write_text(json.dumps(bundle))
    imported = run("import", "back.json")
    assert imported.returncode == 0, imported.stderr
    assert "Dr Okafor" in imported.stdout
    plan = (
        json.loads(run("week", "--json").stdout)
        if "--json" in run("week", "--help").stdout
        else None
    )
    if plan is not None:
        items = [i for d in plan["days"] for i in d["items"]]
        assert all("supine" not in i["movements"] for i in items)
    (tmp_path / "bad.json").write_text('{"resourceType": "Bundle", "type": "collection"}')
    bad = run("import", "bad.json")
    assert bad.returncode == 2 and "no clearance answers" in bad.stderr
