"""Archive search, the interpreter, and edge cases where the code and the contract part ways."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput, InvalidState, NotFound
from app.domain.roles import Actor
from app.services.archive import ArchiveService
from app.services.demo import synthetic_mark, synthetic_signature
from app.storage.models import AuditEvent

from .conftest import PASSWORDS, PATIENT, make_env, plan, seal_consent, sign_all, start_discussed


@pytest.fixture(scope="module")
def archived(module_env):
    env = module_env
    _, first = seal_consent(env, seed=1)
    other = {"name_ar": "نورة إبراهيم الدوسري", "name_latin": "Noura Aldosari", "mrn": "AB-5521",
             "national_id": "2098765432", "birth_date": "1950-01-02", "sex": "F"}
    _, second = seal_consent(env, seed=2, patient=other)
    return first, second


def ids(rows):
    return sorted(r["record_id"] for r in rows)


@pytest.mark.parametrize("query", ["فاطمه", "فاطمة", "الزهرانى", "فـاطـمة", "fatimah", "FATIMAH", "فاطمة الزهراني",
                                   "778812", "1023456789", "٧٧٨٨١٢"])
def test_search_finds_the_patient(module_env, archived, query):
    first, _ = archived
    rows = ArchiveService(module_env.ctx).search(module_env.admin, query)
    assert ids(rows) == [first.record_id]
    assert rows[0]["mrn"] == "778812" and rows[0]["kind"] == "consent"


@pytest.mark.parametrize("query", ["ابراهيم", "إبراهيم", "نوره", "2098765432"])
def test_search_folds_hamza_and_ta_marbuta(module_env, archived, query):
    _, second = archived
    assert ids(ArchiveService(module_env.ctx).search(module_env.nurse, query)) == [second.record_id]


def test_every_word_must_match(module_env, archived):
    assert ArchiveService(module_env.ctx).search(module_env.nurse, "فاطمة الدوسري") == []


def test_date_range_filters(module_env, archived):
    archive = ArchiveService(module_env.ctx)
    assert len(archive.search(module_env.nurse, "فاطمه", "2026-11-28", "2026-11-28")) == 1
    assert archive.search(module_env.nurse, "فاطمه", "2026-11-29") == []
    with pytest.raises(InvalidInput) as err:
        archive.search(module_env.nurse, "فاطمه", "2026-11-29", "2026-11-01")
    assert err.value.code == "date_range_invalid"
    with pytest.raises(InvalidInput) as err:
        archive.search(module_env.nurse, "   ")
    assert err.value.code in ("field_required", "query_empty")


def test_search_is_audited_without_the_query(module_env, archived):
    ArchiveService(module_env.ctx).search(module_env.nurse, "نورة الدوسري")
    with module_env.ctx.db.transaction(read_only=True) as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "archive.searched")
                          .order_by(AuditEvent.seq.desc()).limit(1)).scalar_one()
    assert event.actor == "nurse.sara" and event.subject is None
    details = json.loads(event.details_json)
    assert details["words"] == 2 and details["results"] == 1
    assert "نورة" not in event.details_json and "الدوسري" not in event.details_json


# Committed HEAD (bfeb95a) failed these: the query was casefolded and split on '-' before an exact MRN match.
@pytest.mark.parametrize("query", ["AB-5521", "ab-5521", "AB-5521 نورة"])
def test_search_by_mrn_with_letters_or_dash(module_env, archived, query):
    _, second = archived
    assert ids(ArchiveService(module_env.ctx).search(module_env.nurse, query)) == [second.record_id]


# --- interpreter and refusal edges -------------------------------------------------------------------
def test_interpreter_must_sign_when_used(module_env):
    env = module_env
    desk = env.desk()
    draft_id = start_discussed(env, interpreter=True)
    sign_all(env, draft_id, seed=3)
    with pytest.raises(InvalidState) as err:
        desk.seal(env.nurse, draft_id)
    assert err.value.code == "signatures_missing" and err.value.params["roles"] == "interpreter"
    with pytest.raises(InvalidInput) as err:
        desk.sign(env.nurse, draft_id, role="interpreter", name="Ahmed Khan", strokes=synthetic_signature(4))
    assert err.value.code == "field_required"
    draft = desk.sign(env.nurse, draft_id, role="interpreter", name="Ahmed Khan", strokes=synthetic_signature(4),
                      language="الأردية")
    form = env.ctx.forms.current("vertebroplasty")
    sig = next(s for s in draft.signatures if s["role"] == "interpreter")
    assert sig["language"] == "الأردية" and sig["meaning"] == form.signature_meanings["interpreter"]
    assert desk.seal(env.nurse, draft_id).record["signatures"][-1]["role"] in ("interpreter", "physician")


def test_a_readiness_check_cannot_start_on_a_refusal(module_env):
    env = module_env
    desk = env.desk()
    draft_id = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    desk.confirm_identity(env.nurse, draft_id)
    desk.set_outcome(env.nurse, draft_id, "refusal")
    sign_all(env, draft_id, seed=5)
    refusal = desk.seal(env.nurse, draft_id)
    with pytest.raises(NotFound) as err:
        env.readiness_check().start(env.nurse, refusal.record_id)
    assert err.value.code == "consent_missing"


def test_witness_signs_after_the_mark_and_attests_the_reading(module_env):
    env = module_env
    desk = env.desk()
    form = env.ctx.forms.current("vertebroplasty")
    draft_id = start_discussed(env)
    # What the witness attests depends on how the patient signed, so the witness cannot sign first.
    with pytest.raises(InvalidState) as err:
        desk.sign(env.nurse, draft_id, role="witness", name="هند الحربي", strokes=synthetic_signature(8))
    assert err.value.code == "patient_signs_first"
    desk.sign(env.nurse, draft_id, role="patient", name=PATIENT["name_ar"], method="mark", strokes=synthetic_mark(3))
    desk.sign(env.nurse, draft_id, role="witness", name="هند الحربي", strokes=synthetic_signature(8))
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(4),
              password=PASSWORDS["physician"])
    record = desk.seal(env.nurse, draft_id).record
    witness = next(s for s in record["signatures"] if s["role"] == "witness")
    assert witness["meaning"] == form.signature_meanings["witness_mark"]


def test_physician_signature_checks_the_stored_role(module_env):
    env = module_env
    draft_id = start_discussed(env)
    forged = Actor(env.nurse.user_id, env.nurse.username, "physician", "د. مزيف")
    with pytest.raises(AccessDenied):
        env.desk().sign(forged, draft_id, role="physician", strokes=synthetic_signature(2),
                        password=PASSWORDS["nurse"])


def test_validity_counts_local_days(tmp_path):
    # 01:30 on 29 November in Riyadh is still 28 November in UTC.
    env = make_env(tmp_path / "data", moment=dt.datetime(2026, 11, 28, 22, 30, tzinfo=dt.timezone.utc))
    try:
        assert env.ctx.today() == dt.date(2026, 11, 29)
        _, consent = seal_consent(env)
        check = env.readiness_check()
        draft_id = check.start(env.nurse, consent.record_id)
        env.clock.advance(days=30)  # 29 December, local: the thirtieth day after signing
        assert env.ctx.today() == dt.date(2026, 12, 29)
        check.reconfirm(env.nurse, draft_id)
    finally:
        env.ctx.close()
