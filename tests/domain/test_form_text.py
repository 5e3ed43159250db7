"""Patient text for one patient: templates filled from the settings and the plan, by sex."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.form_loader import load_form
from app.domain.form_text import (
    MISSING,
    fill,
    patient_form,
    patient_values,
    template_problem,
    values_from_record,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def form():
    return load_form(ROOT / "forms" / "vertebroplasty.ar.yaml")


def test_fill_by_sex_and_placeholders():
    text = "{اتصل|اتصلي} على {team_phone_day}."
    assert fill(text, {"team_phone_day": "011-234-5678"}, "F") == "اتصلي على 011-234-5678."
    assert fill(text, {"team_phone_day": "011-234-5678"}, "M") == "اتصل على 011-234-5678."
    assert fill(text, {}, None) == f"اتصل/اتصلي على {MISSING}."  # unknown sex: both; no number: a dash
    assert fill("{|للنساء فقط}", {}, "M") == ""


def test_template_problem():
    allowed = frozenset({"emergency_number"})
    assert template_problem("{emergency_number} و{أنت|أنتِ}", allowed) == ""
    assert "unknown placeholder" in template_problem("{team}", allowed)
    assert "exactly two forms" in template_problem("{a|b|c}", allowed)
    assert "pair" in template_problem("}{", allowed) or "neither" in template_problem("}{", allowed)


def test_values_take_local_thresholds_and_settings(form):
    pv = patient_values(form, sex="F", indication="osteoporotic", anaesthesia="general_anaesthesia",
                        thresholds={"fasting_hours_min": 7.0, "unknown": 3}, local={"emergency_number": "997",
                                                                                 "team_phone_day": "",
                                                                                 "trainees_take_part": False})
    assert pv.values["fasting_hours_min"] == "7" and pv.values["fever_celsius"] == "38"
    assert pv.values["emergency_number"] == "997" and "team_phone_day" not in pv.values
    assert pv.values["anaesthesia"] == "تخدير عام (نوم كامل)"
    assert pv.conditions == frozenset({"general_anaesthesia"})


def test_patient_form_keeps_version_and_staff_texts(form):
    pv = patient_values(form, sex="M", indication="malignant", local={"trainees_take_part": True})
    pf = patient_form(form, pv)
    assert pf.content_sha256 == form.content_sha256 and pf.checklist == form.checklist
    alternatives = pf.section("alternatives").bullets
    assert alternatives == form.indications["malignant"].alternatives  # the indication's own
    assert any("متدرب" in p for p in pf.section("who_and_where").paragraphs)


def test_a_record_rebuilds_its_own_values(form):
    record = {"patient": {"sex": "F"}, "procedure": {"indication": "haemangioma", "anaesthesia": "local_sedation"},
              "thresholds": {"fever_celsius": 38.5}, "local_settings": {"emergency_number": "998",
                                                                      "team_phone_day": "0500",
                                                                      "team_phone_after_hours": "0501"}}
    pv = values_from_record(form, record)
    assert pv.sex == "F" and pv.indication == "haemangioma"
    assert pv.values["fever_celsius"] == "38.5" and pv.values["emergency_number"] == "998"
    text = "\n".join(patient_form(form, pv).section("aftercare").paragraphs)
    assert "38.5 درجة" in text and "الرقم 998" in text and "0500" in text and "0501" in text


def test_a_schema_1_record_is_filled_as_it_was():
    legacy = load_form(ROOT / "tests" / "fixtures" / "forms_2026.11-1" / "vertebroplasty.ar.yaml")
    pf = patient_form(legacy, values_from_record(legacy, {"patient": {"sex": "F"},
                                                          "procedure": {"indication": "osteoporotic"}}))
    assert pf.sections == legacy.sections  # nothing to fill, nothing dropped
