"""The pre-procedure readiness check: checklist, blocks, overrides, reconfirmation, readiness."""
from __future__ import annotations

import pytest

from app.domain.errors import AccessDenied, InvalidInput, InvalidState, NotFound
from app.services.seal.verify import VerifyService
from tests.backends import database_for

from .conftest import OVERRIDE_REASON, PASSWORDS, answer_all, copy_forms, make_env, plan, seal_consent


@pytest.fixture(scope="module")
def consent(module_env):
    """One sealed (demo) consent shared by the module's readiness checks."""
    return seal_consent(module_env)[1]


def test_the_readiness_record_refers_to_the_consent(module_env, consent):
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    draft = check.load(env.nurse, draft_id)
    assert draft.consent_record_id == consent.record_id
    assert draft.patient == consent.record["patient"]
    assert draft.consent_warnings == []  # the demo flow overrode them at signing
    answer_all(env, draft_id)
    check.reconfirm(env.nurse, draft_id)
    result = check.seal(env.nurse, draft_id)
    rec = result.record
    assert result.kind == "verification" and result.record_id.startswith("PV-")
    assert rec["refers_to"] == consent.record_id and rec["kind"] == "verification"
    assert rec["ready"] is True and rec["open_blocks"] == []
    assert rec["reconfirmed"] == {"by": "nurse.sara", "at": "2026-11-28T06:00:00+00:00"}
    rows = {r["item"]: r for r in rec["checklist"]}
    assert rows["inr"]["by"] == "nurse.sara" and rows["inr"]["value"] == 1.1
    assert rows["high_clot_risk"]["status"] == "not_applicable"
    assert rows["blood_thinners"]["value"] == "none"
    assert rows["neuro_exam_baseline"]["by"] == "dr.khalid"  # a physician's item, answered by the physician
    verdict = VerifyService(env.ctx).verify_bytes(result.pdf, demo=True)
    assert verdict.valid and verdict.record_id == result.record_id
    readiness = check.readiness(env.nurse, consent.record_id)
    assert readiness.ready and readiness.reasons == ()


def test_no_readiness_check_means_not_ready(module_env):
    env = module_env
    _, other = seal_consent(env, seed=11)
    r = env.readiness_check().readiness(env.nurse, other.record_id)
    assert not r.ready and r.reasons == ("verification_incomplete",)


def test_blocking_inr_keeps_readiness_false_until_physician_overrides(module_env):
    env = module_env
    _, consent = seal_consent(env, seed=21)
    check = env.readiness_check()
    blocked = check.start(env.nurse, consent.record_id)
    answer_all(env, blocked, {"inr": 1.9})
    assert check.open_blocks(check.load(env.nurse, blocked)) == ["inr"]
    check.reconfirm(env.nurse, blocked)
    rec = check.seal(env.nurse, blocked).record
    assert rec["ready"] is False and rec["open_blocks"] == ["inr"]
    r = check.readiness(env.nurse, consent.record_id)
    assert not r.ready and r.reasons == ("blocked:inr",)

    env.clock.advance(minutes=10)  # the newer readiness check is the one that counts
    try:
        again = check.start(env.nurse, consent.record_id)
        answer_all(env, again, {"inr": 1.9})
        with pytest.raises(AccessDenied):
            check.override(env.nurse, PASSWORDS["nurse"], again, "inr", OVERRIDE_REASON)
        with pytest.raises(AccessDenied):
            check.override(env.physician, "wrong-password-1", again, "inr", OVERRIDE_REASON)
        with pytest.raises(InvalidInput) as err:
            check.override(env.physician, PASSWORDS["physician"], again, "inr", "لا")
        assert err.value.code == "override_reason_short"
        with pytest.raises(InvalidInput) as err:
            check.override(env.physician, PASSWORDS["physician"], again, "platelets", OVERRIDE_REASON)
        assert err.value.code == "override_unknown"
        draft = check.override(env.physician, PASSWORDS["physician"], again, "inr", OVERRIDE_REASON)
        assert check.open_blocks(draft) == []
        check.reconfirm(env.nurse, again)
        rec = check.seal(env.nurse, again).record
        assert rec["ready"] is True
        assert rec["overrides"] == [{"item": "inr", "reason": OVERRIDE_REASON, "by": "dr.khalid",
                                     "at": "2026-11-28T06:10:00+00:00"}]
        r = check.readiness(env.nurse, consent.record_id)
        assert r.ready, r.reasons
    finally:
        env.clock.advance(minutes=-10)


