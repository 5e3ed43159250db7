"""The rules of the current checklist: several blood thinners each with its last dose, high clot
risk, allergy status required, latex, vital signs as numbers in sane ranges, imaging against the
indication, the overnight plan without an escort, physician items, and the thresholds' safe bounds."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.checklist import evaluate, normalise_answer, offered_choices
from app.domain.errors import AccessDenied, InvalidInput
from app.domain.form import Form
from app.domain.form_loader import load_form
from app.domain.readiness import answer_item
from app.domain.thresholds import check_local_threshold, within_safe_bounds

FORMS = Path(__file__).resolve().parents[2] / "forms"


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(FORMS / "vertebroplasty.ar.yaml")


def clear(**changes) -> dict[str, object]:
    """Answers with which a man with an osteoporotic fracture on no blood thinner is ready."""
    answers: dict[str, object] = {
        "identity_two_identifiers": "yes", "levels_confirmed": "yes", "level_localisation": "counted_from_sacrum",
        "tenderness_matches_level": "yes", "neuro_exam_baseline": "normal", "posterior_wall_canal": "intact",
        "recent_fracture_imaging": "mri_stir", "inr": 1.1, "platelets": 220, "haemoglobin": 12.5, "egfr": 80,
        "diabetic": "no", "blood_thinners": "none", "fasting_hours": 8, "allergy_status": "none_known",
        "active_infection_or_fever": "no", "temperature": 36.8, "bp_systolic": 130, "bp_diastolic": 80,
        "heart_rate": 78, "oxygen_saturation": 97, "can_lie_prone": "yes", "sedation_plan": "local_sedation",
        "airway_risk": "no_concern", "implanted_devices": "none", "iv_line": "yes", "antibiotic_prophylaxis": "given",
        "imaging_in_room": "yes", "escort_and_companion": "yes",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def status(result, item_id: str) -> str:
    return result.status(item_id).status


def test_clear_answers_are_complete_and_unblocked(form):
    result = evaluate(form, clear(), "M", fracture=True)
    assert result.clear, [(s.item_id, s.status) for s in result.items if s.status in ("missing", "blocking")]


# --- blood thinners: a repeatable entry ------------------------------------------------------------------
def test_two_antiplatelets_each_with_its_last_dose(form):
    drugs = [{"drug": "aspirin", "last_dose": "2026-11-20", "hold": "continued_on_physician_advice"},
             {"drug": "clopidogrel", "last_dose": "2026-11-22", "hold": "held_as_instructed"}]
    result = evaluate(form, clear(blood_thinners=drugs, high_clot_risk="no"), "M", fracture=True)
    assert result.clear
    assert result.status("blood_thinners").value == drugs


def test_warfarin_with_aspirin_and_edoxaban_are_recorded(form):
    item = form.item("blood_thinners")
    value = normalise_answer(item, [{"drug": "warfarin", "last_dose": "2026-11-21", "hold": "held_as_instructed"},
                                    {"drug": "aspirin", "last_dose": "٢٠٢٦-١١-٢٣", "hold": "held_as_instructed"},
                                    {"drug": "edoxaban", "last_dose": "2026-11-24", "hold": "held_as_instructed"}])
    assert [e["drug"] for e in value] == ["warfarin", "aspirin", "edoxaban"]
    assert value[1]["last_dose"] == "2026-11-23"  # Arabic-Indic digits typed: stored as ASCII


def test_one_drug_not_held_blocks_with_its_reason(form):
    drugs = [{"drug": "apixaban", "last_dose": "2026-11-25", "hold": "not_held"},
             {"drug": "aspirin", "last_dose": "2026-11-20", "hold": "held_as_instructed"}]
    result = evaluate(form, clear(blood_thinners=drugs, high_clot_risk="no"), "M", fracture=True)
    assert status(result, "blood_thinners") == "blocking"
    assert result.status("blood_thinners").reason == form.item("blood_thinners").blocking_reason


@pytest.mark.parametrize("raw,code", [
    ([{"drug": "warfarin", "hold": "held_as_instructed"}], "checklist_entry_incomplete"),  # no last dose
    ([{"drug": "warfarin", "last_dose": "2026-11-21", "hold": "held_as_instructed"},
      {"drug": "warfarin", "last_dose": "2026-11-22", "hold": "held_as_instructed"}], "checklist_entry_repeated"),
    ([{"drug": "heparinoid", "last_dose": "2026-11-21", "hold": "held_as_instructed"}], "checklist_answer_invalid"),
    ([{"drug": "warfarin", "last_dose": "2026-11-21", "hold": "held_as_instructed", "dose_mg": 5}],
     "checklist_answer_invalid"),
    ([], "checklist_answer_invalid"),
    ("some", "checklist_answer_invalid"),
    ([{"drug": "aspirin", "last_dose": "2026-11-21", "hold": "x"}] * 11, "checklist_answer_invalid"),
])
def test_bad_entries_are_refused(form, raw, code):
    with pytest.raises(InvalidInput) as err:
        normalise_answer(form.item("blood_thinners"), raw)
    assert err.value.code == code
    assert "2026" not in str(err.value)  # never the value itself


def test_high_clot_risk_is_asked_with_a_blood_thinner_and_flags_the_physician(form):
    assert status(evaluate(form, clear(), "M", fracture=True), "high_clot_risk") == "not_applicable"
    drugs = [{"drug": "warfarin", "last_dose": "2026-11-21", "hold": "held_as_instructed"}]
    result = evaluate(form, clear(blood_thinners=drugs), "M", fracture=True)
    assert status(result, "high_clot_risk") == "missing"
    result = evaluate(form, clear(blood_thinners=drugs, high_clot_risk="yes"), "M", fracture=True)
    assert status(result, "high_clot_risk") == "blocking"  # the physician decides, as an override


# --- allergies ------------------------------------------------------------------------------------------------
def test_allergy_status_is_a_required_answer(form):
    result = evaluate(form, clear(allergy_status=None), "M", fracture=True)
    assert status(result, "allergy_status") == "missing" and not result.complete
    for follow_up in ("allergy_cement_or_contrast", "latex_allergy", "other_allergies"):
        assert status(result, follow_up) == "not_applicable"
    result = evaluate(form, clear(), "M", fracture=True)  # "none known" is an answer
    assert status(result, "allergy_status") == "ok" and result.clear


def test_known_allergies_ask_cement_contrast_and_latex(form):
    result = evaluate(form, clear(allergy_status="known"), "M", fracture=True)
    assert status(result, "allergy_cement_or_contrast") == "missing"
    assert status(result, "latex_allergy") == "missing"
    assert status(result, "other_allergies") == "ok"  # optional free text
    result = evaluate(form, clear(allergy_status="known", allergy_cement_or_contrast="no",
                                  latex_allergy="yes_not_prepared"), "M", fracture=True)
    assert status(result, "latex_allergy") == "blocking"
    result = evaluate(form, clear(allergy_status="known", allergy_cement_or_contrast="no",
                                  latex_allergy="yes_room_prepared", other_allergies="بنسلين: طفح جلدي"),
                      "M", fracture=True)
    assert result.clear


# --- vital signs and tests: numbers with units in sane ranges ----------------------------------------------------
@pytest.mark.parametrize("item_id,bad,good", [
    ("temperature", "375", "37.5"), ("oxygen_saturation", 101, 97), ("bp_systolic", 13, 130),
    ("heart_rate", 0, 72), ("inr", 15, 1.2), ("platelets", 0, 150), ("fasting_hours", -1, 8),
    ("glucose", 120, 6.5), ("egfr", 500, 60), ("haemoglobin", 130, 13),
])
def test_a_number_outside_its_sane_range_is_refused(form, item_id, bad, good):
    item = form.item(item_id)
    with pytest.raises(InvalidInput) as err:
        normalise_answer(item, bad)
    assert err.value.code == "checklist_answer_out_of_range"
    assert err.value.params["minimum"] == item.low and err.value.params["maximum"] == item.high
    assert normalise_answer(item, good) == float(good)


def test_glucose_only_for_diabetic_patients(form):
    assert status(evaluate(form, clear(), "M", fracture=True), "glucose") == "not_applicable"
    result = evaluate(form, clear(diabetic="yes"), "M", fracture=True)
    assert status(result, "glucose") == "missing"


# --- imaging against the indication -------------------------------------------------------------------------------
def test_not_a_fracture_is_refused_for_a_fracture_indication(form):
    item = form.item("recent_fracture_imaging")
    with pytest.raises(InvalidInput) as err:
        normalise_answer(item, "not_a_fracture_indication", fracture=True)
    assert err.value.code == "checklist_choice_not_offered"
    with pytest.raises(InvalidInput):
        evaluate(form, clear(recent_fracture_imaging="not_a_fracture_indication"), "M", fracture=True)
    assert normalise_answer(item, "not_a_fracture_indication", fracture=False) == "not_a_fracture_indication"
    assert "not_a_fracture_indication" not in [c.id for c in offered_choices(item, True)]
    assert "not_a_fracture_indication" in [c.id for c in offered_choices(item, False)]
    result = evaluate(form, clear(recent_fracture_imaging="not_a_fracture_indication"), "M", fracture=False)
    assert status(result, "recent_fracture_imaging") == "ok"


# --- going home: the overnight plan -------------------------------------------------------------------------------
def test_escort_no_asks_for_the_overnight_plan(form):
    assert status(evaluate(form, clear(), "M", fracture=True), "overnight_plan") == "not_applicable"
    result = evaluate(form, clear(escort_and_companion="no"), "M", fracture=True)
    assert status(result, "overnight_plan") == "missing"
    result = evaluate(form, clear(escort_and_companion="no", overnight_plan="no_plan"), "M", fracture=True)
    assert status(result, "overnight_plan") == "blocking"
    result = evaluate(form, clear(escort_and_companion="no", overnight_plan="admission_booked"), "M", fracture=True)
    assert result.clear


@pytest.mark.parametrize("item_id,value", [
    ("level_localisation", "not_recorded"), ("tenderness_matches_level", "no"), ("neuro_exam_baseline", "not_done"),
    ("posterior_wall_canal", "not_reviewed"), ("sedation_plan", "not_decided"), ("airway_risk", "concern_not_reviewed"),
    ("implanted_devices", "present_no_plan"), ("imaging_in_room", "no"),
])
def test_new_items_block_until_done(form, item_id, value):
    assert status(evaluate(form, clear(**{item_id: value}), "M", fracture=True), item_id) == "blocking"


# --- physician items -----------------------------------------------------------------------------------------------
def test_a_physician_answers_the_physician_items(form):
    answers: dict = {}
    with pytest.raises(AccessDenied) as err:
        answer_item(form, answers, "neuro_exam_baseline", "normal", "nurse.sara", "t", True, "nurse")
    assert err.value.code == "physician_item" and answers == {}
    answer_item(form, answers, "neuro_exam_baseline", "normal", "dr.khalid", "t", True, "physician")
    assert answers["neuro_exam_baseline"]["by"] == "dr.khalid"
    answer_item(form, answers, "inr", "1.2", "nurse.sara", "t", True, "nurse")  # others: any staff member


# --- the thresholds' safe bounds -----------------------------------------------------------------------------------
@pytest.mark.parametrize("tid,bad,good", [("inr_max", 2.0, 1.8), ("platelets_min", 20, 50),
                                          ("fasting_hours_min", 2, 6), ("fasting_hours_min", 9, 8),
                                          ("fever_celsius", 39, 38.5)])
def test_local_thresholds_are_bounded(tid, bad, good):
    with pytest.raises(InvalidInput) as err:
        check_local_threshold(tid, bad)
    assert err.value.code == "threshold_out_of_range" and "safe range" in str(err.value)
    assert check_local_threshold(tid, good) == good
    assert not within_safe_bounds(tid, bad) and within_safe_bounds(tid, good)
    with pytest.raises(InvalidInput):
        check_local_threshold(tid, "1.5")
