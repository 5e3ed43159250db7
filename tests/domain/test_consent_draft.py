"""The consent session in progress (app.domain.consent.ConsentDraft): plain data, no storage."""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from app.domain.consent import ConsentDraft, new_draft
from app.domain.errors import InvalidInput, InvalidState
from app.domain.form_loader import load_form
from app.domain.patient import Patient, ProcedurePlan
from app.domain.rules import FRACTURE_WINDOW_ITEM, JUSTIFICATION_ITEM
from app.domain.signature import make_signature

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-28T06:00:00+00:00"
PATIENT = Patient("فاطمة عبدالله الزهراني", "Fatimah Alzahrani", "100234", "1023456789", dt.date(1948, 5, 17), "F")


@pytest.fixture(scope="module")
def form():
    return load_form(ROOT / "forms" / "vertebroplasty.ar.yaml")


def make_plan(indication="osteoporotic", fracture_days=20, conservative=("analgesia",), stated_risk=""):
    planned = dt.date(2026, 12, 1)
    return ProcedurePlan("vertebroplasty", ("T12", "L1"), indication,
                         planned - dt.timedelta(days=fracture_days) if fracture_days is not None else None,
                         planned, stated_risk=stated_risk, conservative_failed=tuple(conservative))


def draft(form, **plan_kwargs) -> ConsentDraft:
    return new_draft(draft_id="D1", form=form, patient=PATIENT, plan=make_plan(**plan_kwargs),
                     created_by="nurse.a", created_at=AT)


def strokes(n=40, y=0.5, t0=0):
    return [[[0.1 + 0.8 * i / (n - 1), y + 0.2 * math.sin(i / 3), t0 + i * 15, 0.5] for i in range(n)]]


def sig(role, method="drawn", **kw):
    return make_signature(role=role, name=kw.pop("name", "سعاد"), meaning="m", signed_at=AT, method=method,
                          strokes=strokes(), **kw)


def complete(form, d: ConsentDraft) -> None:
    d.identity_verified_by = "nurse.a"
    for s in form.sections:
        d.acknowledge(form, s.id, "staff", "nurse.a", AT)
    d.choose(form, "biopsy", "no", "patient", "nurse.a", AT)
    d.choose(form, "extra_level", "yes", "patient", "nurse.a", AT)
    d.add_signature(sig("patient"))
    d.add_signature(sig("physician", name="د. خالد"))


# --- discussion -----------------------------------------------------------------------------------
def test_new_draft_keeps_patient_and_plan(form):
    d = draft(form)
    assert d.form_sha == form.content_sha256
    assert d.patient["name_ar"] == PATIENT.name_ar and d.patient["birth_date"] == "1948-05-17"
    assert d.plan["levels"] == ["T12", "L1"] and d.plan["fracture_date"] == "2026-11-11"
    assert d.outcome == "consent" and d.signatures == [] and d.acknowledged == []


def test_acknowledge_records_who_and_when(form):
    d = draft(form)
    d.acknowledge(form, "risks", "patient", "nurse.a", AT)
    assert d.acknowledged == [{"section": "risks", "by": "patient", "staff": "nurse.a", "at": AT}]
    assert "risks" in d.unacknowledged(form, "staff")
    assert "risks" not in d.unacknowledged(form, "patient")


def test_duplicate_acknowledgement_is_ignored(form):
    d = draft(form)
    d.acknowledge(form, "risks", "staff", "nurse.a", AT)
    d.acknowledge(form, "risks", "staff", "nurse.b", "2026-11-28T07:00:00+00:00")
    assert len(d.acknowledged) == 1 and d.acknowledged[0]["staff"] == "nurse.a"
    d.acknowledge(form, "risks", "patient", "nurse.a", AT)  # the patient's own acknowledgement is separate
    assert len(d.acknowledged) == 2


def test_unknown_section_or_acknowledger(form):
    d = draft(form)
    with pytest.raises(KeyError):
        d.acknowledge(form, "no_such_section", "staff", "nurse.a", AT)
    with pytest.raises(InvalidInput) as err:
        d.acknowledge(form, "risks", "someone", "nurse.a", AT)
    assert err.value.code == "acknowledge_by_invalid"
    assert d.acknowledged == []


