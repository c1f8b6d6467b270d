"""``upright import`` / ``upright activities`` through Typer, wired to fakes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import typer
from typer.testing import CliRunner

from tests.fakes import FakeUnitOfWork, FixedClock
from tests.integration.importers.conftest import fixture
from upright.adapters.importers import DeviceFileReader
from upright.cli import imports as cli_imports
from upright.services.access import Actor


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    uow = FakeUnitOfWork()
    wired = SimpleNamespace(
        uow=lambda: uow,
        clock=FixedClock(datetime(2026, 1, 1, tzinfo=UTC)),
        actor=Actor(1),
        files=DeviceFileReader(),
    )
    import upright.cli.context as context

    monkeypatch.setattr(context, "services", lambda: wired)
    app = typer.Typer()
    cli_imports.register(app)
    return app


def test_import_json_and_exit_code(app: typer.Typer) -> None:
    runner = CliRunner()
    good = str(fixture("fit/fitparse__garmin-fenix-5-walk.fit"))
    bad = str(fixture("gpx/togeojson__bad.gpx"))
    result = runner.invoke(app, ["import", good, bad, "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["status"] for f in data["files"]] == ["imported", "failed"]
    assert "line 5" in data["files"][1]["error"]
    listed = runner.invoke(app, ["activities", "--json"])
    assert json.loads(listed.stdout)["activities"][0]["kind"] == "walk"


def test_import_summary_is_readable(app: typer.Typer) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["import", str(fixture("fit/fitparse__sample_mulitple_header.fit"))]
    )
    assert result.exit_code == 0, result.output
    for word in ("imported", "swim", "bike", "run", "transition", "Skipped"):
        assert word in result.output
    assert "Traceback" not in result.output
    assert "bike" in runner.invoke(app, ["activities"]).output
