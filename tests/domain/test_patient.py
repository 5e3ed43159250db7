import datetime as dt

import pytest

from app.domain.errors import InvalidInput
from app.domain.levels import normalise_levels
from app.domain.patient import parse_patient_json

TODAY = dt.date(2026, 11, 28)


def patient_json(**overrides):
    data = {
        "name_ar": "فاطمة عبدالله الزهراني", "name_latin": "Fatimah Alzahrani", "mrn": "MRN-100234",
        "national_id": "1023456789", "birth_date": "1948-05-17", "sex": "F",
        "procedure": "vertebroplasty", "levels": ["L1", "T12"], "indication": "osteoporotic",
        "fracture_date": "2026-10-30", "planned_date": "2026-12-01",
    }
    data.update(overrides)
    return data


def test_valid_patient_json():
    patient, plan = parse_patient_json(patient_json(mrn="١٠٠٢٣٤"), TODAY)
    assert patient.mrn == "100234"
    assert plan.levels == ("T12", "L1")  # head to tail, whatever order they were given
    assert plan.planned_date == dt.date(2026, 12, 1)


def test_planned_date_defaults_to_today():
    _, plan = parse_patient_json(patient_json(planned_date=None), TODAY)
    assert plan.planned_date == TODAY


@pytest.mark.parametrize("overrides, code", [
    ({"sex": "X"}, "sex_invalid"),
    ({"birth_date": "17/05/1948"}, "date_invalid"),
    ({"birth_date": "2030-01-01"}, "birth_date_out_of_range"),
    ({"procedure": "laminectomy"}, "procedure_invalid"),
    ({"indication": "trauma"}, "indication_invalid"),
    ({"levels": []}, "levels_required"),
    ({"levels": ["Z9"]}, "level_invalid"),
    ({"fracture_date": None}, "fracture_date_required"),
    ({"fracture_date": "2026-12-05"}, "fracture_after_procedure"),
    ({"planned_date": "2026-01-01", "fracture_date": "2025-12-01"}, "planned_in_past"),
    ({"mrn": ""}, "field_required"),
    ({"mrn": "12\u202e34"}, "field_forbidden_character"),
    ({"name_ar": "\u200fفاطمة"}, "field_forbidden_character"),
    ({"extra": 1}, "patient_json_unknown_key"),
])
def test_bad_patient_json_is_refused_with_a_code(overrides, code):
    with pytest.raises(InvalidInput) as err:
        parse_patient_json(patient_json(**overrides), TODAY)
    assert err.value.code == code


def test_haemangioma_needs_no_fracture_date():
    _, plan = parse_patient_json(patient_json(indication="haemangioma", fracture_date=None), TODAY)
    assert plan.fracture_date is None


def test_levels_accept_text_and_arabic_comma():
    assert normalise_levels("l1، t12") == ("T12", "L1")


def test_planned_anaesthesia_and_consultant():
    _, plan = parse_patient_json(patient_json(), TODAY)
    assert plan.anaesthesia == "local_sedation" and plan.consultant == ""  # usual for vertebroplasty
    _, plan = parse_patient_json(patient_json(procedure="kyphoplasty"), TODAY)
    assert plan.anaesthesia == "general_anaesthesia"  # more common for kyphoplasty
    _, plan = parse_patient_json(patient_json(anaesthesia="general_anaesthesia", consultant="د. خالد الشمري"), TODAY)
    assert (plan.anaesthesia, plan.consultant) == ("general_anaesthesia", "د. خالد الشمري")
    with pytest.raises(InvalidInput) as err:
        parse_patient_json(patient_json(anaesthesia="spinal"), TODAY)
    assert err.value.code == "anaesthesia_invalid"
    with pytest.raises(InvalidInput) as err:
        parse_patient_json(patient_json(consultant="Dr 7"), TODAY)
    assert err.value.code == "name_has_digits"
