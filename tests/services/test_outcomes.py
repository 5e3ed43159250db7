"""Withdrawal and correction: new sealed records that refer to the original, which stays untouched."""
from __future__ import annotations

import json

import pytest

from app.documents.pdf_verify import verify_pdf
from app.domain.errors import AccessDenied, InvalidInput, InvalidState
from app.services.archive import ArchiveQuery, ArchiveService
from app.services.demo import synthetic_signature
from app.services.outcomes import OutcomesService
from app.storage import repositories as repo

from .conftest import PASSWORDS, PATIENT, seal_consent

# A withdrawal or a correction is witnessed by a second staff member with their own password.
BY_PHYSICIAN = {"witness_username": "dr.khalid", "witness_password": PASSWORDS["physician"]}
BY_NURSE = {"witness_username": "nurse.sara", "witness_password": PASSWORDS["nurse"]}


def _row(env, record_id):
    with env.ctx.db.transaction(read_only=True) as s:
        row = repo.records.get(s, record_id)
        return row.record_json, repo.records.get_pdf(s, record_id), row.record_sha256


def test_withdrawal_is_a_new_sealed_record_and_the_original_is_untouched(env):
    _, consent = seal_consent(env, seed=3)
    before = _row(env, consent.record_id)
    out = OutcomesService(env.ctx)
    wd = out.withdraw(env.nurse, consent.record_id, patient_strokes=synthetic_signature(5),
                      witness_strokes=synthetic_signature(6), reason="قرر المريض التفكير مع أسرته", **BY_PHYSICIAN)
    assert wd.kind == "withdrawal" and wd.record["refers_to"] == consent.record_id
    assert [s["role"] for s in wd.record["signatures"]] == ["patient", "witness"]
    assert wd.record["signatures"][1]["username"] == env.physician.username
    assert wd.record["staff"]["entered_by"]["username"] == env.nurse.username
    assert _row(env, consent.record_id) == before  # original unchanged, byte for byte
    trusted = env.ctx.seal.trust()
    assert verify_pdf(wd.pdf, trusted, demo=True).valid

    archive = ArchiveService(env.ctx)
    assert archive.status_of(env.nurse, consent.record_id) == "withdrawn"
    checks = {c.record_id: c for c in archive.verify_records(env.admin, [consent.record_id, wd.record_id])}
    assert checks[consent.record_id].valid and checks[consent.record_id].withdrawn_by == wd.record_id
    assert checks[consent.record_id].line() == (f"VALID {consent.record_id} (withdrawn by {wd.record_id}) "
                                                "(demonstration seal)\tB-B no trusted time")
    found = archive.find(env.nurse, ArchiveQuery(text=PATIENT["mrn"], status="withdrawn"))
    assert [r.record_id for r in found.rows] == [consent.record_id]
    history = [h.action for h in archive.history(env.admin, consent.record_id)]
    assert "record.withdrawn" in history

    with pytest.raises(InvalidState) as exc:  # twice: refused
        out.withdraw(env.nurse, consent.record_id, patient_strokes=synthetic_signature(5),
                     witness_strokes=synthetic_signature(6), **BY_PHYSICIAN)
    assert exc.value.code == "record_withdrawn"


def test_withdrawal_needs_real_signatures_and_not_after_the_procedure(env):
    _, consent = seal_consent(env, seed=4)
    out = OutcomesService(env.ctx)
    with pytest.raises(InvalidInput) as exc:
        out.withdraw(env.nurse, consent.record_id, patient_strokes=[[[0.5, 0.5, 0, 0.5]]],
                     witness_strokes=synthetic_signature(6), **BY_PHYSICIAN)
    assert exc.value.code == "signature_blank"
    with env.ctx.db.transaction() as s:
        repo.record_events.add(s, record_id=consent.record_id, kind="performed", by_user_id=env.physician.user_id)
    with pytest.raises(InvalidState) as exc:
        out.withdraw(env.nurse, consent.record_id, patient_strokes=synthetic_signature(5),
                     witness_strokes=synthetic_signature(6), **BY_PHYSICIAN)
    assert exc.value.code == "procedure_performed"
    with pytest.raises(AccessDenied):
        out.withdraw(env.admin, consent.record_id, patient_strokes=synthetic_signature(5),
                     witness_strokes=synthetic_signature(6), **BY_PHYSICIAN)


