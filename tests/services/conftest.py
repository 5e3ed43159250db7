"""Shared helpers for the service tests: an app context on a private data folder with a fixed clock,
staff accounts, a patient, and the whole consent flow in one call.

Contexts are cheap (~0.3 s) but sealing (~150 ms a record) and argon2 (~60 ms a password) are not:
modules build one context with ``module_env`` and only tests that move the clock or break the data
build their own with ``make_env``.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import tests.backends as backends

from app.domain.clock import FixedClock
from app.domain.roles import Actor
from app.services.consent import ConsentDesk
from app.services.context import AppContext, open_context
from app.services.demo import synthetic_mark, synthetic_signature
from app.services.readiness import ReadinessCheck
from app.services.users import UsersService

ROOT = Path(__file__).resolve().parents[2]
FORMS_DIR = ROOT / "forms"
# 09:00 in Riyadh (the default time zone), so the local and UTC dates agree.
T0 = dt.datetime(2026, 11, 28, 6, 0, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 11, 28)

PASSWORDS = {
    "nurse": "Desk-Nurse-2026!",
    "physician": "Radiology-Sign-77",
    "physician2": "Second-Doctor-88",
    "admin": "Admin-Console-55",
}
STAFF = {
    # key: (username, role, name_ar)
    "nurse": ("nurse.sara", "nurse", "سارة القحطاني"),
    "physician": ("dr.khalid", "physician", "د. خالد الشمري"),
    "physician2": ("dr.mona", "physician", "د. منى العنزي"),
    "admin": ("admin.omar", "admin", "عمر السبيعي"),
}

PATIENT = {"name_ar": "فاطمة عبدالله الزهراني", "name_latin": "Fatimah Alzahrani", "mrn": "778812",
           "national_id": "1023456789", "birth_date": "1948-05-17", "sex": "F"}
# Words that must never show up in the audit trail or the logs.
PATIENT_SECRETS = ("فاطمة", "عبدالله", "الزهراني", "Fatimah", "Alzahrani", "778812", "1023456789")
OVERRIDE_REASON = "قرر الطبيب المتابعة بعد مراجعة الصور والأعراض"


def plan(today: dt.date = TODAY, *, indication: str = "osteoporotic", fracture_days: int | None = 20,
         planned_days: int = 2, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "procedure": "vertebroplasty", "levels": ["T12", "L1"], "indication": indication,
        "fracture_date": (today - dt.timedelta(days=fracture_days)).isoformat() if fracture_days is not None else None,
        "planned_date": (today + dt.timedelta(days=planned_days)).isoformat(),
        "conservative_failed": ["analgesia", "rest"],
    }
    data.update(extra)
    return data


@dataclass
class Env:
    ctx: AppContext
    clock: FixedClock
    staff: dict[str, Actor] = field(default_factory=dict)

    @property
    def nurse(self) -> Actor:
        return self.staff["nurse"]

    @property
    def physician(self) -> Actor:
        return self.staff["physician"]

    @property
    def admin(self) -> Actor:
        return self.staff["admin"]

    def desk(self) -> ConsentDesk:
        return ConsentDesk(self.ctx)

    def readiness_check(self) -> ReadinessCheck:
        return ReadinessCheck(self.ctx)


def make_env(data_dir: Path, *, moment: dt.datetime = T0, staff=("nurse", "physician", "admin"),
             forms_dir: Path | None = None, database=None, pki=None) -> Env:
    """A context on ``data_dir``; its database is the data folder's SQLite file, or, when the test
    runs on PostgreSQL (tests/backends.py), a fresh database of the session's server. ``pki`` (the
    session's TestPki): the hospital's trust file and its seal (a PKCS#12, unlocked and registered),
    so real consents can be sealed; without it, demonstration consents only."""
    clock = FixedClock(moment)
    if database is None:
        database = backends.database_for(data_dir)
    ctx = open_context(data_dir, clock=clock, forms_dir=forms_dir, database=database,
                       trust_file=pki.trust_file if pki else None)
    if pki is not None:
        install_seal(ctx, pki)
    env = Env(ctx, clock)
    users = UsersService(ctx)
    for key in staff:
        username, role, name_ar = STAFF[key]
        env.staff[key] = users.add_from_operator(username=username, role=role, name_ar=name_ar, name_latin="",
                                                 password=PASSWORDS[key])
    return env


@pytest.fixture(autouse=True)
def _both_engines(backend):
    """Every service test runs on SQLite and on PostgreSQL (``sqlite_only`` opts out)."""
    return backend


def approve_forms(env: Env) -> None:
    """A physician approves the shipped vertebroplasty form (real consents need it)."""
    from app.services.forms import FormsService

    FormsService(env.ctx).approve_file(FORMS_DIR / "vertebroplasty.ar.yaml", STAFF["physician"][0],
                                       PASSWORDS["physician"])


def install_seal(ctx, pki, label: str = "seal", *, register: bool = True) -> None:
    """The hospital's PKCS#12 in the data folder, its passphrase given, its certificate registered
    (what InstitutionAdmin.import_pkcs12 does, without an administrator). ``register=False``: another
    desk of a shared database, whose registered seal this already is (each desk holds a copy)."""
    from app.documents.certificates import load_identity_from_pkcs12, signer_from_identity
    from app.services.files import write_atomically

    files = pki.seal_files(label)
    ctx.seal.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(ctx.seal.folder / "institution.p12", files.p12)
    ctx.seal.unlock(files.passphrase)
    if register:
        ctx.seal.register(signer_from_identity(load_identity_from_pkcs12(files.p12, files.passphrase.encode()),
                                               "pkcs12"))


@pytest.fixture(scope="module")
def module_env(tmp_path_factory, backend):
    env = make_env(tmp_path_factory.mktemp("svc") / "data")
    yield env
    env.ctx.close()


@pytest.fixture
def env(tmp_path, backend):
    env = make_env(tmp_path / "own-data")
    yield env
    env.ctx.close()


def set_phones(env: Env) -> None:
    """The team's numbers, which a real consent needs (the patient is told to call them)."""
    from app.services.settings import SettingsService

    SettingsService(env.ctx).update(env.admin, team_phone_day="011-234-5678", team_phone_after_hours="011-234-9999")


def copy_forms(target: Path) -> Path:
    shutil.copytree(FORMS_DIR, target)
    return target


def start_discussed(env: Env, *, demo: bool = True, patient: dict | None = None, plan_data: dict | None = None,
                    interpreter: bool = False, actor: Actor | None = None) -> str:
    """Start a consent, confirm the identity and acknowledge every section: ready for signatures."""
    desk = env.desk()
    actor = actor or env.nurse
    draft_id = desk.start(actor, patient or PATIENT, plan_data or plan(env.ctx.today()), demo=demo,
                          interpreter=interpreter)
    desk.confirm_identity(actor, draft_id)
    form = desk.form_of(desk.load(actor, draft_id))
    for section in form.sections:
        desk.acknowledge(actor, draft_id, section.id)
    for choice in form.patient_choices:  # the patient's yes/no to a biopsy and an extra level
        desk.choose(actor, draft_id, choice.id, "yes", by="patient")
    return draft_id


def sign_all(env: Env, draft_id: str, *, seed: int = 1, mark: bool = False) -> None:
    desk = env.desk()
    name = desk.load(env.nurse, draft_id).patient["name_ar"]
    if mark:
        desk.sign(env.nurse, draft_id, role="patient", name=name, method="mark", strokes=synthetic_mark(seed))
        desk.sign(env.nurse, draft_id, role="witness", name="هند الحربي", strokes=synthetic_signature(seed + 7))
    else:
        desk.sign(env.nurse, draft_id, role="patient", name=name, strokes=synthetic_signature(seed))
    draft = desk.load(env.nurse, draft_id)
    for warning in draft.open_warnings(desk.form_of(draft)):
        desk.override_warning(env.physician, PASSWORDS["physician"], draft_id, warning["code"], OVERRIDE_REASON)
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(seed + 1, 2),
              password=PASSWORDS["physician"])


