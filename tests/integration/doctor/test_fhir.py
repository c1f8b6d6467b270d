"""FHIR: every exported bundle validates (R4B); a clinician's restrictions come back through a
bundle and change the plan; bad bundles get a clear message and change nothing."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.integration.doctor.history import live
from tests.unit.outcomes.test_measures import full
from upright import bootstrap
from upright.adapters.reports import fhir
from upright.domain.errors import InvalidInput
from upright.domain.tracking.activity import Activity
from upright.services import clearance, health_record, outcomes, planning
from upright.web.views import label

START = date(2026, 9, 7)
TODAY = START + timedelta(weeks=5)


def _export(svc: bootstrap.Services, today: date = TODAY) -> dict[str, Any]:
    me = svc.actor
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    data = health_record.record_data(svc.uow(), me, me.person_id, today, svc.library, now)
    body: dict[str, Any] = json.loads(fhir.build_bundle(data, label))
    return body


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codes(resource: dict[str, Any], field: str = "code") -> set[str]:
    return {c["code"] for c in resource[field]["coding"]}


@pytest.fixture
def lived(svc: bootstrap.Services) -> bootstrap.Services:
    me = svc.actor
    now = svc.clock.now()
    planning.save_profile(
        svc.uow(), me, me.person_id,
        {**json.loads(json.dumps(_profile())), "conditions": ["sciatica", "disc_herniation"]}, now,
    )  # fmt: skip
    clearance.record_clearance(
        svc.uow(), me, me.person_id, {"clearance": "cleared"}, svc.library, START, now, "Dr Rivera"
    )
    outcomes.record_outcomes(svc.uow(), me, me.person_id, full(), START, now)
    live(svc, START, 5, lambda w: (4, 3))
    walk = Activity(
        id="gpx-1", kind="walk", start=datetime(2026, 9, 9, 7, tzinfo=UTC), minutes=30,
        moving_minutes=29, brisk_minutes=20, distance_km=2.5, steps=3400, avg_hr=None,
        counted=True, note=None, source="gpx",
    )  # fmt: skip
    with svc.uow() as uow:
        uow.activities.add(me.person_id, walk)
        uow.commit()
    return svc


def _profile() -> dict[str, Any]:
    from tests.conftest import base_profile

    return base_profile()


def test_the_export_validates_and_holds_the_resources_and_codes(lived: bootstrap.Services) -> None:
    bundle = _export(lived)
    Bundle.model_validate(bundle)  # raises when anything is not valid R4B
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Condition", "CarePlan", "ServiceRequest", "Goal", "Observation",
            "QuestionnaireResponse"} <= kinds  # fmt: skip
    conditions = [_codes(c) for c in _resources(bundle, "Condition")]
    assert any("23056005" in c for c in conditions)  # sciatica (SNOMED)
    assert any("disc_herniation" in c for c in conditions)  # no verified SNOMED: our own code
    request = _resources(bundle, "ServiceRequest")[0]
    assert "229065009" in _codes(request)
    goal = _resources(bundle, "Goal")[0]
    assert "82290-8" in _codes(goal["target"][0], "measure")
    assert goal["target"][0]["detailQuantity"]["value"] == 150
    observed = {c for o in _resources(bundle, "Observation") for c in _codes(o)}
    assert {"72514-3", "55411-3", "41950-7", "89555-7", "68516-4", "82290-8", "82291-6",
            "91147-9"} <= observed  # fmt: skip
    steps = [o for o in _resources(bundle, "Observation") if "41950-7" in _codes(o)]
    assert steps[0]["valueQuantity"]["value"] == 3400
    questionnaires = {q["questionnaire"] for q in _resources(bundle, "QuestionnaireResponse")}
    assert {
        fhir.PEG_QUESTIONNAIRE,
        fhir.OUTCOMES_QUESTIONNAIRE,
        fhir.CLEARANCE_QUESTIONNAIRE,
    } <= questionnaires
    plan_ids = {
        a["detail"]["code"]["coding"][0]["code"]
        for a in _resources(bundle, "CarePlan")[0]["activity"]
    }
    assert "walking" in plan_ids


def test_exercise_minutes_equal_the_report_weeks(lived: bootstrap.Services) -> None:
    bundle = _export(lived)
    me = lived.actor
    from upright.services.reports import report_data

    weeks = report_data(lived.uow(), me, me.person_id, TODAY, lived.library)["progress"]["weeks"]
    minutes = {
        o["effectivePeriod"]["start"]: o["valueQuantity"]["value"]
        for o in _resources(bundle, "Observation") if "55411-3" in _codes(o)
    }  # fmt: skip
    assert minutes == {w["week_start"]: round(w["walking_minutes"], 1) for w in weeks}


def _week_ids(svc: bootstrap.Services) -> set[str]:
    me = svc.actor
    plan, _, _ = planning.current_plan(
        svc.uow(), me, me.person_id, TODAY, svc.library, svc.clock.now()
    )
    return {i.id for d in plan.days for i in d.items}


def _import(svc: bootstrap.Services, bundle: dict[str, Any]) -> dict[str, Any]:
    ids = tuple(e.id for e in svc.library.catalog.exercises)
    answers, by = fhir.read_clearance(json.dumps(bundle), ids)
    me = svc.actor
    return health_record.record_clearance_from_bundle(
        svc.uow(), me, me.person_id, answers, by, svc.library, TODAY, svc.clock.now()
    )


def _with_clinician_answers(bundle: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(bundle)
    changed["entry"] = [  # the clinician's system sends its own answers, not ours
        e for e in changed["entry"]
        if e["resource"].get("questionnaire") != fhir.CLEARANCE_QUESTIONNAIRE
    ]  # fmt: skip
    patient = _resources(changed, "Patient")[0]["id"]
    response = fhir.clearance_response(
        f"urn:uuid:{patient}", answers, "Dr Okafor", TODAY.isoformat(), label
    )
    changed["entry"].append(
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000001", "resource": response}
    )
    return changed


def test_restrictions_round_trip_through_a_bundle_and_change_the_plan(
    lived: bootstrap.Services,
) -> None:
    before = _week_ids(lived)
    assert "bird_dog" in before
    bundle = _with_clinician_answers(_export(lived), {
        "clearance": "cleared_with_restrictions", "restrictions": ["no_supine"],
        "avoid_exercises": ["bird_dog"], "max_walk_minutes": 10, "valid_until": "2027-03-01",
    })  # fmt: skip
    Bundle.model_validate(bundle)
    record = _import(lived, bundle)
    assert record["role"] == "health_record" and record["by"] == "Dr Okafor"
    after = _week_ids(lived)
    assert "bird_dog" not in after and after != before
    again = _export(lived)  # the exported bundle now carries the new answers
    ids = tuple(e.id for e in lived.library.catalog.exercises)
    answers, _ = fhir.read_clearance(json.dumps(again), ids)
    assert answers["restrictions"] == ["no_supine"] and answers["avoid_exercises"] == ["bird_dog"]
    assert answers["max_walk_minutes"] == 10 and answers["valid_until"] == "2027-03-01"


@pytest.mark.parametrize(
    "text, words",
    [
        ("this is not json", "not JSON"),
        ('{"resourceType": "Patient"}', "not a FHIR Bundle"),
        ('{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": '
         '{"resourceType": "Observation", "status": "final", "code": {"text": "x"}, '
         '"valueInteger": "many"}}]}', "not a valid FHIR R4 Bundle"),
        ('{"resourceType": "Bundle", "type": "collection"}', "holds no clearance answers"),
    ],
)  # fmt: skip
def test_a_bad_bundle_is_refused_with_a_message(
    lived: bootstrap.Services, text: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words):
        fhir.read_clearance(text, ("bird_dog",))


@pytest.mark.parametrize(
    "answers, field",
    [
        (
            {"clearance": "cleared_with_restrictions", "restrictions": ["no_running"]},
            "restrictions",
        ),
        (
            {"clearance": "cleared_with_restrictions", "avoid_exercises": ["burpee"]},
            "avoid_exercises",
        ),
        ({"clearance": "probably"}, "clearance"),
    ],
)
def test_unknown_codes_are_refused_and_nothing_changes(
    lived: bootstrap.Services, answers: dict[str, Any], field: str
) -> None:
    before = _week_ids(lived)
    bundle = _with_clinician_answers(_export(lived), answers)
    with pytest.raises(InvalidInput, match="unknown code") as caught:
        _import(lived, bundle)
    assert caught.value.field == field
    assert _week_ids(lived) == before


def test_a_valid_until_in_the_past_from_a_bundle_is_refused(lived: bootstrap.Services) -> None:
    bundle = _with_clinician_answers(
        _export(lived), {"clearance": "cleared", "valid_until": "2020-01-01"}
    )
    with pytest.raises(InvalidInput, match="in the past"):
        _import(lived, bundle)


def test_the_latest_clearance_answers_in_a_bundle_win() -> None:
    def response(status: str, on: str) -> dict[str, Any]:
        return {
            "resource": fhir.clearance_response(
                "urn:uuid:p", {"clearance": status}, "Dr A", on, label
            )
        }

    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [response("not_yet", "2026-10-02"), response("cleared", "2026-11-02"),
                        response("advised_against", "2026-09-01")]}  # fmt: skip
    answers, by = fhir.read_clearance(json.dumps(bundle), ())
    assert answers == {"clearance": "cleared"} and by == "Dr A"
