"""Every service action with every role and with no one signed in: AccessDenied exactly where
``app.domain.roles.PERMISSIONS`` says, and a refused call changes nothing (not even the audit trail).

The list of actions is introspected from the service classes: a new public method that is neither in
ACTIONS (with the permission it must check) nor in EXEMPT (with the reason) fails the test. Also:
login throttling and lockout, every attempt audited; the password policy.
"""
from __future__ import annotations

import inspect

import pytest
from sqlalchemy import text

from app.domain.errors import AccessDenied, ConsentError
from app.domain.passwords import COMMON, MIN_LENGTH
from app.domain.roles import PERMISSIONS, ROLES
from app.services.archive import ArchiveQuery, ArchiveService
from app.services.audit import AuditViewer
from app.services.auth import LOCK_MINUTES, MAX_FAILURES, AuthService
from app.services.backup import BackupService
from app.services.consent import ConsentDesk
from app.services.export import ExportService
from app.services.forms import FormAdmin
from app.services.handoff import HandoffDesk
from app.services.institution import InstitutionAdmin
from app.services.long_term import LongTermService
from app.services.outcomes import OutcomesService
from app.services.readiness import ReadinessCheck
from app.services.records import RecordsService
from app.services.settings import SettingsService
from app.services.stations import StationsService
from app.services.today import TodayService
from app.services.users import AdminUsersService, UsersService

from tests.services.conftest import PASSWORDS, PATIENT, STAFF

from .conftest import make_env, plan

SERVICES = (ConsentDesk, ReadinessCheck, RecordsService, TodayService, ArchiveService, ExportService,
            OutcomesService, AdminUsersService, InstitutionAdmin, FormAdmin, AuditViewer, SettingsService,
            UsersService, BackupService, LongTermService, HandoffDesk, StationsService)
MISSING = "CR-2026-ZZZZZZZZ"  # no such record / draft: a permitted call fails later, with NotFound


def pw(role: str | None) -> str:
    return PASSWORDS.get(role or "", "not-the-password")


def witness(role: str | None) -> dict:
    """Another staff member than ``role``, with their password (withdrawals and corrections)."""
    other = "physician" if role != "physician" else "nurse"
    return {"witness_username": STAFF[other][0], "witness_password": PASSWORDS[other]}


