"""What a nurse types on the patient page is a draft from the first keystroke: kept as typed (checked
only when the consent starts), listed on Today, resumed, grown into the consent (the same draft), or
discarded when emptied. Its creation is audited once; the audit trail holds no patient data."""
from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput, InvalidState
from app.services.today import TodayService

from .conftest import PATIENT, PATIENT_SECRETS, plan


def audit_rows(env) -> list[str]:
    with env.ctx.db.engine.connect() as conn:
        return [" ".join(map(str, r)) for r in conn.exec_driver_sql("SELECT * FROM audit_events")]


def test_typed_fields_are_kept_listed_and_grow_into_the_consent(env):
    desk = env.desk()
    before = len(audit_rows(env))
    draft_id = desk.save_intake(env.nurse, None, {"mrn": "7788", "name_latin": "Fati"})
    draft_id2 = desk.save_intake(env.nurse, draft_id, {"mrn": "778812", "name_latin": "Fatimah", "sex": "F",
                                                      "birth_date": "1948-05-1", "conservative_failed": ["rest"],
                                                      "training": True, "unknown": "dropped"})
    assert draft_id2 == draft_id
    typed = desk.intake(env.nurse, draft_id)
    assert typed["mrn"] == "778812" and typed["birth_date"] == "1948-05-1" and typed["training"] is True
    assert "unknown" not in typed and typed["conservative_failed"] == ["rest"]
    listed = TodayService(env.ctx).overview(env.nurse).in_progress
    assert [(d.draft_id, d.mrn, d.step) for d in listed] == [(draft_id, "778812", "intake")]
    rows = audit_rows(env)[before:]
    assert len(rows) == 1 and "consent.intake_started" in rows[0]  # one event, not one per keystroke
    assert not any(secret in row for row in audit_rows(env) for secret in PATIENT_SECRETS)
    with pytest.raises(InvalidState) as err:
        desk.load(env.nurse, draft_id)  # not a consent yet
    assert err.value.code == "consent_not_started"

    started = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True, draft_id=draft_id)
    assert started == draft_id and desk.intake(env.nurse, draft_id) is None
    assert desk.load(env.nurse, draft_id).patient["mrn"] == PATIENT["mrn"]
    with pytest.raises(InvalidState):
        desk.save_intake(env.nurse, draft_id, {"mrn": "1"})  # a started consent keeps its own details
    with pytest.raises(InvalidState):
        desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True, draft_id=draft_id)


def test_a_refused_start_keeps_what_was_typed(env):
    desk = env.desk()
    draft_id = desk.save_intake(env.nurse, None, {"mrn": "55"})
    with pytest.raises(InvalidInput):
        desk.start(env.nurse, {**PATIENT, "birth_date": "1948-13-40"}, plan(env.ctx.today()), demo=True,
                   draft_id=draft_id)
    assert desk.intake(env.nurse, draft_id) == {"mrn": "55", "conservative_failed": [], "immediate_criteria": [],
                                                "training": False}


def test_an_emptied_draft_is_discarded_and_wrong_values_refused(env):
    desk = env.desk()
    draft_id = desk.save_intake(env.nurse, None, {"name_ar": "ف"})
    desk.discard(env.nurse, draft_id)
    assert TodayService(env.ctx).overview(env.nurse).in_progress == ()
    with pytest.raises(InvalidInput):
        desk.save_intake(env.nurse, None, {"mrn": 12})
    with pytest.raises(InvalidInput):
        desk.save_intake(env.nurse, None, {"conservative_failed": "rest"})
    long = desk.save_intake(env.nurse, None, {"name_ar": "ف" * 5000})
    assert len(desk.intake(env.nurse, long)["name_ar"]) == 200


def test_correcting_details_keeps_the_patients_questions(env):
    desk = env.desk()
    draft_id = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    desk.add_question(env.nurse, draft_id, "هل الإجراء مؤلم؟", "تخدير موضعي.")
    corrected = desk.update_details(env.nurse, draft_id, PATIENT, plan(env.ctx.today(), levels=["L1"]))
    kept = desk.load(env.nurse, draft_id)
    assert kept == corrected and kept.plan["levels"] == ["L1"]
    assert [(q["text"], q["answer"]) for q in kept.questions] == [("هل الإجراء مؤلم؟", "تخدير موضعي.")]
