"""FHIR in and out: ``upright export --fhir FILE`` and ``upright import bundle.json``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from upright.adapters.reports import fhir
from upright.cli.context import services
from upright.domain.errors import InvalidInput
from upright.domain.labels import label
from upright.services import health_record

console = Console(highlight=False)


def export_fhir(out: Path) -> None:
    svc = services()
    data = health_record.record_data(
        svc.uow(), svc.actor, svc.actor.person_id, svc.clock.today(), svc.library, svc.clock.now()
    )
    text = fhir.build_bundle(data, label)
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise InvalidInput("--fhir", f"cannot write {out}: {error.strerror}") from None
    count = len(json.loads(text)["entry"])
    console.print(f"Written to {escape(str(out))}: a FHIR R4 Bundle of {count} resources.")


def import_bundle(path: str, json_out: bool) -> None:
    svc = services()
    p = Path(path)
    if p.stat().st_size > fhir.MAX_BYTES:
        raise InvalidInput("bundle", f"{p.name} is too large (at most {fhir.MAX_BYTES >> 20} MB)")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("bundle", f"{p.name} is not UTF-8 text") from None
    ids = tuple(e.id for e in svc.library.catalog.exercises)
    answers, by = fhir.read_clearance(text, ids)
    record = health_record.record_clearance_from_bundle(
        svc.uow(), svc.actor, svc.actor.person_id, answers, by, svc.library,
        svc.clock.today(), svc.clock.now(),
    )  # fmt: skip
    if json_out:
        typer.echo(json.dumps(record, indent=2))
        return
    console.print(
        f"Clearance read from {escape(p.name)}: {escape(label(record['data']['clearance']))} "
        f"(by {escape(record['by'])}). Your plan follows it now."
    )
