"""The progress report as a PDF: its numbers equal the service's, within a page and size budget.

The history is lived through the real services (every planned day logged), then the PDF is
rendered and read back with pdftotext, as a doctor's computer would show it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.integration.doctor.history import live
from tests.unit.outcomes.test_measures import full
from upright import bootstrap
from upright.adapters.reports import documents
from upright.adapters.reports.pdf import render_pdf
from upright.services import outcomes, reports
from upright.web.progress_view import progress_charts
from upright.web.views import label

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

START = date(2026, 9, 7)  # a Monday
PAGES_MAX = 2
BYTES_MAX = 200_000


def _pdf(data: dict[str, Any], tmp_path: Path) -> tuple[str, int, int]:
    html = documents.render(
        "report.html", data, label, documents.pictures(),
        charts=progress_charts(data["progress"], []),
    )  # fmt: skip
    body = render_pdf(html, "Progress report")
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return text, pages, len(body)


def _report(svc: bootstrap.Services, today: date, **kw: Any) -> dict[str, Any]:
    return reports.report_data(svc.uow(), svc.actor, svc.actor.person_id, today, svc.library, **kw)


def test_numbers_in_the_pdf_equal_the_service_numbers(
    svc: bootstrap.Services, tmp_path: Path
) -> None:
    flares = {3: (5, 7), 4: (5, 7)}
    live(svc, START, 9, lambda w: flares.get(w, (4, 3)), note="Stiff after the long drive")
    today = START + timedelta(weeks=9)
    data = _report(svc, today, notes=True)
    text, pages, size = _pdf(data, tmp_path)
    assert pages <= PAGES_MAX and size <= BYTES_MAX
    flat = " ".join(text.split())
    weeks = data["progress"]["weeks"]
    assert len(weeks) == 9
    for w in weeks:
        day = date.fromisoformat(w["week_start"])
        row = (
            rf"{day.day} {day.strftime('%b %Y')} {w['active_days']} ?/ ?{w['planned_days']} "
            rf"{w['walking_minutes']:.0f} ?/ ?{w['walking_planned']:.0f} {w['longest_walk']:.0f} "
            + ("–" if w["pain_before_mean"] is None else f"{w['pain_before_mean']:g}")
        )
        assert re.search(row, flat), (row, flat[flat.find("Week of") :][:400])
    t = data["totals"]
    assert f"{t['active_days']} of {t['planned_days']} planned exercise days done" in flat
    assert f"{t['walking_minutes']} walking minutes in all" in flat
    assert "2 flare weeks in a row" in flat and len(data["flare_weeks"]) == 2
    assert "Stiff after the long drive" in flat


def test_notes_stay_out_unless_asked(svc: bootstrap.Services, tmp_path: Path) -> None:
    live(svc, START, 1, lambda w: (3, 2), note="private words")
    text, _, _ = _pdf(_report(svc, START + timedelta(weeks=1)), tmp_path)
    assert "private words" not in text and "own notes" not in text


def test_outcome_scores_and_their_verdicts_are_in_the_pdf(
    svc: bootstrap.Services, tmp_path: Path
) -> None:
    now = svc.clock.now()
    outcomes.record_outcomes(
        svc.uow(), svc.actor, svc.actor.person_id, full(back_pain_week=6), START, now
    )
    later = START + timedelta(weeks=6)
    outcomes.record_outcomes(
        svc.uow(), svc.actor, svc.actor.person_id, full(back_pain_week=3), later, now
    )
    data = _report(svc, later)
    text, _, _ = _pdf(data, tmp_path)
    flat = " ".join(text.split())
    week = next(c for c in data["outcomes"]["changes"] if c["measure"] == "back_pain_week")
    assert week["verdict"] == "better"
    assert (
        f"Back pain, past week on average {week['start']:g} {week['latest']:g} -3 1.8 real improvement"
        in flat
    )
    assert "No meaningful improvement" not in flat


def test_no_improvement_after_6_weeks_is_prompted(svc: bootstrap.Services, tmp_path: Path) -> None:
    live(svc, START, 7, lambda w: (5, 3))
    data = _report(svc, START + timedelta(weeks=7))
    assert any("No meaningful improvement after 7 weeks" in p for p in data["prompts"])
    text, _, _ = _pdf(data, tmp_path)
    assert "No meaningful improvement after 7 weeks" in " ".join(text.split())


def test_the_period_can_be_chosen_and_bad_periods_are_refused(svc: bootstrap.Services) -> None:
    from upright.domain.errors import InvalidInput

    live(svc, START, 4, lambda w: (3, 2))
    today = START + timedelta(weeks=4)
    part = _report(
        svc, today, start=START + timedelta(weeks=1), end=START + timedelta(weeks=2, days=6)
    )
    assert [w["week_start"] for w in part["progress"]["weeks"]] == [
        (START + timedelta(weeks=n)).isoformat() for n in (1, 2)
    ]
    with pytest.raises(InvalidInput, match="after the end"):
        _report(svc, today, start=today, end=START)
    with pytest.raises(InvalidInput, match="in the future"):
        _report(svc, today, end=today + timedelta(days=1))


def test_the_worst_leg_answer_of_each_week_is_in_the_report(
    svc: bootstrap.Services, tmp_path: Path
) -> None:
    live(svc, START, 2, lambda w: (3, 2), legs=lambda w: "spreading" if w == 1 else "none")
    data = _report(svc, START + timedelta(weeks=2))
    assert [w["legs"] for w in data["progress"]["weeks"]] == ["none", "spreading"]
    text, _, _ = _pdf(data, tmp_path)
    flat = " ".join(text.split())
    assert re.search(r"none .*spreading", flat)