def test_a_nurse_alone_cannot_withdraw_nor_a_physician_alone_correct(env):
    """The witness is a second staff member, with their own password: not the one entering it."""
    _, consent = seal_consent(env, seed=7)
    out = OutcomesService(env.ctx)
    pads = {"patient_strokes": synthetic_signature(5), "witness_strokes": synthetic_signature(6)}
    for witness, code in ((BY_NURSE, "witness_is_actor"), ({}, "witness_required"),
                          ({"witness_username": "dr.khalid", "witness_password": "not-his-password"},
                           "login_failed")):
        with pytest.raises(AccessDenied) as exc:
            out.withdraw(env.nurse, consent.record_id, **pads, **witness)
        assert exc.value.code == code
    with pytest.raises(AccessDenied) as exc:
        out.correct(env.physician, PASSWORDS["physician"], consent.record_id, reason="خطأ في المستوى المسجل",
                    changes={"procedure.levels": ["L2"]}, witness_username="dr.khalid",
                    witness_password=PASSWORDS["physician"])
    assert exc.value.code == "witness_is_actor"
    with env.ctx.db.transaction(read_only=True) as s:
        assert repo.records.list_referring(s, consent.record_id) == []
    cc = out.correct(env.physician, PASSWORDS["physician"], consent.record_id, reason="خطأ في المستوى المسجل",
                     changes={"procedure.levels": ["L2"]}, **BY_NURSE)
    assert cc.record["correction"]["witness"]["username"] == env.nurse.username


def test_correction_supersedes_the_original_and_verify_says_by_what(env):
    _, consent = seal_consent(env, seed=5)
    before = _row(env, consent.record_id)
    out = OutcomesService(env.ctx)
    with pytest.raises(AccessDenied):  # physicians only
        out.correct(env.nurse, PASSWORDS["nurse"], consent.record_id, reason="خطأ في المستوى",
                    changes={"procedure.levels": ["L2"]})
    with pytest.raises(InvalidInput):  # a reason is required
        out.correct(env.physician, PASSWORDS["physician"], consent.record_id, reason="",
                    changes={"procedure.levels": ["L2"]})
    with pytest.raises(InvalidInput):  # only listed fields
        out.correct(env.physician, PASSWORDS["physician"], consent.record_id, reason="خطأ في المستوى",
                    changes={"procedure.indication": "other"})
    cc = out.correct(env.physician, PASSWORDS["physician"], consent.record_id,
                     reason="المستوى المسجل خطأ؛ الصور تظهر كسر L2",
                     changes={"procedure.levels": ["l2"], "patient.name_latin": "Fatima Alzahrani"}, **BY_NURSE)
    assert cc.kind == "correction" and cc.record["refers_to"] == consent.record_id
    assert cc.record["procedure"]["levels"] == ["L2"]
    assert {c["field"] for c in cc.record["correction"]["changes"]} == {"procedure.levels", "patient.name_latin"}
    assert cc.record["signatures"] == json.loads(before[0])["signatures"]  # carried over
    assert _row(env, consent.record_id) == before

    archive = ArchiveService(env.ctx)
    checks = {c.record_id: c for c in archive.verify_records(env.admin, [consent.record_id, cc.record_id])}
    assert checks[consent.record_id].line().startswith(
        f"VALID {consent.record_id} (superseded by {cc.record_id}) (demonstration seal)\t")
    assert checks[cc.record_id].line() == f"VALID {cc.record_id} (demonstration seal)\tB-B no trusted time"
    assert archive.status_of(env.nurse, consent.record_id) == "superseded"
    # the corrected Latin name is searchable
    assert {r.record_id for r in archive.find(env.nurse, ArchiveQuery(text="fatima")).rows} >= {cc.record_id}
    with pytest.raises(InvalidState) as exc:  # correct the newest one, not the superseded
        out.correct(env.physician, PASSWORDS["physician"], consent.record_id, reason="تصحيح آخر للمستوى",
                    changes={"procedure.levels": ["L3"]}, **BY_NURSE)
    assert exc.value.code == "record_superseded"
    # the correcting record can itself be withdrawn by the patient
    wd = out.withdraw(env.nurse, cc.record_id, patient_strokes=synthetic_signature(8),
                      witness_strokes=synthetic_signature(9), **BY_PHYSICIAN)
    assert archive.status_of(env.nurse, cc.record_id) == "withdrawn"
    assert wd.record["procedure"]["levels"] == ["L2"]


def test_correction_of_the_mrn_moves_the_record_to_the_right_patient(env):
    _, consent = seal_consent(env, seed=6)
    cc = OutcomesService(env.ctx).correct(env.physician, PASSWORDS["physician"], consent.record_id,
                                          reason="رقم طبي خاطئ أدخل عند التسجيل",
                                          changes={"patient.mrn": "mrn990011"}, **BY_NURSE)
    assert cc.record["patient"]["mrn"] == "MRN990011"
    rows = ArchiveService(env.ctx).search(env.nurse, "MRN990011")
    assert [r["record_id"] for r in rows] == [cc.record_id]
