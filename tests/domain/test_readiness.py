"""The pre-procedure readiness check in progress (app.domain.readiness.ReadinessDraft)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.domain.form_loader import load_form
from app.domain.readiness import ReadinessDraft
from app.domain.rules import FRACTURE_WINDOW_ITEM

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-28T06:00:00+00:00"

CLEAR = {
    "identity_two_identifiers": "yes", "levels_confirmed": "yes", "recent_fracture_imaging": "mri_stir",
    "inr": 1.1, "platelets": 200, "anticoagulant": "none", "fasting_hours": 8,
    "allergy_cement_or_contrast": "no", "pregnancy": "not_possible", "active_infection_or_fever": "no",
    "temperature": 36.8, "can_lie_prone": "yes", "escort_and_companion": "yes", "iv_line": "yes",
    "vital_signs": "BP 130/80, HR 78",
}


@pytest.fixture(scope="module")
def form():
    return load_form(ROOT / "tests" / "fixtures" / "forms_2026.11-1" / "vertebroplasty.ar.yaml")  # schema 1


def vdraft(form, warnings=(), sex="F") -> ReadinessDraft:
    return ReadinessDraft(
        draft_id="V1", consent_record_id="CR-2026-AAAAAAAA", form_sha=form.content_sha256,
        patient={"name_ar": "فاطمة", "sex": sex, "mrn": "100234"},
        procedure={"name": "vertebroplasty", "levels": ["L1"], "warnings": list(warnings)},
        created_by="nurse.a", created_at=AT, consent_warnings=list(warnings))


def answered(form, changes=None, sex="F", warnings=()) -> ReadinessDraft:
    d = vdraft(form, warnings, sex)
    values = {**CLEAR, **(changes or {})}
    for item, value in values.items():
        if value is not None:
            d.answer(form, item, value, "nurse.a", AT)
    return d


def test_answers_are_normalised_with_who_and_when(form):
    d = vdraft(form)
    assert d.answer(form, "identity_two_identifiers", "نعم", "nurse.a", AT) == "yes"
    assert d.answer(form, "inr", "١٫٤", "nurse.b", AT) == 1.4
    assert d.answers["inr"] == {"value": 1.4, "by": "nurse.b", "at": AT}
    assert d.values() == {"identity_two_identifiers": "yes", "inr": 1.4}


def test_unknown_item_and_bad_answer(form):
    d = vdraft(form)
    with pytest.raises(InvalidInput) as err:
        d.answer(form, "no_such_item", "yes", "nurse.a", AT)
    assert err.value.code == "checklist_item_unknown"
    with pytest.raises(InvalidInput) as err:
        d.answer(form, "inr", "high", "nurse.a", AT)
    assert err.value.code == "checklist_answer_invalid"
    assert d.answers == {}


# At bfeb95a this failed (normalise_answer raised "no answer" before the clearing branch); fixed in the tree.
def test_blank_answer_clears_the_item(form):
    d = vdraft(form)
    d.answer(form, "inr", 1.2, "nurse.a", AT)
    d.answer(form, "inr", "", "nurse.a", AT)
    assert "inr" not in d.answers
    d.answer(form, "inr", 1.2, "nurse.a", AT)
    d.answer(form, "inr", None, "nurse.a", AT)
    assert "inr" not in d.answers


def test_clear_checklist_has_no_blocks(form):
    d = answered(form)
    result = d.evaluate(form, None)
    assert result.complete and result.clear
    assert d.open_blocks(result) == []


def test_missing_required_items_are_reported(form):
    d = answered(form, {"inr": None, "vital_signs": None})
    result = d.evaluate(form, None)
    assert not result.complete
    assert {s.item_id for s in result.missing} == {"inr", "vital_signs"}


@pytest.mark.parametrize("changes,block", [
    ({"inr": 1.6}, "inr"),
    ({"platelets": 40}, "platelets"),
    ({"anticoagulant": "warfarin", "anticoagulant_last_dose": "2026-11-20", "anticoagulant_hold": "not_held"},
     "anticoagulant_hold"),
    ({"temperature": 38.0}, "temperature"),
    ({"allergy_cement_or_contrast": "yes"}, "allergy_cement_or_contrast"),
    ({"pregnancy": "not_ruled_out"}, "pregnancy"),
])
def test_blocking_answers(form, changes, block):
    d = answered(form, changes)
    result = d.evaluate(form, None)
    assert result.complete
    assert d.open_blocks(result) == [block]


def test_inr_at_the_threshold_is_fine_and_local_threshold_applies(form):
    d = answered(form, {"inr": 1.5})
    assert d.open_blocks(d.evaluate(form, None)) == []
    d = answered(form, {"inr": 1.7})
    assert d.open_blocks(d.evaluate(form, None)) == ["inr"]
    assert d.open_blocks(d.evaluate(form, {"inr_max": 1.8})) == []


def test_anticoagulant_held_does_not_block_but_needs_the_dates(form):
    d = answered(form, {"anticoagulant": "apixaban"})
    result = d.evaluate(form, None)
    assert {s.item_id for s in result.missing} == {"anticoagulant_last_dose", "anticoagulant_hold"}
    d.answer(form, "anticoagulant_last_dose", "2026-11-25", "nurse.a", AT)
    d.answer(form, "anticoagulant_hold", "held_as_instructed", "nurse.a", AT)
    assert d.evaluate(form, None).clear


def test_pregnancy_not_asked_for_men(form):
    d = answered(form, {"pregnancy": None}, sex="M")
    result = d.evaluate(form, None)
    assert result.status("pregnancy").status == "not_applicable" and result.clear


def test_override_removes_a_block(form):
    d = answered(form, {"inr": 2.0, "platelets": 30})
    assert d.open_blocks(d.evaluate(form, None)) == ["inr", "platelets"]
    d.override("inr", "جرعة فيتامين ك أعطيت وقرار الطبيب المتابعة", "dr.k", AT)
    assert d.open_blocks(d.evaluate(form, None)) == ["platelets"]
    assert d.overrides == [{"item": "inr", "reason": "جرعة فيتامين ك أعطيت وقرار الطبيب المتابعة",
                            "by": "dr.k", "at": AT}]


@pytest.mark.parametrize("reason", ["", "لا"])
def test_override_needs_a_reason(form, reason):
    d = answered(form, {"inr": 2.0})
    with pytest.raises(InvalidInput):
        d.override("inr", reason, "dr.k", AT)
    assert d.open_blocks(d.evaluate(form, None)) == ["inr"]


def test_consent_warnings_are_carried_as_blocks(form):
    warning = {"code": FRACTURE_WINDOW_ITEM, "days": 70, "weeks": 10}
    d = answered(form, warnings=[warning])
    assert d.open_blocks(d.evaluate(form, None)) == [FRACTURE_WINDOW_ITEM]
    d.override(FRACTURE_WINDOW_ITEM, "قرار الطبيب بعد مراجعة الرنين", "dr.k", AT)
    assert d.open_blocks(d.evaluate(form, None)) == []


def test_state_round_trips_through_json(form):
    d = answered(form, {"inr": 2.0}, warnings=[{"code": FRACTURE_WINDOW_ITEM, "days": 70, "weeks": 10}])
    d.override("inr", "قرار الطبيب بعد المراجعة", "dr.k", AT)
    d.reconfirmed_by, d.reconfirmed_at = "nurse.a", AT
    back = ReadinessDraft.from_state(json.loads(json.dumps(d.to_state(), ensure_ascii=False)))
    assert back == d
    assert back.open_blocks(back.evaluate(form, None)) == [FRACTURE_WINDOW_ITEM]


def record(form, d):
    info = {"procedure": form.procedure, "language": form.language, "version": form.version,
            "content_sha256": form.content_sha256, "approved_by": None, "approved_at": None}
    return d.build_record(form=form, form_info=info, record_id="PV-2026-BBBBBBBB", institution={}, staff={},
                          thresholds=None, audit_head="0" * 64, created_at=AT, signed_at=AT, demo=True,
                          verified_by={"username": "nurse.a", "name": "سارة", "at": AT})


def test_record_refers_to_the_consent_and_says_ready(form):
    d = answered(form)
    rec = record(form, d)
    assert rec["kind"] == "verification" and rec["refers_to"] == "CR-2026-AAAAAAAA"
    assert rec["ready"] is True and rec["open_blocks"] == []
    rows = {r["item"]: r for r in rec["checklist"]}
    assert rows["inr"]["value"] == 1.1 and rows["inr"]["by"] == "nurse.a" and rows["inr"]["at"] == AT
    assert rec["thresholds"]["inr_max"] == 1.5


def test_record_of_a_blocked_readiness_check_is_not_ready(form):
    d = answered(form, {"inr": 2.0})
    rec = record(form, d)
    assert rec["ready"] is False and rec["open_blocks"] == ["inr"]
    assert {r["item"]: r for r in rec["checklist"]}["inr"]["status"] == "blocking"
    d.override("inr", "قرار الطبيب بعد المراجعة", "dr.k", AT)
    rec = record(form, d)
    assert rec["ready"] is True and rec["overrides"][0]["item"] == "inr"


def test_incomplete_readiness_check_is_not_ready(form):
    rec = record(form, answered(form, {"vital_signs": None}))
    assert rec["ready"] is False and rec["open_blocks"] == []
