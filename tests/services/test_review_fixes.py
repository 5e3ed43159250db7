"""What the core review found: minors, silent identity changes, stale corrections, lost steps."""
from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import InvalidInput, InvalidState
from app.services.demo import synthetic_signature
from app.services.outcomes import OutcomesService

from .conftest import PASSWORDS, PATIENT, plan, seal_consent, start_discussed


def test_a_minor_cannot_sign_alone(env):
    child = {**PATIENT, "mrn": "KID-1", "birth_date": "2016-01-01"}
    draft_id = start_discussed(env, patient=child)
    with pytest.raises(InvalidState) as err:
        env.desk().sign(env.nurse, draft_id, role="patient", name=child["name_ar"], strokes=synthetic_signature(1))
    assert err.value.code == "representative_required"
    env.desk().sign(env.nurse, draft_id, role="representative", name="خالد الزهراني", strokes=synthetic_signature(2),
                    relationship="الأب", reason="المريضة دون الثامنة عشرة")
    assert "representative" in {s["role"] for s in env.desk().load(env.nurse, draft_id).signatures}


def test_a_registered_identity_never_changes_silently(env):
    seal_consent(env, seed=3)
    other_name = {**PATIENT, "name_ar": "سارة محمد القحطاني"}
    with pytest.raises(InvalidInput) as err:
        env.desk().start(env.nurse, other_name, plan(env.ctx.today()), demo=True)
    assert err.value.code == "patient_mismatch"
    # Filling in a detail that was empty is not a change of identity.
    no_latin = {**PATIENT, "mrn": "NEW-7", "name_latin": ""}
    env.desk().start(env.nurse, no_latin, plan(env.ctx.today()), demo=True)
    env.desk().start(env.nurse, {**no_latin, "name_latin": "Fatimah Alzahrani"}, plan(env.ctx.today()), demo=True)


def test_a_correction_recomputes_the_fracture_age_and_the_eight_week_warning(env):
    _, consent = seal_consent(env, seed=4)
    assert consent.record["procedure"]["warnings"] == []
    old_fracture = (env.ctx.today() - dt.timedelta(days=90)).isoformat()
    corrected = OutcomesService(env.ctx).correct(
        env.physician, PASSWORDS["physician"], consent.record_id, reason="تاريخ الكسر المسجل خاطئ",
        changes={"procedure.fracture_date": old_fracture}, witness_username="nurse.sara",
        witness_password=PASSWORDS["nurse"]).record
    procedure = corrected["procedure"]
    assert procedure["fracture_age_days"] == (dt.date.fromisoformat(procedure["planned_date"])
                                              - dt.date.fromisoformat(old_fracture)).days
    assert [w["code"] for w in procedure["warnings"]] == ["fracture_older_than_8_weeks"]


def test_a_corrected_consent_can_be_verified(env):
    _, consent = seal_consent(env, seed=5)
    corrected = OutcomesService(env.ctx).correct(
        env.physician, PASSWORDS["physician"], consent.record_id, reason="خطأ في مستوى الفقرة",
        changes={"procedure.levels": ["L2"]}, witness_username="nurse.sara", witness_password=PASSWORDS["nurse"])
    draft_id = env.readiness_check().start(env.nurse, corrected.record_id)
    assert env.readiness_check().load(env.nurse, draft_id).consent_record_id == corrected.record_id


def test_sealing_refuses_a_draft_that_changed_since_it_was_read(env, monkeypatch):
    draft_id = start_discussed(env)
    desk = env.desk()
    desk.sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], strokes=synthetic_signature(6))
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(7, 2),
              password=PASSWORDS["physician"])
    real_prepare = desk.sealer.prepare

    def prepare_while_the_desk_adds_a_question(demo=False):
        # Another screen records a step between reading the draft and taking the lock.
        env.desk().add_question(env.nurse, draft_id, "هل سأحتاج إلى مسكنات بعد الإجراء؟")
        return real_prepare(demo=demo)
    monkeypatch.setattr(desk.sealer, "prepare", prepare_while_the_desk_adds_a_question)
    with pytest.raises(InvalidState) as err:
        desk.seal(env.nurse, draft_id)
    assert err.value.code == "draft_changed"
    monkeypatch.undo()
    sealed = desk.seal(env.nurse, draft_id)
    assert any("مسكنات" in q["text"] for q in sealed.record["discussion"]["questions"])
