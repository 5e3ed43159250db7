"""The consent at the desk, end to end: start, discuss, sign, seal (app.services.consent)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput, InvalidState
from app.domain.record import canonical_json, sha256_hex
from app.services.demo import synthetic_mark, synthetic_signature
from app.services.seal.verify import VerifyService
from app.storage import repositories as repo
from app.storage.models import AuditEvent

from .conftest import PASSWORDS, PATIENT, plan, seal_consent, start_discussed

DESIGN_KEYS = {"record_id", "kind", "refers_to", "form", "patient", "procedure", "checklist", "overrides",
               "discussion", "signatures", "audit_head", "created_at", "signed_at"}


@pytest.fixture(scope="module")
def sealed(module_env):
    draft_id, record = seal_consent(module_env)
    return draft_id, record


def test_record_has_the_design_keys(module_env, sealed):
    _, result = sealed
    rec = result.record
    assert DESIGN_KEYS <= set(rec)
    assert rec["kind"] == "consent" and rec["refers_to"] is None and result.record_id.startswith("CR-2026-")
    form = module_env.ctx.forms.current("vertebroplasty")
    assert rec["form"] == {"procedure": "vertebroplasty", "language": "ar", "version": form.version,
                           "content_sha256": form.content_sha256, "approved_by": None, "approved_at": None}
    for key, value in PATIENT.items():
        assert rec["patient"][key] == value
    proc = rec["procedure"]
    assert proc["levels"] == ["T12", "L1"] and proc["indication"] == "osteoporotic"
    assert proc["risk_figure"] == "1-3%" and proc["fracture_date"] == "2026-11-08"
    assert proc["planned_date"] == "2026-11-30"
    assert rec["signed_at"] == "2026-11-28T06:00:00+00:00"
    sections = [s.id for s in form.sections]
    assert [a["section"] for a in rec["discussion"]["acknowledged"]] == sections
    assert all(a["by"] in ("patient", "staff") and a["at"] for a in rec["discussion"]["acknowledged"])
    assert rec["discussion"]["questions"][0]["answer"] == "في الغالب خلال يوم."
    assert rec["discussion"]["teach_back"][0]["id"] == "main_aim"
    roles = {s["role"]: s for s in rec["signatures"]}
    assert set(roles) == {"patient", "physician"}
    assert roles["patient"]["name"] == PATIENT["name_ar"]
    assert roles["patient"]["meaning"] == form.signature_meanings["patient"]
    assert roles["physician"]["name"] == "د. خالد الشمري" and roles["physician"]["username"] == "dr.khalid"
    for sig in roles.values():
        assert sig["method"] == "drawn" and sig["signed_at"]
        point = sig["strokes"][0][0]
        assert len(point) == 4 and 0 <= point[0] <= 1 and 0 <= point[1] <= 1 and 0 <= point[3] <= 1


def test_stored_record_is_the_canonical_json(module_env, sealed):
    _, result = sealed
    with module_env.ctx.db.transaction(read_only=True) as s:
        row = repo.records.get(s, result.record_id)
        assert row.record_json.encode("utf-8") == canonical_json(result.record)
        assert row.record_sha256 == sha256_hex(row.record_json.encode("utf-8")) == result.record_sha256
        assert bytes(row.pdf) == result.pdf and row.is_demo is True and row.kind == "consent"
        assert json.loads(row.record_json) == result.record


def test_pdf_verifies(module_env, sealed):
    _, result = sealed
    verdict = VerifyService(module_env.ctx).verify_bytes(result.pdf, demo=True)
    assert verdict.valid, verdict.reason
    assert verdict.record_id == result.record_id


def test_audit_head_is_the_event_before_its_own(module_env, sealed):
    _, result = sealed
    with module_env.ctx.db.transaction(read_only=True) as s:
        own = s.execute(select(AuditEvent).where(AuditEvent.action == "record.sealed",
                                                 AuditEvent.subject == result.record_id)).scalar_one()
        before = s.execute(select(AuditEvent).where(AuditEvent.seq == own.seq - 1)).scalar_one()
    assert result.record["audit_head"] == own.prev_hash == before.hash


def test_draft_is_closed_after_sealing(module_env, sealed):
    draft_id, _ = sealed
    desk = module_env.desk()
    with pytest.raises(InvalidState) as err:
        desk.load(module_env.nurse, draft_id)
    assert err.value.code == "draft_closed"
    with pytest.raises(InvalidState):
        desk.seal(module_env.nurse, draft_id)
    assert draft_id not in [d["draft_id"] for d in desk.open_drafts(module_env.nurse)]


def test_refusal_is_sealed_as_a_refusal(module_env):
    env = module_env
    desk = env.desk()
    draft_id = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    desk.confirm_identity(env.nurse, draft_id)
    desk.set_outcome(env.nurse, draft_id, "refusal")
    desk.sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], strokes=synthetic_signature(5))
    with pytest.raises(InvalidState) as err:
        desk.set_outcome(env.nurse, draft_id, "consent")
    assert err.value.code == "already_signing"
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(6),
              password=PASSWORDS["physician"])
    result = desk.seal(env.nurse, draft_id)
    assert result.kind == "refusal" and result.record["kind"] == "refusal"
    assert result.record_id.startswith("RF-")
    assert VerifyService(env.ctx).verify_bytes(result.pdf, demo=True).valid


def test_unknown_outcome_refused(module_env):
    env = module_env
    draft_id = start_discussed(env)
    with pytest.raises(InvalidInput) as err:
        env.desk().set_outcome(env.nurse, draft_id, "maybe")
    assert err.value.code == "outcome_invalid"


def test_seal_refused_until_steps_are_done(module_env):
    env = module_env
    desk = env.desk()
    draft_id = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    for step, code in [(lambda: desk.confirm_identity(env.nurse, draft_id), "identity_not_verified"),
                       (None, "sections_not_acknowledged")]:
        with pytest.raises(InvalidState) as err:
            desk.seal(env.nurse, draft_id)
        assert err.value.code == code
        if step:
            step()


def test_unknown_section_is_invalid_input(module_env):
    env = module_env
    draft_id = env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    with pytest.raises(InvalidInput) as err:
        env.desk().acknowledge(env.nurse, draft_id, "no_such_section")
    assert err.value.code == "section_unknown"
    assert env.desk().load(env.nurse, draft_id).acknowledged == []


def test_patient_mark_requires_a_witness(module_env):
    env = module_env
    desk = env.desk()
    form = env.ctx.forms.current("vertebroplasty")
    draft_id = start_discussed(env)
    desk.sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], method="mark", strokes=synthetic_mark(3))
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(4),
              password=PASSWORDS["physician"])
    with pytest.raises(InvalidState) as err:
        desk.seal(env.nurse, draft_id)
    assert err.value.code == "signatures_missing" and err.value.params["roles"] == "witness"
    draft = desk.sign(env.nurse, draft_id, role="witness", name="هند الحربي", strokes=synthetic_signature(8))
    witness = next(s for s in draft.signatures if s["role"] == "witness")
    assert witness["meaning"] == form.signature_meanings["witness_mark"]
    assert witness["meaning"] != form.signature_meanings["witness"]
    result = desk.seal(env.nurse, draft_id)
    patient_sig = next(s for s in result.record["signatures"] if s["role"] == "patient")
    assert patient_sig["method"] == "mark"


def test_only_patient_or_representative_may_sign_by_mark(module_env):
    env = module_env
    draft_id = start_discussed(env)
    env.desk().sign(env.nurse, draft_id, role="patient", name="فاطمة", strokes=synthetic_signature(1))
    with pytest.raises(InvalidInput) as err:
        env.desk().sign(env.nurse, draft_id, role="witness", name="هند", method="mark", strokes=synthetic_mark(1))
    assert err.value.code == "mark_not_allowed"


@pytest.mark.parametrize("relationship,reason", [("", "المريضة فاقدة للوعي"), ("ابنها", ""), ("", "")])
def test_representative_needs_relationship_and_reason(module_env, relationship, reason):
    env = module_env
    draft_id = start_discussed(env)
    with pytest.raises(InvalidInput) as err:
        env.desk().sign(env.nurse, draft_id, role="representative", name="سالم الزهراني",
                        strokes=synthetic_signature(2), relationship=relationship, reason=reason)
    assert err.value.code == "field_required"
    assert env.desk().load(env.nurse, draft_id).signatures == []


def test_representative_replaces_the_patient(module_env):
    env = module_env
    draft_id = start_discussed(env)
    draft = env.desk().sign(env.nurse, draft_id, role="representative", name="سالم الزهراني",
                            strokes=synthetic_signature(2), relationship="ابنها", reason="المريضة فاقدة للوعي")
    sig = draft.signatures[0]
    assert sig["relationship"] == "ابنها" and sig["reason"] == "المريضة فاقدة للوعي"
    assert draft.missing_signatures() == ["physician"]


def test_physician_signature_needs_own_password_and_failures_are_audited(module_env):
    env = module_env
    draft_id = start_discussed(env)
    desk = env.desk()
    with env.ctx.db.transaction(read_only=True) as s:
        before = env.ctx.audit.count(s)
    with pytest.raises(AccessDenied) as err:
        desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(2), password="wrong-pass-123")
    assert err.value.code == "login_failed"
    with pytest.raises(AccessDenied):
        desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(2), password=None)
    with env.ctx.db.transaction(read_only=True) as s:
        events = s.execute(select(AuditEvent).where(AuditEvent.seq > before).order_by(AuditEvent.seq)).scalars().all()
    failed = [e for e in events if e.action == "sign.failed"]
    assert len(failed) == 2 and all(e.actor == "dr.khalid" for e in failed)
    assert not any("wrong-pass-123" in (e.details_json or "") for e in events)
    assert env.desk().load(env.nurse, draft_id).signatures == []
    # The right password works (and resets the failure count).
    draft = desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(2),
                      password=PASSWORDS["physician"])
    assert draft.signatures[0]["username"] == "dr.khalid"


def test_physician_cannot_sign_with_a_colleagues_password(module_env):
    env = module_env
    from app.services.users import UsersService

    other = UsersService(env.ctx).add_from_operator(username="dr.mona", role="physician", name_ar="د. منى العنزي",
                                                    name_latin="", password=PASSWORDS["physician2"])
    draft_id = start_discussed(env)
    with pytest.raises(AccessDenied):
        env.desk().sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(2),
                        password=PASSWORDS["physician2"])
    draft = env.desk().sign(other, draft_id, role="physician", strokes=synthetic_signature(2),
                            password=PASSWORDS["physician2"])
    assert draft.signatures[0]["name"] == "د. منى العنزي"


def test_nurse_cannot_sign_as_physician(module_env):
    env = module_env
    draft_id = start_discussed(env)
    for password in (PASSWORDS["nurse"], PASSWORDS["physician"]):
        with pytest.raises(AccessDenied) as err:
            env.desk().sign(env.nurse, draft_id, role="physician", name="د. خالد الشمري",
                            strokes=synthetic_signature(2), password=password)
        assert err.value.code == "role_not_allowed"
    assert env.desk().load(env.nurse, draft_id).signatures == []


def test_nurse_cannot_override_a_warning(module_env):
    env = module_env
    draft_id = start_discussed(env, plan_data=plan(env.ctx.today(), fracture_days=70))
    with pytest.raises(AccessDenied):
        env.desk().override_warning(env.nurse, PASSWORDS["nurse"], draft_id, "fracture_older_than_8_weeks",
                                    "الممرضة تقرر المتابعة")
    with pytest.raises(InvalidInput) as err:
        env.desk().override_warning(env.physician, PASSWORDS["physician"], draft_id, "no_such_warning",
                                    "سبب كاف للمتابعة")
    assert err.value.code == "override_unknown"
    draft = env.desk().override_warning(env.physician, PASSWORDS["physician"], draft_id,
                                        "fracture_older_than_8_weeks", "سبب كاف للمتابعة")
    assert draft.open_warnings(env.ctx.forms.current("vertebroplasty")) == []


def test_admin_cannot_start_or_discuss_a_consent(module_env):
    env = module_env
    with pytest.raises(AccessDenied) as err:
        env.desk().start(env.admin, PATIENT, plan(env.ctx.today()), demo=True)
    assert err.value.code == "role_not_allowed"
    draft_id = start_discussed(env)
    with pytest.raises(AccessDenied):
        env.desk().load(env.admin, draft_id)
    with pytest.raises(AccessDenied):
        env.desk().seal(env.admin, draft_id)


def test_signature_twice_refused_by_the_desk(module_env):
    env = module_env
    draft_id = start_discussed(env)
    env.desk().sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], strokes=synthetic_signature(1))
    with pytest.raises(InvalidState) as err:
        env.desk().sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], strokes=synthetic_signature(9))
    assert err.value.code == "already_signed"


def test_blank_pad_is_not_a_signature(module_env):
    env = module_env
    draft_id = start_discussed(env)
    with pytest.raises(InvalidInput) as err:
        env.desk().sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], strokes=[[[0.5, 0.5, 0, 0.5]]])
    assert err.value.code == "signature_blank"


@pytest.mark.parametrize("changes,code", [
    ({"name_ar": "فاطمة\u202eالزهراني"}, "field_forbidden_character"),
    ({"mrn": "12\u200b34"}, "field_forbidden_character"),
    ({"birth_date": "1948-02-30"}, "date_invalid"),
])
def test_bad_patient_input_stores_nothing(module_env, changes, code):
    env = module_env
    with env.ctx.db.transaction(read_only=True) as s:
        drafts_before = len(repo.drafts.list_open(s))
    with pytest.raises(InvalidInput) as err:
        env.desk().start(env.nurse, {**PATIENT, **changes}, plan(env.ctx.today()), demo=True)
    assert err.value.code == code
    with env.ctx.db.transaction(read_only=True) as s:
        assert len(repo.drafts.list_open(s)) == drafts_before


def test_arabic_indic_digits_stored_as_ascii(module_env):
    env = module_env
    draft_id = env.desk().start(env.nurse, {**PATIENT, "mrn": "٤٤٥٥٦٦"}, plan(env.ctx.today()), demo=True)
    assert env.desk().load(env.nurse, draft_id).patient["mrn"] == "445566"