def test_every_section_must_be_explained(form):
    d = draft(form)
    assert d.unacknowledged(form) == [s.id for s in form.sections]
    for s in form.sections[:-1]:
        d.acknowledge(form, s.id, "staff", "nurse.a", AT)
    assert d.unacknowledged(form) == [form.sections[-1].id]


def test_questions_are_cleaned_and_limited(form):
    d = draft(form)
    d.add_question("  متى أعود للمشي؟ ", AT, "خلال يوم")
    d.add_question("سؤال بلا جواب بعد", AT)
    assert d.questions == [{"text": "متى أعود للمشي؟", "answer": "خلال يوم", "at": AT},
                           {"text": "سؤال بلا جواب بعد", "answer": "", "at": AT}]
    with pytest.raises(InvalidInput) as err:
        d.add_question("سؤال\u202eمخفي", AT)
    assert err.value.code == "field_forbidden_character"
    with pytest.raises(InvalidInput):
        d.add_question("   ", AT)
    while len(d.questions) < 50:
        d.add_question("سؤال", AT)
    with pytest.raises(InvalidInput) as err:
        d.add_question("سؤال آخر", AT)
    assert err.value.code == "too_many_questions"


def test_teach_back_answer_is_replaced(form):
    d = draft(form)
    d.add_teach_back(form, "main_aim", "لا أعرف", "nurse.a", AT)
    d.add_teach_back(form, "what_injected", "إسمنت", "nurse.a", AT)
    d.add_teach_back(form, "main_aim", "تخفيف الألم", "nurse.b", "2026-11-28T06:05:00+00:00")
    assert [t["id"] for t in d.teach_back] == ["what_injected", "main_aim"]
    main = d.teach_back[-1]
    assert main["answer"] == "تخفيف الألم" and main["by"] == "nurse.b"


def test_unknown_teach_back_question(form):
    with pytest.raises(InvalidInput) as err:
        draft(form).add_teach_back(form, "favourite_colour", "أزرق", "nurse.a", AT)
    assert err.value.code == "teach_back_unknown"


# --- overrides ----------------------------------------------------------------------------------
@pytest.mark.parametrize("reason,code", [("", "field_required"), ("   ", "field_required"), ("ok", "override_reason_short")])
def test_override_needs_a_reason(form, reason, code):
    d = draft(form, fracture_days=70)
    with pytest.raises(InvalidInput) as err:
        d.add_override(FRACTURE_WINDOW_ITEM, reason, "dr.k", AT)
    assert err.value.code == code
    assert d.overrides == []


def test_override_removes_the_warning_and_is_replaced(form):
    d = draft(form, fracture_days=70, conservative=())
    assert [w["code"] for w in d.open_warnings(form)] == [FRACTURE_WINDOW_ITEM, JUSTIFICATION_ITEM]
    d.add_override(FRACTURE_WINDOW_ITEM, "الألم مستمر والرنين يظهر وذمة", "dr.k", AT)
    assert [w["code"] for w in d.open_warnings(form)] == [JUSTIFICATION_ITEM]
    d.add_override(FRACTURE_WINDOW_ITEM, "سبب جديد أوضح للمتابعة", "dr.m", AT)
    assert len(d.overrides) == 1 and d.overrides[0]["by"] == "dr.m"


def test_new_draft_refuses_bad_plans(form):
    with pytest.raises(InvalidInput) as err:
        draft(form, indication="other", fracture_days=None, conservative=())
    assert err.value.code == "risk_figure_required"
    with pytest.raises(InvalidInput) as err:
        draft(form, conservative=("acupuncture",))
    assert err.value.code == "conservative_unknown"
    assert draft(form, indication="other", fracture_days=None, conservative=(), stated_risk="3%").plan[
        "stated_risk"] == "3%"


# --- signatures and sealing checks --------------------------------------------------------------
def test_signature_twice_refused(form):
    d = draft(form)
    d.add_signature(sig("patient"))
    with pytest.raises(InvalidState) as err:
        d.add_signature(sig("patient", name="غيرها"))
    assert err.value.code == "already_signed"
    assert len(d.signatures) == 1 and d.signatures[0]["name"] == "سعاد"


