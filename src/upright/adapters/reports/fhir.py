"""A person's record as an HL7 FHIR R4 Bundle (R4B models of fhir.resources), and clearance
answers read back from one.

What goes in follows the Physical Activity Implementation Guide where it applies (reference.md
§7): Patient; Condition (SNOMED CT where the reference lists a code, §7.4); CarePlan and
ServiceRequest for the program (SNOMED 229065009 exercise therapy, category PhysicalActivity);
Goal 150 min/week (LOINC 82290-8); Observations: pain 72514-3, exercise minutes 55411-3, steps
41950-7, the Exercise Vital Sign 89555-7 / 68516-4 / 82290-8, muscle-strengthening days 82291-6,
PEG score 91147-9; QuestionnaireResponses for the outcome answers, the PEG (LOINC panel 91148-7)
and the clearance sheet. Every bundle is validated by the models before it is written.

The clinician's answers come back as a QuestionnaireResponse for the clearance sheet
(``CLEARANCE_QUESTIONNAIRE``), coded in Upright's own code systems.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Final

from upright.adapters.reports.text import dose_text
from upright.domain import vocab
from upright.domain.errors import CatalogError, InvalidInput
from upright.domain.planning.plan import PlanItem

SNOMED: Final = "http://snomed.info/sct"
LOINC: Final = "http://loinc.org"
UCUM: Final = "http://unitsofmeasure.org"
OBS_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
PA_CODES: Final = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
CONDITION_CLINICAL: Final = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/condition-category"
#: Upright's own words, as code systems (the vocabularies of docs/contracts.md)
UPRIGHT_CONDITION: Final = "urn:upright:fhir:condition"
UPRIGHT_CLEARANCE: Final = "urn:upright:fhir:clearance"
UPRIGHT_RESTRICTION: Final = "urn:upright:fhir:restriction"
UPRIGHT_EXERCISE: Final = "urn:upright:fhir:exercise"
CLEARANCE_QUESTIONNAIRE: Final = "urn:upright:fhir:questionnaire:clearance-sheet"
OUTCOMES_QUESTIONNAIRE: Final = "urn:upright:fhir:questionnaire:outcomes"
PEG_QUESTIONNAIRE: Final = "http://loinc.org/q/91148-7"

#: condition -> (SNOMED CT code, display), only where reference.md §7.4 gives one ([V] or [P])
CONDITION_SNOMED: Final[dict[str, tuple[str, str]]] = {
    "nonspecific_acute": ("278862001", "Acute low back pain"),
    "nonspecific_chronic": ("278860009", "Chronic low back pain"),
    "sciatica": ("23056005", "Sciatica"),
    "spinal_stenosis": ("18347007", "Spinal stenosis of lumbar region"),
    "isthmic_spondylolisthesis": ("274152003", "Spondylolisthesis"),
    "degenerative_spondylolisthesis": ("274152003", "Spondylolisthesis"),
    "osteoporosis": ("64859006", "Osteoporosis"),
    "unknown": ("279039007", "Low back pain"),
}

Label = Callable[[str], str]


def _id(person: int, *parts: object) -> str:
    """A stable id: the same record exports with the same ids."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "upright:" + ":".join(map(str, (person, *parts)))))


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def _concept(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [_coding(system, code, display)], "text": display}