# method -> (permission, call(service, actor, role, tmp)) ; ``role`` gives the actor's own password
ACTIONS = {
    ConsentDesk: {
        "start": ("consent.start", lambda s, a, r, t: s.start(a, PATIENT, plan(s.ctx.today()), demo=True)),
        "update_details": ("consent.start", lambda s, a, r, t: s.update_details(a, MISSING, PATIENT,
                                                                                 plan(s.ctx.today()))),
        "save_intake": ("consent.start", lambda s, a, r, t: s.save_intake(a, None, {"name_ar": "فاطمة"})),
        "intake": ("consent.discuss", lambda s, a, r, t: s.intake(a, MISSING)),
        "load": ("consent.discuss", lambda s, a, r, t: s.load(a, MISSING)),
        "open_drafts": ("consent.discuss", lambda s, a, r, t: s.open_drafts(a)),
        "confirm_identity": ("consent.discuss", lambda s, a, r, t: s.confirm_identity(a, MISSING)),
        "acknowledge": ("consent.discuss", lambda s, a, r, t: s.acknowledge(a, MISSING, "risks")),
        "add_question": ("consent.discuss", lambda s, a, r, t: s.add_question(a, MISSING, "سؤال")),
        "teach_back": ("consent.discuss", lambda s, a, r, t: s.teach_back(a, MISSING, "main_aim", "جواب")),
        "answer_checklist": ("verification.answer", lambda s, a, r, t: s.answer_checklist(a, MISSING, "inr", 1.0)),
        "choose": ("consent.discuss", lambda s, a, r, t: s.choose(a, MISSING, "biopsy", "yes")),
        "set_interpreter": ("consent.discuss", lambda s, a, r, t: s.set_interpreter(a, MISSING, True)),
        "set_outcome": ("consent.discuss", lambda s, a, r, t: s.set_outcome(a, MISSING, "consent")),
        "override_warning": ("verification.override",
                             lambda s, a, r, t: s.override_warning(a, pw(r), MISSING, "old_fracture", "سبب كاف هنا")),
        "sign": ("consent.discuss", lambda s, a, r, t: s.sign(a, MISSING, role="patient", strokes=[], name="x")),
        "sign#physician": ("consent.sign_physician",
                           lambda s, a, r, t: s.sign(a, MISSING, role="physician", strokes=[], password=pw(r))),
        "seal": ("consent.seal", lambda s, a, r, t: s.seal(a, MISSING)),
        "discard": ("consent.discuss", lambda s, a, r, t: s.discard(a, MISSING)),
        "record_copy": ("consent.record_copy", lambda s, a, r, t: s.record_copy(a, MISSING, True)),
    },
    ReadinessCheck: {
        "start": ("verification.answer", lambda s, a, r, t: s.start(a, MISSING)),
        "open_draft_for": ("verification.answer", lambda s, a, r, t: s.open_draft_for(a, MISSING)),
        "load": ("verification.answer", lambda s, a, r, t: s.load(a, MISSING)),
        "answer": ("verification.answer", lambda s, a, r, t: s.answer(a, MISSING, "inr", 1.0)),
        "override": ("verification.override", lambda s, a, r, t: s.override(a, pw(r), MISSING, "inr", "سبب كاف هنا")),
        "reconfirm": ("verification.answer", lambda s, a, r, t: s.reconfirm(a, MISSING)),
        "seal": ("verification.seal", lambda s, a, r, t: s.seal(a, MISSING)),
        "readiness": ("record.view", lambda s, a, r, t: s.readiness(a, MISSING)),
    },
    RecordsService: {
        "pdf": ("record.view", lambda s, a, r, t: s.pdf(a, MISSING)),
        "record": ("record.view", lambda s, a, r, t: s.record(a, MISSING)),
        "seal_status": ("record.view", lambda s, a, r, t: s.seal_status(a, MISSING)),
        "printed": ("record.print", lambda s, a, r, t: s.printed(a, MISSING)),
        "save_copy": ("record.view", lambda s, a, r, t: s.save_copy(a, MISSING, t / "copy.pdf")),
    },
    TodayService: {
        "overview": ("record.view", lambda s, a, r, t: s.overview(a)),
        "find_patients": ("archive.search", lambda s, a, r, t: s.find_patients(a, "فاطمة")),
    },
    ArchiveService: {
        "find": ("archive.search", lambda s, a, r, t: s.find(a, ArchiveQuery(text="فاطمة"))),
        "search": ("archive.search", lambda s, a, r, t: s.search(a, "فاطمة")),
        "open_record": ("record.view", lambda s, a, r, t: s.open_record(a, MISSING)),
        "status_of": ("record.view", lambda s, a, r, t: s.status_of(a, MISSING)),
        "linked": ("record.view", lambda s, a, r, t: s.linked(a, MISSING)),
        "history": ("record.view", lambda s, a, r, t: s.history(a, MISSING)),
        "printed": ("record.print", lambda s, a, r, t: s.printed(a, [MISSING])),
        "record_ids": ("record.view", lambda s, a, r, t: s.record_ids(a)),
        "verify_records": ("archive.verify", lambda s, a, r, t: list(s.verify_records(a, [MISSING]))),
    },
    ExportService: {
        "export_range": ("archive.export", lambda s, a, r, t: s.export_range(a, "2026-11-01", "2026-11-30",
                                                                             t / "e.pdf")),
        "print_bundle": ("record.print", lambda s, a, r, t: s.print_bundle(a, t / "p.pdf", record_ids=[MISSING])),
    },
    OutcomesService: {
        "withdraw": ("record.withdraw", lambda s, a, r, t: s.withdraw(a, MISSING, patient_strokes=[],
                                                                      witness_strokes=[], **witness(r))),
        "correct": ("record.correct", lambda s, a, r, t: s.correct(a, pw(r), MISSING, reason="خطأ في المستوى",
                                                                   changes={"levels": ["L2"]}, **witness(r))),
    },
    AdminUsersService: {
        "list_users": ("users.manage", lambda s, a, r, t: s.list_users(a)),
        "add": ("users.manage", lambda s, a, r, t: s.add(a, username="x", role="nurse", name_ar="س", password="p")),
        "disable": ("users.manage", lambda s, a, r, t: s.disable(a, "nobody.here")),
        "enable": ("users.manage", lambda s, a, r, t: s.enable(a, "nobody.here")),
        "reset_password": ("users.manage", lambda s, a, r, t: s.reset_password(a, "nobody.here", "Long-Enough-9")),
        "change_role": ("users.manage", lambda s, a, r, t: s.change_role(a, "nobody.here", "nurse")),
        "unlock": ("users.manage", lambda s, a, r, t: s.unlock(a, "nobody.here")),
        "unresolved": ("users.manage", lambda s, a, r, t: s.unresolved(a)),
        "resolve": ("users.manage", lambda s, a, r, t: s.resolve(a, "nobody.here")),
    },
    InstitutionAdmin: {
        "certificates": ("certificates.manage", lambda s, a, r, t: s.certificates(a)),
        "expiry_warnings": ("certificates.manage", lambda s, a, r, t: s.expiry_warnings(a)),
        "import_pkcs12": ("certificates.manage", lambda s, a, r, t: s.import_pkcs12(a, b"not a p12", "pw")),
        "configure_pkcs11": ("certificates.manage",
                             lambda s, a, r, t: s.configure_pkcs11(a, "/nonexistent/module.so", "t", "k", "0")),
        "seal_setup": ("certificates.manage", lambda s, a, r, t: s.seal_setup(a)),
        "unlock_seal": ("certificates.manage", lambda s, a, r, t: s.unlock_seal(a, "not the pin")),
        "unlock_seal_at_sign_in": ("seal.unlock", lambda s, a, r, t: s.unlock_seal_at_sign_in(a, "not the pin")),
        "unlock_seal_at_sign_in#remember": ("certificates.manage", lambda s, a, r, t: s.unlock_seal_at_sign_in(
            a, "not the pin", remember=True)),
        "forget_seal_secret": ("certificates.manage", lambda s, a, r, t: s.forget_seal_secret(a)),
        "test_timestamp_server": ("settings.manage", lambda s, a, r, t: s.test_timestamp_server(a, "http://127.0.0.1:9/")),
        "set_names": ("settings.manage", lambda s, a, r, t: s.set_names(a, name_ar="\u202e", name_en="")),
        "set_timestamp_url": ("settings.manage", lambda s, a, r, t: s.set_timestamp_url(a, "ftp://no")),
        "set_logo": ("settings.manage", lambda s, a, r, t: s.set_logo(a, b"not an image")),
    },
    FormAdmin: {
        "list_versions": ("forms.view", lambda s, a, r, t: s.list_versions(a)),
        "diff": ("forms.view", lambda s, a, r, t: s.diff(a, "0" * 64, "1" * 64)),
        "read": ("forms.view", lambda s, a, r, t: s.read(a, "0" * 64)),
        "approve": ("forms.approve", lambda s, a, r, t: s.approve(a, pw(r), "0" * 64)),
        "retire": ("forms.retire", lambda s, a, r, t: s.retire(a, "0" * 64)),
        "thresholds": ("settings.manage", lambda s, a, r, t: s.thresholds(a)),
        "review_notes": ("forms.view", lambda s, a, r, t: s.review_notes(a, "0" * 64)),
        "set_threshold": ("settings.manage", lambda s, a, r, t: s.set_threshold(a, "no_such_threshold", 1.0)),
    },
    AuditViewer: {
        "query": ("audit.view", lambda s, a, r, t: s.query(a)),
        "verify_chain": ("audit.view", lambda s, a, r, t: s.verify_chain(a)),
    },
    SettingsService: {
        "update": ("settings.manage", lambda s, a, r, t: s.update(a, time_zone="not/a_zone")),
        "update#personal": (None, lambda s, a, r, t: s.update(a, language="xx-not-a-language")),
    },
    UsersService: {
        "name_of": ("record.view", lambda s, a, r, t: s.name_of(a, "nobody.here")),
        "add": ("users.manage", lambda s, a, r, t: s.add(a, username="x", role="nurse", name_ar="س", name_latin="",
                                                        password="p")),
    },
    BackupService: {
        "backup": ("archive.export", lambda s, a, r, t: s.backup(a, t)),  # a folder: refused after the check
    },
    LongTermService: {  # no timestamp server set: refused after the check
        "renew": ("certificates.manage", lambda s, a, r, t: s.renew(a)),
    },
}
ACTIONS[HandoffDesk] = {
    "tablets": ("consent.discuss", lambda s, a, r, t: s.tablets(a)),
    "hand_over": ("consent.discuss", lambda s, a, r, t: s.hand_over(a, MISSING, 1)),
    "take_back": ("consent.discuss", lambda s, a, r, t: s.take_back(a, "0" * 32)),
    "release": ("consent.discuss", lambda s, a, r, t: s.release(a, "0" * 32)),
    "progress": ("consent.discuss", lambda s, a, r, t: s.progress(a, MISSING)),
}
ACTIONS[StationsService] = {
    "stations": ("record.view", lambda s, a, r, t: s.stations(a)),
}
# Public methods without a role check, and why.
EXEMPT = {
    (StationsService, "register"): "the computer registers itself at start-up (its own station file); no staff",
    (StationsService, "heartbeat"): "the computer's own heartbeat",
    (StationsService, "online"): "pure: a time comparison",
    (StationsService, "name_of"): "a station's name for its own title bar (no patient data)",
    (ConsentDesk, "form_of"): "pure: the form of a draft already loaded by a permitted call",
    (ConsentDesk, "patient_form"): "pure: the form of a draft already loaded, filled from the settings",
    (ReadinessCheck, "form_of"): "pure: the form of a draft already loaded by a permitted call",
    (ReadinessCheck, "evaluate"): "pure: evaluates a draft already loaded",
    (ReadinessCheck, "open_blocks"): "pure: evaluates a draft already loaded",
    (ArchiveService, "verify_all_as_operator"): "verify --all: a check that reveals no patient data (open to anyone)",
    (InstitutionAdmin, "locked_seal"): "the sign-in page asks whether to show the seal's field before anyone signs "
                                       "in: locked or not, nothing about the key",
    (InstitutionAdmin, "logo_path"): "the logo shown on every screen and printed on every record (public)",
    (SettingsService, "current"): "the settings every screen needs (no patient data)",
    (UsersService, "add_from_operator"): "setting up a data folder with its owner's rights (tests, installers)",
    (UsersService, "add_first_admin"): "the first administrator of a data folder with no account at all",
    (UsersService, "add_demo"): "the demo service's own accounts (inside its transaction)",
}
ACTORS = (*ROLES, None)