ASPIRIN = {"drug": "aspirin", "last_dose": "2026-11-24", "hold": "held_as_instructed"}
CLOPIDOGREL = {"drug": "clopidogrel", "last_dose": "2026-11-27", "hold": "not_held"}


def test_a_blood_thinner_not_held_blocks(module_env, consent):
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    answer_all(env, draft_id, {"blood_thinners": [ASPIRIN, CLOPIDOGREL]})
    draft = check.load(env.nurse, draft_id)
    assert {s.item_id for s in check.evaluate(draft).missing} == {"high_clot_risk"}
    draft = check.answer(env.nurse, draft_id, "high_clot_risk", "no")
    assert check.open_blocks(draft) == ["blood_thinners"]
    draft = check.answer(env.nurse, draft_id, "blood_thinners", [ASPIRIN, {**CLOPIDOGREL, "hold": "held_as_instructed"}])
    assert check.open_blocks(draft) == []
    assert [e["drug"] for e in draft.answers["blood_thinners"]["value"]] == ["aspirin", "clopidogrel"]


def test_high_clot_risk_needs_the_physicians_override(module_env, consent):
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    answer_all(env, draft_id, {"blood_thinners": [ASPIRIN], "high_clot_risk": "yes"})
    assert check.open_blocks(check.load(env.nurse, draft_id)) == ["high_clot_risk"]
    with pytest.raises(AccessDenied):
        check.override(env.nurse, PASSWORDS["nurse"], draft_id, "high_clot_risk", "reason given here")
    draft = check.override(env.physician, PASSWORDS["physician"], draft_id, "high_clot_risk",
                           "دعامة منذ 8 أشهر: يستمر الأسبرين بقرار طبيب القلب")
    assert check.open_blocks(draft) == []


def test_a_nurse_cannot_answer_a_physicians_item(module_env, consent):
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    with pytest.raises(AccessDenied) as err:
        check.answer(env.nurse, draft_id, "neuro_exam_baseline", "normal")
    assert err.value.code == "physician_item"
    draft = check.answer(env.physician, draft_id, "neuro_exam_baseline", "normal")
    assert draft.answers["neuro_exam_baseline"]["by"] == "dr.khalid"


def test_imaging_not_a_fracture_is_refused_for_a_fracture(module_env, consent):
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)  # an osteoporotic fracture
    with pytest.raises(InvalidInput) as err:
        check.answer(env.nurse, draft_id, "recent_fracture_imaging", "not_a_fracture_indication")
    assert err.value.code == "checklist_choice_not_offered"


def test_seal_needs_a_complete_checklist_and_reconfirmation(module_env, consent):
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    answer_all(env, draft_id)
    check.answer(env.nurse, draft_id, "escort_and_companion", "no")  # now the overnight plan is required
    check.answer(env.nurse, draft_id, "allergy_status", "")  # and allergies were not asked
    with pytest.raises(InvalidState) as err:
        check.seal(env.nurse, draft_id)
    assert err.value.code == "checklist_incomplete"
    assert set(err.value.params["missing"].split(",")) == {"overnight_plan", "allergy_status"}
    check.answer(env.nurse, draft_id, "overnight_plan", "admission_booked")
    check.answer(env.nurse, draft_id, "allergy_status", "none_known")
    with pytest.raises(InvalidState) as err:
        check.seal(env.nurse, draft_id)
    assert err.value.code == "consent_not_reconfirmed"


