"""The reviewed consent content through the services: bounded thresholds and the team's numbers in
the settings, the patient's own choices and the anaesthesia in record.json, the patient's text filled
from the settings, and records sealed under the first forms still verifying and showing their text."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest

from app.documents.arabic_text import has_rtl, visual_to_logical
from app.documents.record_pdf import render_record_pdf
from app.domain.errors import AccessDenied, InvalidInput, InvalidState
from app.services.context import open_context
from app.services.patient_session import PatientSession
from app.services.records import RecordsService
from app.services.seal.verify import VerifyService
from app.services.settings import SettingsService, settings_from_values
from tests.backends import database_for

from .conftest import PASSWORDS, PATIENT, make_env, plan, seal_consent, set_phones, start_discussed

ROOT = Path(__file__).resolve().parents[2]
LEGACY_FORMS = ROOT / "tests" / "fixtures" / "forms_2026.11-1"


def pdf_text(pdf: bytes) -> str:
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for line in page.extract_text(use_text_flow=True).split("\n"):
                lines.append(visual_to_logical(line, has_rtl(line)))
    return "\n".join(lines)


# --- settings ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("values,fragment", [
    ({"inr_max": 2.0}, "inr_max: 2 is outside the safe range for the INR limit (1 to 1.8)"),
    ({"platelets_min": 20}, "platelets_min: 20 is outside the safe range for the platelet limit (50 to 150"),
    ({"fasting_hours_min": 2}, "fasting_hours_min: 2 is outside the safe range for the solid-food fasting time"),
])
def test_unsafe_local_thresholds_are_refused_with_a_clear_message(module_env, values, fragment):
    settings = SettingsService(module_env.ctx)
    with pytest.raises(InvalidInput) as err:
        settings.update(module_env.admin, thresholds=values)
    assert err.value.code == "threshold_out_of_range" and fragment in str(err.value)
    assert module_env.ctx.settings().thresholds == {}  # nothing stored


def test_safe_local_thresholds_are_kept_and_old_unsafe_ones_ignored(env):
    SettingsService(env.ctx).update(env.admin, thresholds={"inr_max": 1.8, "fasting_hours_min": 8})
    assert env.ctx.settings().thresholds == {"inr_max": 1.8, "fasting_hours_min": 8.0}
    # A value stored before the bounds existed is not trusted: the form's default applies.
    assert settings_from_values({"thresholds": {"inr_max": 2.0, "platelets_min": 60}}).thresholds == {
        "platelets_min": 60.0}


@pytest.mark.parametrize("value", ["+966 11 234 5678", "011 234 5678", "phone", "011--234", "-011"])
def test_phone_numbers_as_dialled_locally(module_env, value):
    with pytest.raises(InvalidInput) as err:
        SettingsService(module_env.ctx).update(module_env.admin, team_phone_day=value)
    assert err.value.code == "phone_invalid" and "no spaces or '+'" in str(err.value)


def test_phone_numbers_and_trainee_policy_are_admin_settings(env):
    settings = SettingsService(env.ctx)
    with pytest.raises(AccessDenied):
        settings.update(env.nurse, team_phone_day="011-234-5678")
    current = settings.update(env.admin, team_phone_day="٠١١-٢٣٤-٥٦٧٨", team_phone_after_hours="0112349999",
                              trainees_take_part=False)
    assert current.team_phone_day == "011-234-5678"  # Arabic-Indic digits typed, stored as ASCII
    assert current.local == {"emergency_number": "997", "team_phone_day": "011-234-5678",
                             "team_phone_after_hours": "0112349999", "trainees_take_part": False}
    with pytest.raises(InvalidInput):
        settings.update(env.admin, trainees_take_part="yes")


# --- the consent -------------------------------------------------------------------------------------------
def test_record_json_carries_choices_anaesthesia_consultant_and_numbers(env):
    set_phones(env)
    data = plan(env.ctx.today(), anaesthesia="general_anaesthesia", consultant="خالد الشمري")
    draft_id = start_discussed(env, plan_data=data)  # the patient said yes to both questions
    desk = env.desk()
    desk.choose(env.nurse, draft_id, "biopsy", "no", by="patient")
    from .conftest import sign_all
    sign_all(env, draft_id)
    with pytest.raises(InvalidState) as err:  # signing has started: the answers are final
        desk.choose(env.nurse, draft_id, "biopsy", "yes")
    assert err.value.code == "already_signing"
    sealed = desk.seal(env.nurse, draft_id)
    record = RecordsService(env.ctx).record(env.nurse, sealed.record_id)
    assert [(c["id"], c["value"], c["by"]) for c in record["choices"]] == [("biopsy", "no", "patient"),
                                                                          ("extra_level", "yes", "patient")]
    assert record["procedure"]["anaesthesia"] == "general_anaesthesia"
    assert record["procedure"]["consultant"] == "خالد الشمري"
    assert record["local_settings"]["team_phone_after_hours"] == "011-234-9999"
    assert record["form"]["version"] == "2026.12-1"
    text = pdf_text(sealed.pdf)
    for printed in ("011-234-5678", "011-234-9999", "997", "IR-VP-AR-02", "خالد الشمري", "تخدير عام",
                    "عينة صغيرة من عظم الفقرة", "لا أوافق", "أرقام للاتصال"):
        assert printed in text, printed


def test_a_consent_is_not_sealed_before_the_patient_answers_both_questions(env):
    draft_id = start_discussed(env)
    desk = env.desk()
    draft = desk.load(env.nurse, draft_id)
    draft_choices = dict(draft.choices)
    assert set(draft_choices) == {"biopsy", "extra_level"}
    # A fresh consent without the answers:
    other = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    desk.confirm_identity(env.nurse, other)
    for section in desk.form_of(desk.load(env.nurse, other)).sections:
        desk.acknowledge(env.nurse, other, section.id)
    from .conftest import sign_all
    sign_all(env, other, seed=3)
    with pytest.raises(InvalidState) as err:
        desk.seal(env.nurse, other)
    assert err.value.code == "patient_choices_missing"


def test_the_patient_reads_text_filled_from_the_settings_by_sex(env):
    SettingsService(env.ctx).update(env.admin, emergency_number="998", team_phone_day="011-111-2222",
                                    team_phone_after_hours="011-111-3333", thresholds={"fasting_hours_min": 8})
    draft_id = start_discussed(env, plan_data=plan(env.ctx.today(), indication="malignant"))
    patients = PatientSession(env.desk())
    draft, form = patients.load(env.nurse, draft_id)
    aftercare = "\n".join(form.section("aftercare").paragraphs)
    assert "الرقم 998" in aftercare and "011-111-2222" in aftercare and "011-111-3333" in aftercare
    assert "اتصلي" in aftercare and "{" not in aftercare  # PATIENT is a woman
    assert any("لمدة 8 ساعات" in p for p in form.section("preparation").paragraphs)
    assert any("العلاج الإشعاعي" in b for b in form.section("alternatives").bullets)
    summary = patients.summary(draft, form)
    assert summary.phones == {"emergency_number": "998", "team_phone_day": "011-111-2222",
                              "team_phone_after_hours": "011-111-3333"}
    assert summary.anaesthesia == "تخدير موضعي مع دواء مهدئ" and summary.reference == "IR-VP-AR-02"
    assert [(c, v) for c, _, v in summary.choices] == [("biopsy", "yes"), ("extra_level", "yes")]
    draft = patients.choose(env.nurse, draft_id, "biopsy", "no")
    assert draft.choices["biopsy"] == {**draft.choices["biopsy"], "value": "no", "by": "patient"}


# --- versions: records sealed under the first forms ---------------------------------------------------------
def test_records_of_the_first_forms_keep_verifying_and_showing_their_own_text(tmp_path):
    data = tmp_path / "data"
    env = make_env(data, forms_dir=LEGACY_FORMS)
    _, old = seal_consent(env)
    old_sha = old.record["form"]["content_sha256"]
    assert old.record["form"]["version"] == "2026.11-1" and "choices" not in old.record
    env.ctx.close()
    # The program is updated: the new forms are loaded from the shipped folder.
    ctx = open_context(data, clock=env.clock, database=database_for(data))  # PostgreSQL runs: the same database
    try:
        new = ctx.forms.current("vertebroplasty")
        assert new.content_sha256 != old_sha and new.version == "2026.12-1"
        assert ctx.forms.approval(new.content_sha256) == (None, None)  # a new version waits for a physician
        verdict = VerifyService(ctx).verify_bytes(old.pdf, demo=True)  # a demonstration (issue 12)
        assert verdict.valid and verdict.demo and verdict.record_id == old.record_id
        stored = RecordsService(ctx).record(env.nurse, old.record_id)
        assert stored == json.loads(json.dumps(old.record))
        form = ctx.forms.by_sha(stored["form"]["content_sha256"])  # its own version, from the stored text
        assert form.schema == 1 and form.version == "2026.11-1"
        again = pdf_text(render_record_pdf(stored, old.record_sha256, form))
        assert "طفيف التوغل" in again  # the first form's words, not the new ones
        assert "جهة علمية مستقلة" not in again and "أرقام للاتصال" not in again
    finally:
        ctx.close()


def test_the_readiness_record_prints_each_blood_thinner_and_the_physicians_items(env):
    from .conftest import answer_all

    _, consent = seal_consent(env)
    check = env.readiness_check()
    draft_id = check.start(env.nurse, consent.record_id)
    thinners = [{"drug": "warfarin", "last_dose": "2026-11-23", "hold": "held_as_instructed"},
                {"drug": "aspirin", "last_dose": "2026-11-27", "hold": "continued_on_physician_advice"}]
    answer_all(env, draft_id, {"blood_thinners": thinners, "high_clot_risk": "no", "oxygen_saturation": 96})
    check.reconfirm(env.nurse, draft_id)
    sealed = check.seal(env.nurse, draft_id)
    rows = {r["item"]: r for r in sealed.record["checklist"]}
    assert rows["blood_thinners"]["value"] == thinners and rows["neuro_exam_baseline"]["by"] == "dr.khalid"
    text = pdf_text(sealed.pdf)
    for printed in ("وارفارين · 2026-11-23", "أسبرين", "96%"):  # (a cell wraps: the hold words may split)
        assert printed in text, printed