def public_methods(cls) -> set[str]:
    return {name for name, fn in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_") and fn.__qualname__.startswith(cls.__name__ + ".")}


def test_every_public_method_is_in_the_table():
    for cls in SERVICES:
        listed = {name.split("#")[0] for name in ACTIONS.get(cls, {})}
        exempt = {name for (c, name) in EXEMPT if c is cls}
        unknown = public_methods(cls) - listed - exempt
        assert not unknown, f"{cls.__name__}: add {sorted(unknown)} to ACTIONS (its permission) or EXEMPT (why)"
        stale = (listed | exempt) - public_methods(cls)
        assert not stale, f"{cls.__name__}: {sorted(stale)} no longer exist"
    used = {perm for table in ACTIONS.values() for perm, _ in table.values() if perm}
    assert used <= set(PERMISSIONS)


@pytest.fixture(scope="module")
def access_env(tmp_path_factory, backend):
    env = make_env(tmp_path_factory.mktemp("access") / "data")
    yield env
    env.ctx.close()


def audit_count(env) -> int:
    with env.ctx.db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM audit_events").scalar_one()


CASES = [(cls, name, role) for cls, table in ACTIONS.items() for name in table for role in ACTORS]


@pytest.mark.parametrize("cls,name,role", CASES,
                         ids=[f"{c.__name__}.{n}-{r or 'nobody'}" for c, n, r in CASES])
def test_role_matrix(access_env, tmp_path, cls, name, role):
    env = access_env
    permission, call = ACTIONS[cls][name]
    actor = env.staff[role] if role else None
    allowed = (role is not None) if permission is None else (role in PERMISSIONS[permission])
    service = cls(env.ctx)
    before = audit_count(env)
    try:
        result = call(service, actor, role, tmp_path)
        if inspect.isgenerator(result):
            next(result, None)
        error = None
    except ConsentError as exc:
        error = exc
    role_refusal = isinstance(error, AccessDenied) and error.code in ("role_not_allowed", "not_logged_in")
    if allowed:
        assert not role_refusal, f"{cls.__name__}.{name} refused a {role}: {error}"
    else:
        assert role_refusal, f"{cls.__name__}.{name} let a {role or 'signed-out caller'} through ({error!r})"
        assert error.code == ("not_logged_in" if role is None else "role_not_allowed")
        assert audit_count(env) == before  # a refused call changes nothing


# --------------------------------------------------------------------------- sign-in

def test_throttling_lockout_and_every_attempt_audited(tmp_path):
    """Five wrong passwords make the account wait (5 minutes); while it waits even the right password
    is refused, with the same answer as any failure; every attempt is audited with what really happened."""
    env = make_env(tmp_path / "data", staff=("nurse",))
    auth = AuthService(env.ctx)
    username = env.nurse.username
    try:
        before = audit_count(env)
        codes = []
        for _ in range(MAX_FAILURES + 3):  # five wrong passwords, then three more while it waits
            try:
                auth.login(username, "wrong-password-1")
            except AccessDenied as exc:
                codes.append(exc.code)
        assert codes == ["login_failed"] * (MAX_FAILURES + 3)
        with pytest.raises(AccessDenied) as info:
            auth.login(username, PASSWORDS["nurse"])  # the right password does not open a waiting account
        assert info.value.code == "login_failed"
        with pytest.raises(AccessDenied):
            auth.login("no.such.user", "whatever-it-is")
        with env.ctx.db.engine.connect() as conn:
            rows = conn.execute(text("SELECT action, subject, details_json FROM audit_events WHERE seq > :seq"),
                                {"seq": before}).fetchall()
        assert len(rows) == MAX_FAILURES + 3 + 2  # every attempt, none forgotten
        assert all(action == "login.failed" for action, _, _ in rows)
        assert sum('"account_locked"' in (d or "") for _, _, d in rows) == 5
        assert all("wrong-password" not in (d or "") for _, _, d in rows)
        env.clock.advance(minutes=LOCK_MINUTES + 1)
        assert auth.login(username, PASSWORDS["nurse"]).username == username
        with env.ctx.db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1").scalar_one() \
                == "login.ok"
    finally:
        env.ctx.close()


@pytest.mark.parametrize("password", ["", "short", "x" * (MIN_LENGTH - 1), *sorted(COMMON)[:12], "PASSWORD",
                                      "aaaaaaaaaaaa"])
def test_password_policy(access_env, password):
    from app.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        UsersService(access_env.ctx).add(access_env.admin, username="nurse.new", role="nurse", name_ar="ممرضة",
                                         name_latin="", password=password)
    with pytest.raises(InvalidInput):
        AdminUsersService(access_env.ctx).reset_password(access_env.admin, access_env.nurse.username, password)