def _qty(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


class _Builder:
    def __init__(self, data: dict[str, Any], label: Label) -> None:
        self.d = data
        self.label = label
        self.person = int(data["person_id"])
        self.entries: list[dict[str, Any]] = []
        self.patient = self.ref("Patient")

    def ref(self, kind: str, *parts: object) -> str:
        return f"urn:uuid:{_id(self.person, kind, *parts)}"

    def add(self, url: str, resource: dict[str, Any]) -> None:
        resource["id"] = url.rsplit(":", 1)[-1]
        self.entries.append({"fullUrl": url, "resource": resource})

    def observation(
        self, key: tuple[object, ...], code: str, display: str, category: str, **value: Any
    ) -> str:
        url = self.ref("Observation", code, *key)
        resource = {
            "resourceType": "Observation", "status": "final",
            "category": [{"coding": [_coding(OBS_CATEGORY, category)]}],
            "code": _concept(LOINC, code, display), "subject": {"reference": self.patient},
            **value,
        }  # fmt: skip
        if category == "activity":
            resource["category"].append({"coding": [_coding(PA_CODES, "PhysicalActivity")]})
        self.add(url, resource)
        return url

    # ------------------------------------------------------------------ resources

    def build(self) -> dict[str, Any]:
        d = self.d
        self.add(self.patient, {"resourceType": "Patient", "active": True})
        conditions = [self.condition(c) for c in d["conditions"] or ["unknown"]]
        goal = self.goal()
        careplan = self.ref("CarePlan")
        request = self.service_request(careplan, goal, conditions)
        self.careplan(careplan, goal, request, conditions)
        self.pain()
        self.exercise_minutes()
        self.steps()
        self.evs()
        self.outcomes()
        self.clearance()
        return {
            "resourceType": "Bundle", "id": _id(self.person, "Bundle", d["exported_at"]),
            "type": "collection", "timestamp": d["exported_at"], "entry": self.entries,
        }  # fmt: skip

    def condition(self, word: str) -> str:
        url = self.ref("Condition", word)
        codings = []
        if word in CONDITION_SNOMED:
            code, display = CONDITION_SNOMED[word]
            codings.append(_coding(SNOMED, code, display))
        codings.append(_coding(UPRIGHT_CONDITION, word, self.label(word)))
        self.add(url, {
            "resourceType": "Condition",
            "clinicalStatus": {"coding": [_coding(CONDITION_CLINICAL, "active")]},
            "category": [{"coding": [_coding(CONDITION_CATEGORY, "problem-list-item")]}],
            "code": {"coding": codings, "text": self.label(word)},
            "subject": {"reference": self.patient},
            "note": [{"text": "As told by the person (self-reported)."}],
        })  # fmt: skip
        return url

    def goal(self) -> str:
        url = self.ref("Goal", "weekly-minutes")
        self.add(url, {
            "resourceType": "Goal", "lifecycleStatus": "active",
            "description": {"text": "150 minutes of moderate aerobic activity (brisk walking or an alternative) a week"},
            "subject": {"reference": self.patient},
            "target": [{
                "measure": _concept(LOINC, "82290-8", "Frequency of moderate to vigorous aerobic physical activity"),
                "detailQuantity": _qty(150, "min/wk", "min/wk"),
            }],
        })  # fmt: skip
        return url

    def service_request(self, careplan: str, goal: str, conditions: list[str]) -> str:
        url = self.ref("ServiceRequest", "program")
        start = self.d["plan"]["week_start"]
        self.add(url, {
            "resourceType": "ServiceRequest", "status": "active", "intent": "plan",
            "category": [{"coding": [_coding(PA_CODES, "PhysicalActivity")]}],
            "code": _concept(SNOMED, "229065009", "Exercise therapy (regime/therapy)"),
            "subject": {"reference": self.patient}, "basedOn": [{"reference": careplan}],
            "occurrencePeriod": {"start": start},
            "reasonReference": [{"reference": c} for c in conditions],
            "note": [{"text": "Graded core exercises, daily hamstring stretches and brisk walking, rising in small steps (Upright). Not medical advice."}],
        })  # fmt: skip
        return url

    def careplan(self, url: str, goal: str, request: str, conditions: list[str]) -> None:
        plan = self.d["plan"]
        activities: dict[str, dict[str, Any]] = {}
        for day in plan["days"]:
            for item in day["items"]:
                if item["id"] in activities:
                    activities[item["id"]]["detail"]["scheduledString"] += f", {day['weekday']}"
                    continue
                text = dose_text(
                    PlanItem(item["id"], item["name"], item["category"], (), item["dose"], ())
                )
                activities[item["id"]] = {"reference": {"reference": request}, "detail": {
                    "kind": "ServiceRequest", "status": "scheduled",
                    "code": {"coding": [_coding(UPRIGHT_EXERCISE, item["id"], item["name"])], "text": item["name"]},
                    "description": text, "goal": [{"reference": goal}],
                    "scheduledString": f"week of {plan['week_start']}: {day['weekday']}",
                }}  # fmt: skip
        for item in activities.values():
            del item["reference"]  # R4B: an activity has either a reference or a detail
        self.add(url, {
            "resourceType": "CarePlan", "status": "active", "intent": "plan",
            "title": "Upright back-health exercise program",
            "subject": {"reference": self.patient}, "period": {"start": plan["week_start"]},
            "addresses": [{"reference": c} for c in conditions], "goal": [{"reference": goal}],
            "activity": list(activities.values()),
        })  # fmt: skip

    def pain(self) -> None:
        for s in self.d["sessions"]:
            self.observation(
                ("session", s["date"]), "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
                "survey", effectiveDateTime=s["date"], valueInteger=int(s["pain_before"]),
                bodySite={"text": "Lower back"}, note=[{"text": "Before an exercise session."}],
            )  # fmt: skip

    def exercise_minutes(self) -> None:
        for w in self.d["progress"]["weeks"]:
            end = (date.fromisoformat(w["week_start"]) + timedelta(days=6)).isoformat()
            self.observation(
                ("week", w["week_start"]), "55411-3", "Exercise duration", "activity",
                effectivePeriod={"start": w["week_start"], "end": end},
                valueQuantity=_qty(round(float(w["walking_minutes"]), 1), "min", "min"),
                note=[{"text": "Aerobic minutes (walking or an alternative) in the week."}],
            )  # fmt: skip

    def steps(self) -> None:
        for day, count in self.d["steps_by_day"].items():
            self.observation(
                ("steps", day), "41950-7", "Number of steps in 24 hour Measured", "activity",
                effectiveDateTime=day, valueQuantity=_qty(count, "steps/day", "/d"),
            )  # fmt: skip

    def evs(self) -> None:
        evs = self.d["evs"]
        if not evs:
            return
        period = {"start": evs["start"], "end": evs["end"]}
        rows = (
            ("89555-7", "Days per week of moderate to strenuous physical activity", evs["days_per_week"], "d/wk", "d/wk"),
            ("68516-4", "Minutes per day of moderate to strenuous physical activity", evs["minutes_per_day"], "min/d", "min/d"),
            ("82290-8", "Frequency of moderate to vigorous aerobic physical activity", evs["minutes_per_week"], "min/wk", "min/wk"),
            ("82291-6", "Frequency of muscle-strengthening physical activity", evs["strength_days_per_week"], "d/wk", "d/wk"),
        )  # fmt: skip
        for code, display, value, unit, ucum in rows:
            self.observation(
                ("evs", evs["start"]), code, display, "activity", effectivePeriod=period,
                valueQuantity=_qty(value, unit, ucum),
            )  # fmt: skip

    def outcomes(self) -> None:
        from upright.domain.outcomes.measures import NRS_ITEMS, PEG_ITEMS, parse_answers

        for row in self.d["outcome_rows"]:
            answers = parse_answers(row["answers"])
            on = row["on"]
            items = [
                {"linkId": k, "text": text, "answer": [{"valueInteger": getattr(answers, k)}]}
                for k, text in NRS_ITEMS.items()
            ]
            items += [
                {"linkId": f"psfs-{n}", "text": f"Activity: {a.name}", "answer": [{"valueInteger": a.score}]}
                for n, a in enumerate(answers.psfs, 1)
            ]  # fmt: skip
            outcome_url = self.ref("QuestionnaireResponse", "outcomes", on)
            self.add(outcome_url, {
                "resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": OUTCOMES_QUESTIONNAIRE, "subject": {"reference": self.patient},
                "authored": on, "item": items,
            })  # fmt: skip
            peg_url = self.ref("QuestionnaireResponse", "peg", on)
            self.add(peg_url, {
                "resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": PEG_QUESTIONNAIRE, "subject": {"reference": self.patient},
                "authored": on,
                "item": [
                    {"linkId": k, "text": text, "answer": [{"valueInteger": getattr(answers, k)}]}
                    for k, text in PEG_ITEMS.items()
                ],
            })  # fmt: skip
            self.observation(
                ("peg", on), "91147-9", "PEG score", "survey", effectiveDateTime=on,
                valueQuantity=_qty(answers.peg, "{score}", "{score}"),
                derivedFrom=[{"reference": peg_url}],
            )  # fmt: skip
            for k in ("back_pain_now", "leg_pain_now"):
                self.observation(
                    ("outcome", k, on), "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
                    "survey", effectiveDateTime=on, valueInteger=getattr(answers, k),
                    bodySite={"text": "Lower back" if k.startswith("back") else "Leg"},
                    derivedFrom=[{"reference": outcome_url}],
                )  # fmt: skip

    def clearance(self) -> None:
        c = self.d["clearance"]
        last = c.get("last")
        if last is None:
            return
        a = last["data"]
        self.add(self.ref("QuestionnaireResponse", "clearance", last["at"]), clearance_response(
            self.patient, a, last["by"], last["at"][:10], self.label,
        ))  # fmt: skip


def clearance_response(
    patient: str, answers: dict[str, Any], by: str, on: str, label: Label
) -> dict[str, Any]:
    """The clearance sheet's answers as a QuestionnaireResponse (what ``read_clearance`` reads)."""
    items: list[dict[str, Any]] = [{
        "linkId": "clearance", "text": "Cleared to exercise?",
        "answer": [{"valueCoding": _coding(UPRIGHT_CLEARANCE, answers["clearance"], label(answers["clearance"]))}],
    }]  # fmt: skip
    if answers.get("restrictions"):
        items.append({"linkId": "restrictions", "text": "Restrictions", "answer": [
            {"valueCoding": _coding(UPRIGHT_RESTRICTION, r, label(r))} for r in answers["restrictions"]
        ]})  # fmt: skip
    if answers.get("max_walk_minutes"):
        items.append({"linkId": "max_walk_minutes", "text": "Walking limit, minutes at a time",
                      "answer": [{"valueInteger": int(answers["max_walk_minutes"])}]})  # fmt: skip
    if answers.get("avoid_exercises"):
        items.append({"linkId": "avoid_exercises", "text": "Exercises to avoid", "answer": [
            {"valueCoding": _coding(UPRIGHT_EXERCISE, x)} for x in answers["avoid_exercises"]
        ]})  # fmt: skip
    if answers.get("valid_until"):
        items.append({"linkId": "valid_until", "text": "Valid until",
                      "answer": [{"valueDate": answers["valid_until"]}]})  # fmt: skip
    return {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": CLEARANCE_QUESTIONNAIRE, "subject": {"reference": patient},
        "authored": on, "author": {"display": by}, "item": items,
    }  # fmt: skip


def _validate(bundle: dict[str, Any]) -> Any:
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        return Bundle.model_validate(bundle)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InvalidInput(
            "bundle", f"not a valid FHIR R4 Bundle: {where}: {first.get('msg')}"
        ) from None


def build_bundle(data: dict[str, Any], label: Label) -> str:
    """The record as Bundle JSON, validated by the R4B models (a failure is our bug)."""
    bundle = _Builder(data, label).build()
    try:
        _validate(bundle)
    except InvalidInput as error:
        raise CatalogError(
            f"the FHIR bundle Upright built does not validate ({error.problem})"
        ) from None
    return json.dumps(bundle, indent=2, ensure_ascii=False)


# ---------------------------------------------------------------------- reading back

MAX_BYTES: Final = 20_000_000


def _codes(item: dict[str, Any], system: str, field: str, allowed: tuple[str, ...]) -> list[str]:
    out = []
    for answer in item.get("answer") or []:
        coding = answer.get("valueCoding") or {}
        if coding.get("system") != system:
            raise InvalidInput(field, f"an answer is not coded in {system}", allowed)
        code = str(coding.get("code", ""))
        if code not in allowed:
            raise InvalidInput(field, f"unknown code '{code[:40]}'", allowed)
        out.append(code)
    return out


def read_clearance(text: str, exercise_ids: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    """The clinician's answers from a Bundle (JSON text) and who gave them.

    Refused with a message: text that is not JSON, JSON that is not a valid FHIR R4 Bundle, a
    bundle with no clearance-sheet answers, or answers with codes Upright does not know.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput("bundle", f"not JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise InvalidInput("bundle", "not a FHIR Bundle (resourceType must be 'Bundle')")
    _validate(data)
    found = [
        e["resource"] for e in data.get("entry") or []
        if isinstance(e.get("resource"), dict)
        and e["resource"].get("resourceType") == "QuestionnaireResponse"
        and e["resource"].get("questionnaire") == CLEARANCE_QUESTIONNAIRE
    ]  # fmt: skip
    if not found:
        raise InvalidInput(
            "bundle",
            "holds no clearance answers (a QuestionnaireResponse for the Upright clearance sheet)",
        )
    response = max(found, key=lambda r: str(r.get("authored", "")))  # the latest answers win
    answers: dict[str, Any] = {}
    for item in response.get("item") or []:
        link = item.get("linkId")
        if link == "clearance":
            codes = _codes(item, UPRIGHT_CLEARANCE, "clearance", vocab.CLEARANCE)
            answers["clearance"] = codes[0] if codes else ""
        elif link == "restrictions":
            answers["restrictions"] = _codes(
                item, UPRIGHT_RESTRICTION, "restrictions", tuple(vocab.RESTRICTIONS)
            )
        elif link == "avoid_exercises":
            answers["avoid_exercises"] = _codes(
                item, UPRIGHT_EXERCISE, "avoid_exercises", exercise_ids
            )
        elif link == "max_walk_minutes":
            values = [a.get("valueInteger") for a in item.get("answer") or []]
            answers["max_walk_minutes"] = values[0] if values else None
        elif link == "valid_until":
            values = [a.get("valueDate") for a in item.get("answer") or []]
            answers["valid_until"] = values[0] if values else None
        else:
            raise InvalidInput("bundle", f"unknown question '{str(link)[:40]}' in the clearance answers",
                               ("clearance", "restrictions", "max_walk_minutes", "avoid_exercises", "valid_until"))  # fmt: skip
    if "clearance" not in answers:
        raise InvalidInput(
            "clearance",
            "the clearance answers have no answer to 'Cleared to exercise?'",
            vocab.CLEARANCE,
        )
    by = str((response.get("author") or {}).get("display") or "a health record")[:120]
    return answers, by
