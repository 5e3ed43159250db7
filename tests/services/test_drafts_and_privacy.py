"""Drafts survive a crash (every step autosaves); no patient data reaches the audit trail or the logs."""
from __future__ import annotations

import logging

from sqlalchemy import select

from app.services.archive import ArchiveService
from app.services.auth import AuthService
from app.services.consent import ConsentDesk
from app.services.context import open_context
from app.services.seal.verify import VerifyService
from app.storage.models import AuditEvent

from .conftest import PATIENT, PATIENT_SECRETS, answer_all, make_env, plan, seal_consent, sign_all

import pytest
from tests.backends import database_for


def test_draft_survives_a_restart(tmp_path):
    data = tmp_path / "data"
    env = make_env(data)
    desk = env.desk()
    draft_id = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    desk.confirm_identity(env.nurse, draft_id)
    form = desk.form_of(desk.load(env.nurse, draft_id))
    sections = [s.id for s in form.sections]
    for section in sections[:3]:
        desk.acknowledge(env.nurse, draft_id, section)
    desk.acknowledge(env.nurse, draft_id, sections[0], by="patient")
    desk.add_question(env.nurse, draft_id, "هل سأحتاج إلى تخدير عام؟")
    desk.choose(env.nurse, draft_id, "biopsy", "no", by="patient")
    # "Crash": the first context is simply abandoned (never closed), a new one opens the same folder.
    env2 = make_env(data, staff=())
    env2.clock = env.clock
    env2.staff = env.staff
    try:
        desk2 = ConsentDesk(env2.ctx)
        drafts = desk2.open_drafts(env.nurse)
        assert [d["draft_id"] for d in drafts] == [draft_id]
        draft = desk2.load(env.nurse, draft_id)
        assert [(a["section"], a["by"]) for a in draft.acknowledged] == [
            (s, "staff") for s in sections[:3]] + [(sections[0], "patient")]
        assert draft.identity_verified_by == "nurse.sara"
        assert draft.questions[0]["text"] == "هل سأحتاج إلى تخدير عام؟"
        assert draft.patient["name_ar"] == PATIENT["name_ar"] and draft.demo is True
        # ... and the consent can be finished after the restart.
        assert draft.choices["biopsy"]["value"] == "no"
        for section in sections[3:]:
            desk2.acknowledge(env.nurse, draft_id, section)
        desk2.choose(env.nurse, draft_id, "extra_level", "yes", by="staff")
        sign_all(env2, draft_id)
        result = desk2.seal(env.nurse, draft_id)
        assert len(result.record["discussion"]["acknowledged"]) == len(sections) + 1
    finally:
        env2.ctx.close()
        env.ctx.close()


def test_no_patient_data_in_audit_or_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    env = make_env(tmp_path / "data")
    try:
        _, consent = seal_consent(env)
        check = env.readiness_check()
        v = check.start(env.nurse, consent.record_id)
        answer_all(env, v, {"inr": 1.8})
        from .conftest import OVERRIDE_REASON, PASSWORDS

        check.override(env.physician, PASSWORDS["physician"], v, "inr", OVERRIDE_REASON)
        check.reconfirm(env.nurse, v)
        check.seal(env.nurse, v)
        VerifyService(env.ctx).verify_bytes(consent.pdf, demo=True)
        archive = ArchiveService(env.ctx)
        assert archive.search(env.nurse, "فاطمه الزهراني")  # a search by name ...
        assert archive.search(env.admin, PATIENT["mrn"])  # ... and by MRN
        with pytest.raises(Exception):
            AuthService(env.ctx).login("nurse.sara", "فاطمة-password")  # a password holding patient text
        env.desk().record_copy(env.nurse, consent.record_id, given=True)

        with env.ctx.db.transaction(read_only=True) as s:
            rows = s.execute(select(AuditEvent.seq, AuditEvent.actor, AuditEvent.action, AuditEvent.subject,
                                    AuditEvent.details_json)).all()
        assert len(rows) > 30
        actions = {r.action for r in rows}
        assert {"consent.started", "record.sealed", "archive.searched", "record.verified"} <= actions
        for row in rows:
            text = " ".join(str(v) for v in (row.actor, row.subject, row.details_json) if v is not None)
            for secret in PATIENT_SECRETS + ("فاطمه",):
                assert secret not in text, (row.seq, row.action, secret)
        logged = "\n".join(r.getMessage() + " " + str(r.args) for r in caplog.records)
        for secret in PATIENT_SECRETS:
            assert secret not in logged, secret
    finally:
        env.ctx.close()


def test_reopening_a_context_keeps_records_and_approvals(tmp_path):
    data = tmp_path / "data"
    env = make_env(data)
    try:
        _, consent = seal_consent(env)
    finally:
        env.ctx.close()
    ctx = open_context(data, clock=env.clock, database=database_for(data))
    try:
        assert VerifyService(ctx).verify_bytes(consent.pdf, demo=True).valid  # the seal certificate was kept
        rows = ArchiveService(ctx).search(env.nurse, PATIENT["mrn"])
        assert [r["record_id"] for r in rows] == [consent.record_id]
    finally:
        ctx.close()