def test_consent_warning_not_overridden_at_signing_blocks_the_readiness_check(module_env):
    env = module_env
    desk = env.desk()
    from .conftest import PATIENT, start_discussed
    from app.services.demo import synthetic_signature

    draft_id = start_discussed(env, plan_data=plan(env.ctx.today(), fracture_days=70))
    desk.sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], strokes=synthetic_signature(31))
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(32),
              password=PASSWORDS["physician"])
    consent = desk.seal(env.nurse, draft_id)  # a warning does not stop the consent ...
    check = env.readiness_check()
    v = check.start(env.nurse, consent.record_id)
    answer_all(env, v)
    draft = check.load(env.nurse, v)
    assert [w["code"] for w in draft.consent_warnings] == ["fracture_older_than_8_weeks"]
    assert check.open_blocks(draft) == ["fracture_older_than_8_weeks"]  # ... it stops readiness
    draft = check.override(env.physician, PASSWORDS["physician"], v, "fracture_older_than_8_weeks", OVERRIDE_REASON)
    assert check.open_blocks(draft) == []


def test_the_readiness_check_needs_a_sealed_consent(module_env):
    env = module_env
    with pytest.raises(NotFound) as err:
        env.readiness_check().start(env.nurse, "CR-2026-NOTHERE1")
    assert err.value.code == "consent_missing"
    with pytest.raises(AccessDenied):
        env.readiness_check().start(env.admin, "CR-2026-NOTHERE1")


def test_reconfirmation_fails_when_the_consent_expired(tmp_path):
    env = make_env(tmp_path / "data")
    try:
        _, consent = seal_consent(env)
        check = env.readiness_check()
        draft_id = check.start(env.nurse, consent.record_id)
        answer_all(env, draft_id)
        validity = env.ctx.settings().consent_validity_days
        assert validity == 30
        env.clock.advance(days=validity)  # the last valid day
        check.reconfirm(env.nurse, draft_id)
        assert check.readiness(env.nurse, consent.record_id).reasons == ("verification_incomplete",)
        env.clock.advance(days=1)
        with pytest.raises(InvalidState) as err:
            check.reconfirm(env.nurse, draft_id)
        assert err.value.code == "consent_expired"
        assert "consent_expired" in check.readiness(env.nurse, consent.record_id).reasons
    finally:
        env.ctx.close()


def test_reconfirmation_fails_when_the_form_changed(tmp_path):
    forms = copy_forms(tmp_path / "forms")
    data = tmp_path / "data"
    env = make_env(data, forms_dir=forms)
    try:
        _, consent = seal_consent(env)
        check = env.readiness_check()
        draft_id = check.start(env.nurse, consent.record_id)
        answer_all(env, draft_id)
    finally:
        env.ctx.close()
    path = forms / "vertebroplasty.ar.yaml"
    text = path.read_text(encoding="utf-8")
    assert "تخفيف ألم الكسر." in text
    path.write_text(text.replace("تخفيف ألم الكسر.", "تخفيف ألم الكسر بدرجة كبيرة."), encoding="utf-8")
    from app.services.context import open_context

    ctx = open_context(data, clock=env.clock, forms_dir=forms, database=database_for(data))
    try:
        env.ctx = ctx
        check = env.readiness_check()
        assert ctx.forms.current("vertebroplasty").content_sha256 != consent.record["form"]["content_sha256"]
        # The draft still shows the exact version it was started with (from the stored text).
        assert check.form_of(check.load(env.nurse, draft_id)).content_sha256 == consent.record["form"]["content_sha256"]
        with pytest.raises(InvalidState) as err:
            check.reconfirm(env.nurse, draft_id)
        assert err.value.code == "form_changed"
        assert "form_changed" in check.readiness(env.nurse, consent.record_id).reasons
    finally:
        ctx.close()


def test_records_name_the_overriding_physician(module_env, consent):
    """The verification PDF printed the overriding physician's username; the record now names them."""
    env = module_env
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    answer_all(env, draft_id, {"inr": 1.9})
    check.override(env.physician, PASSWORDS["physician"], draft_id, "inr", OVERRIDE_REASON)
    check.reconfirm(env.nurse, draft_id)
    record = check.seal(env.nurse, draft_id).record
    assert {"username": "dr.khalid", "name": "د. خالد الشمري"} in record["staff"].values()