def seal_consent(env: Env, *, demo: bool = True, seed: int = 1, **kwargs):
    """The whole consent flow to a sealed record: (draft_id, SealedRecord)."""
    draft_id = start_discussed(env, demo=demo, **kwargs)
    desk = env.desk()
    desk.add_question(env.nurse, draft_id, "متى أستطيع العودة إلى المشي؟", "في الغالب خلال يوم.")
    desk.teach_back(env.nurse, draft_id, "main_aim", "تخفيف الألم وتقوية الفقرة")
    sign_all(env, draft_id, seed=seed)
    return draft_id, desk.seal(env.nurse, draft_id)


def clear_answers(form, sex: str = "F") -> dict[str, Any]:
    """A complete checklist with nothing blocking (vertebroplasty/kyphoplasty forms)."""
    answers = {
        "identity_two_identifiers": "yes", "levels_confirmed": "yes", "level_localisation": "counted_from_sacrum",
        "tenderness_matches_level": "yes", "neuro_exam_baseline": "normal", "posterior_wall_canal": "intact",
        "recent_fracture_imaging": "mri_stir", "inr": 1.1, "platelets": 210, "haemoglobin": 12.1, "egfr": 75,
        "diabetic": "no", "blood_thinners": "none", "fasting_hours": 8, "allergy_status": "none_known",
        "active_infection_or_fever": "no", "temperature": 36.9, "bp_systolic": 130, "bp_diastolic": 80,
        "heart_rate": 78, "oxygen_saturation": 97, "can_lie_prone": "yes", "sedation_plan": "local_sedation",
        "airway_risk": "no_concern", "implanted_devices": "none", "iv_line": "yes",
        "antibiotic_prophylaxis": "given", "imaging_in_room": "yes", "escort_and_companion": "yes",
    }
    if sex == "F":
        answers["pregnancy"] = "not_possible"
    known = {item.id for item in form.checklist}
    assert set(answers) <= known, set(answers) - known
    return answers


def answer_all(env: Env, draft_id: str, changes: dict[str, Any] | None = None) -> None:
    check = env.readiness_check()
    draft = check.load(env.nurse, draft_id)
    form = check.form_of(draft)
    answers = {**clear_answers(form, draft.patient.get("sex")), **(changes or {})}
    for item, value in answers.items():
        # The physician's items (level located, neurological examination...) are the physician's.
        check.answer(env.physician if form.item(item).physician else env.nurse, draft_id, item, value)