def test_mark_and_representative_change_who_must_sign(form):
    d = draft(form)
    d.add_signature(sig("patient", method="mark"))
    assert d.patient_mark and d.missing_signatures() == ["witness", "physician"]
    r = draft(form)
    r.add_signature(sig("representative", relationship="ابن", reason="المريضة فاقدة للوعي"))
    assert r.representative and r.missing_signatures() == ["physician"]
    i = draft(form)
    i.interpreter = True
    assert i.missing_signatures() == ["patient", "interpreter", "physician"]


def test_check_ready_to_seal_codes_in_order(form):
    d = draft(form)
    with pytest.raises(InvalidState) as err:
        d.check_ready_to_seal(form)
    assert err.value.code == "identity_not_verified"
    d.identity_verified_by = "nurse.a"
    with pytest.raises(InvalidState) as err:
        d.check_ready_to_seal(form)
    assert err.value.code == "sections_not_acknowledged"
    assert err.value.params["sections"] == len(form.sections)
    for s in form.sections:
        d.acknowledge(form, s.id, "staff", "nurse.a", AT)
    with pytest.raises(InvalidState) as err:
        d.check_ready_to_seal(form)
    assert err.value.code == "patient_choices_missing" and err.value.params["choices"] == "biopsy,extra_level"
    d.choose(form, "biopsy", "yes", "patient", "nurse.a", AT)
    d.choose(form, "extra_level", "no", "staff", "nurse.a", AT)
    with pytest.raises(InvalidState) as err:
        d.check_ready_to_seal(form)
    assert err.value.code == "signatures_missing" and err.value.params["roles"] == "patient,physician"
    d.add_signature(sig("patient"))
    with pytest.raises(InvalidState) as err:
        d.check_ready_to_seal(form)
    assert err.value.params["roles"] == "physician"
    d.add_signature(sig("physician"))
    d.check_ready_to_seal(form)


def test_refusal_does_not_need_every_section(form):
    d = draft(form)
    d.outcome = "refusal"
    d.identity_verified_by = "nurse.a"
    d.add_signature(sig("patient"))
    d.add_signature(sig("physician"))
    d.check_ready_to_seal(form)


def test_state_round_trips_through_json(form):
    d = draft(form, fracture_days=70)
    complete(form, d)
    d.add_question("سؤال؟", AT, "جواب")
    d.add_teach_back(form, "main_aim", "تخفيف الألم", "nurse.a", AT)
    d.add_override(FRACTURE_WINDOW_ITEM, "قرار الطبيب بعد المراجعة", "dr.k", AT)
    d.answer(form, "inr", "١٫٢", "nurse.a", AT)
    d.demo, d.patient_id, d.interpreter = True, 7, True
    text = json.dumps(d.to_state(), ensure_ascii=False, sort_keys=True)
    back = ConsentDraft.from_state(json.loads(text))
    assert back == d
    assert back.to_state() == d.to_state()
    assert back.answers["inr"]["value"] == 1.2
    assert back.missing_signatures() == d.missing_signatures() == ["interpreter"]


def test_built_record_carries_the_design_keys(form):
    d = draft(form, fracture_days=70)
    complete(form, d)
    info = {"procedure": form.procedure, "language": form.language, "version": form.version,
            "content_sha256": form.content_sha256, "approved_by": None, "approved_at": None}
    rec = d.build_record(form=form, form_info=info, record_id="CR-2026-AAAAAAAA", institution={"name_ar": "",
                         "name_en": ""}, staff={}, thresholds={}, audit_head="0" * 64, created_at=AT,
                         signed_at=AT, demo=True)
    for key in ("record_id", "kind", "refers_to", "form", "patient", "procedure", "checklist", "overrides",
                "discussion", "signatures", "audit_head", "created_at", "signed_at"):
        assert key in rec, key
    assert rec["kind"] == "consent" and rec["refers_to"] is None
    proc = rec["procedure"]
    assert proc["risk_figure"] == "1-3%" and proc["fracture_age_days"] == 70
    assert proc["levels"] == ["T12", "L1"] and proc["indication"] == "osteoporotic"
    assert [w["code"] for w in proc["warnings"]] == [FRACTURE_WINDOW_ITEM]
    assert set(rec["discussion"]) == {"acknowledged", "questions", "teach_back"}
    assert {s["role"] for s in rec["signatures"]} == {"patient", "physician"}
    assert all(row["status"] in ("missing", "not_applicable", "ok") for row in rec["checklist"])


