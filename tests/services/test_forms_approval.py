"""A physician must approve a form version before real patients see it (app.services.forms)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput, InvalidState
from app.services.forms import FormsService
from app.services.seal.verify import VerifyService
from app.storage.models import AuditEvent

from .conftest import FORMS_DIR, PASSWORDS, PATIENT, make_env, plan, seal_consent, set_phones

FORM_FILE = FORMS_DIR / "vertebroplasty.ar.yaml"


@pytest.fixture(scope="module")
def approval_env(tmp_path_factory, backend, pki):
    env = make_env(tmp_path_factory.mktemp("approval") / "data", pki=pki)
    yield env
    env.ctx.close()


def status(env, procedure="vertebroplasty"):
    rows = [r for r in FormsService(env.ctx).list_versions() if r[0] == procedure]
    assert len(rows) == 1
    return rows[0]


# The tests in this module run in order: refused, nurse refused, approved, real consent sealed.
def test_real_consent_on_unapproved_form_refused(approval_env):
    env = approval_env
    assert status(env)[4] == "not-approved"
    with pytest.raises(InvalidState) as err:
        env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=False)
    assert err.value.code == "form_not_approved"
    # Demonstrations and training may use it.
    assert env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)


def test_nurse_and_admin_cannot_approve(approval_env):
    env = approval_env
    forms = FormsService(env.ctx)
    for key in ("nurse", "admin"):
        with pytest.raises(AccessDenied) as err:
            forms.approve_file(FORM_FILE, env.staff[key].username, PASSWORDS[key])
        assert err.value.code == "role_not_allowed"
    assert status(env)[4] == "not-approved"


def test_wrong_password_or_missing_file_does_not_approve(approval_env):
    env = approval_env
    forms = FormsService(env.ctx)
    with pytest.raises(AccessDenied):
        forms.approve_file(FORM_FILE, "dr.khalid", "not-the-password")
    with pytest.raises(InvalidInput) as err:
        forms.approve_file(FORMS_DIR / "nope.ar.yaml", "dr.khalid", PASSWORDS["physician"])
    assert err.value.code == "file_unreadable"
    assert status(env)[4] == "not-approved"


def test_physician_approves(approval_env):
    env = approval_env
    form = FormsService(env.ctx).approve_file(FORM_FILE, "dr.khalid", PASSWORDS["physician"])
    assert form.content_sha256 == env.ctx.forms.current("vertebroplasty").content_sha256
    row = status(env)
    assert row[4] == "approved" and row[5] == "dr.khalid" and row[6] == "2026-11-28T06:00:00+00:00"
    assert status(env, "kyphoplasty")[4] == "not-approved"
    with env.ctx.db.transaction(read_only=True) as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "form.approved")).scalar_one()
    assert event.actor == "dr.khalid" and event.subject == f"form:{form.content_sha256}"
    with pytest.raises(InvalidState) as err:
        FormsService(env.ctx).approve_file(FORM_FILE, "dr.khalid", PASSWORDS["physician"])
    assert err.value.code == "form_already_approved"


def test_real_consent_after_approval(approval_env):
    env = approval_env
    with pytest.raises(InvalidState) as err:  # not before the patient can be given the team's numbers
        env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=False)
    assert err.value.code == "team_phones_missing"
    assert err.value.params["settings"] == "team_phone_day,team_phone_after_hours"
    set_phones(env)
    _, result = seal_consent(env, demo=False)
    assert result.record["local_settings"]["team_phone_day"] == "011-234-5678"
    assert result.record["demo"] is False
    assert result.record["form"]["approved_by"] == "dr.khalid"
    assert result.record["form"]["approved_at"] == "2026-11-28T06:00:00+00:00"
    verdict = VerifyService(env.ctx).verify_bytes(result.pdf)
    assert verdict.valid and not verdict.demo and verdict.anchor == "Test Hospital CA"
    # Kyphoplasty is still unapproved.
    with pytest.raises(InvalidState):
        env.desk().start(env.nurse, PATIENT, plan(env.ctx.today(), procedure="kyphoplasty"), demo=False)


def test_two_texts_are_never_approved_under_one_version_label(tmp_path):
    """A second text with the same procedure, language and version label is refused: a record's printed
    version must name one text."""
    from .conftest import copy_forms

    forms = copy_forms(tmp_path / "forms")
    env = make_env(tmp_path / "data", forms_dir=forms)
    try:
        service = FormsService(env.ctx)
        service.approve_file(forms / "vertebroplasty.ar.yaml", "dr.khalid", PASSWORDS["physician"])
        edited = forms / "vertebroplasty-edited.ar.yaml"
        text = (forms / "vertebroplasty.ar.yaml").read_text(encoding="utf-8")
        marker = next(line for line in text.splitlines() if line.strip().startswith("title"))
        edited.write_text(text.replace(marker, marker.rstrip()[:-1] + ' - نص معدل"', 1), encoding="utf-8")
        with pytest.raises(InvalidState) as refused:
            service.approve_file(edited, "dr.khalid", PASSWORDS["physician"])
        assert refused.value.code == "form_label_taken"
    finally:
        env.ctx.close()