def test_signature_meaning_follows_the_outcome_and_the_mark():
    from pathlib import Path

    from app.domain.consent import signature_meaning
    from app.domain.form_loader import load_form

    form = load_form(Path(__file__).resolve().parents[2] / "forms" / "vertebroplasty.ar.yaml")
    m = form.signature_meanings
    assert signature_meaning(form, "patient", patient_mark=False, refusal=False) == m["patient"]
    assert signature_meaning(form, "patient", patient_mark=False, refusal=True) == m["refusal"]
    assert "أوافق" not in m["refusal"]
    assert signature_meaning(form, "representative", patient_mark=False, refusal=True) == m["refusal_representative"]
    assert signature_meaning(form, "witness", patient_mark=True, refusal=False) == m["witness_mark"]
    assert signature_meaning(form, "witness", patient_mark=True, refusal=True) == m["refusal_witness"]
    assert signature_meaning(form, "physician", patient_mark=False, refusal=True) == m["physician"]


# --- the patient's own choices, the anaesthesia, the record ------------------------------------------
def test_choices_are_yes_or_no_for_known_questions_only(form):
    d = draft(form)
    with pytest.raises(InvalidInput) as err:
        d.choose(form, "tattoo", "yes", "patient", "nurse.a", AT)
    assert err.value.code == "patient_choice_unknown"
    with pytest.raises(InvalidInput) as err:
        d.choose(form, "biopsy", "maybe", "patient", "nurse.a", AT)
    assert err.value.code == "patient_choice_invalid"
    d.choose(form, "biopsy", "no", "patient", "nurse.a", AT)
    d.choose(form, "biopsy", "yes", "staff", "nurse.a", AT)  # changed before signing
    assert d.choices["biopsy"]["value"] == "yes" and d.choices["biopsy"]["by"] == "staff"


def test_choices_cannot_change_once_signing_started(form):
    d = draft(form)
    complete(form, d)
    with pytest.raises(InvalidState) as err:
        d.choose(form, "biopsy", "yes", "patient", "nurse.a", AT)
    assert err.value.code == "already_signing"


def test_a_refusal_needs_no_choices(form):
    d = draft(form)
    d.identity_verified_by = "nurse.a"
    d.outcome = "refusal"
    d.add_signature(sig("patient"))
    d.add_signature(sig("physician", name="د. خالد"))
    d.check_ready_to_seal(form)  # no choices asked of a patient who declines


def test_record_carries_choices_anaesthesia_consultant_and_local_settings(form):
    d = draft(form)
    complete(form, d)
    local = {"emergency_number": "997", "team_phone_day": "011-234-5678", "team_phone_after_hours": "011-234-9999",
             "trainees_take_part": True}
    record = d.build_record(form=form, form_info={"content_sha256": form.content_sha256}, record_id="CR-1",
                            institution={}, staff={}, thresholds={}, audit_head="h", created_at=AT, signed_at=AT,
                            demo=True, local_settings=local)
    assert [(c["id"], c["value"], c["by"]) for c in record["choices"]] == [("biopsy", "no", "patient"),
                                                                          ("extra_level", "yes", "patient")]
    assert record["procedure"]["anaesthesia"] == "local_sedation"  # usual for vertebroplasty when not given
    assert record["procedure"]["consultant"] == ""
    assert record["local_settings"] == local
    json.dumps(record)  # plain JSON


def test_planned_anaesthesia_must_be_offered_by_the_form(form):
    plan = make_plan()
    from dataclasses import replace
    with pytest.raises(InvalidInput) as err:
        new_draft(draft_id="D1", form=form, patient=PATIENT, plan=replace(plan, anaesthesia="acupuncture"),
                  created_by="nurse.a", created_at=AT)
    assert err.value.code == "anaesthesia_invalid"
    d = new_draft(draft_id="D1", form=form, patient=PATIENT, plan=replace(plan, anaesthesia="general_anaesthesia"),
                  created_by="nurse.a", created_at=AT)
    assert d.plan["anaesthesia"] == "general_anaesthesia"
