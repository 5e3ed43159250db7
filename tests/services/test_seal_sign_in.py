"""The institution's seal unlocked at the sealing station's sign-in, with a real PKCS#11 token (SoftHSM2)
and a real PKCS#12: when the seal counts as locked; the right PIN unlocks it and the next consent is
sealed with the institution's key; a wrong one is refused with its code, leaves the seal as it was and
is audited without the secret; a nurse may give it; only an administrator may keep it in the key store."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.documents.pdf_verify import verify_pdf
from app.documents.trust import load_trust
from app.domain.errors import AccessDenied, InvalidInput, InvalidState
from app.services.institution import InstitutionAdmin
from app.services.seal.keeper import P12_PASSWORD_ENV, PIN_ENV
from app.storage.models import AuditEvent

from .conftest import approve_forms, make_env, seal_consent, set_phones

WRONG = "Wrong-Pin-7345"  # never a secret of the tests' PKI or token: found nowhere unless leaked


@pytest.fixture
def hospital(tmp_path, pki_up, monkeypatch):
    """A hospital with its trust file and its PKCS#12 (unlocked, as make_env leaves it); no secret in
    the environment."""
    monkeypatch.delenv(PIN_ENV, raising=False)
    monkeypatch.delenv(P12_PASSWORD_ENV, raising=False)
    env = make_env(tmp_path / "data", pki=pki_up)
    approve_forms(env)
    set_phones(env)
    yield env
    env.ctx.close()


@pytest.fixture
def token_hospital(hospital, hsm_token):
    """The hospital's key on the token, then the desk started again: nothing given in this process."""
    InstitutionAdmin(hospital.ctx).configure_pkcs11(hospital.admin, hsm_token["module"], hsm_token["token"],
                                                    hsm_token["key"], hsm_token["pin"])
    hospital.ctx.seal.unlock(None)
    return hospital


def seal_events(env) -> list[tuple[str, str, dict]]:
    with env.ctx.db.transaction(read_only=True) as s:
        rows = s.execute(select(AuditEvent).where(AuditEvent.action.like("seal.%"))
                         .order_by(AuditEvent.seq)).scalars().all()
        return [(e.action, e.actor, e.details or {}) for e in rows]


def everything_stored(env) -> bytes:
    """The data folder's files and the whole audit trail (its details as written)."""
    files = b"".join(p.read_bytes() for p in env.ctx.data_dir.rglob("*") if p.is_file())
    with env.ctx.db.transaction(read_only=True) as s:
        audit = "\n".join(e.details_json or "" for e in s.execute(select(AuditEvent)).scalars())
    return files + audit.encode("utf-8")


def test_demonstration_only_is_never_locked(tmp_path, monkeypatch):
    monkeypatch.delenv(PIN_ENV, raising=False)
    env = make_env(tmp_path / "data")  # no seal set up: demonstration consents only
    try:
        assert env.ctx.seal.kind() == "" and not env.ctx.seal.is_locked()
        assert InstitutionAdmin(env.ctx).locked_seal() == ""
    finally:
        env.ctx.close()


def test_a_pkcs12_is_locked_until_its_passphrase_is_somewhere(hospital, pki, monkeypatch, key_store):
    admin, seal = InstitutionAdmin(hospital.ctx), hospital.ctx.seal
    assert seal.kind() == "pkcs12" and admin.locked_seal() == ""  # given in this process (make_env)
    seal.unlock(None)  # a desk started again
    assert seal.is_locked() and admin.locked_seal() == "pkcs12"
    passphrase = pki.seal_files().passphrase
    monkeypatch.setenv(PIN_ENV, passphrase)  # a service account's environment
    assert admin.locked_seal() == ""
    monkeypatch.delenv(PIN_ENV)
    assert admin.locked_seal() == "pkcs12"
    key_store[("consent-desk", "seal:pkcs12")] = passphrase  # kept on this computer earlier
    assert admin.locked_seal() == ""


def test_a_token_is_locked_until_its_pin_is_somewhere(token_hospital, hsm_token, monkeypatch, key_store):
    admin, seal = InstitutionAdmin(token_hospital.ctx), token_hospital.ctx.seal
    assert seal.kind() == "pkcs11" and admin.locked_seal() == "pkcs11"
    with pytest.raises(InvalidState) as err:
        seal.signer()
    assert err.value.code == "seal_locked" and "sign-in" in err.value.message()
    monkeypatch.setenv(PIN_ENV, hsm_token["pin"])
    assert admin.locked_seal() == ""
    monkeypatch.delenv(PIN_ENV)
    key_store[("consent-desk", f"seal:pkcs11:{hsm_token['token']}/{hsm_token['key']}")] = hsm_token["pin"]
    assert admin.locked_seal() == ""


def test_a_nurse_gives_the_token_pin_at_sign_in_and_the_next_consent_is_sealed_with_it(
        token_hospital, pki, hsm_token, key_store):
    env = token_hospital
    unlocked = InstitutionAdmin(env.ctx).unlock_seal_at_sign_in(env.nurse, hsm_token["pin"])
    assert "token" in unlocked.subject and unlocked.remembered is False
    assert InstitutionAdmin(env.ctx).locked_seal() == "" and key_store == {}  # this session only
    _, sealed = seal_consent(env, demo=False)
    result = verify_pdf(sealed.pdf, load_trust(pki.trust_file), sealed.record_sha256)
    assert result.valid and result.signer == "Test Hospital Seal (token)" and result.anchor == "Test Hospital CA"
    (action, actor, details), = [e for e in seal_events(env) if e[0] == "seal.unlocked"][-1:]
    assert actor == env.nurse.username
    assert details == {"source": "pkcs11", "remembered": False, "via": "sign-in"}
    assert hsm_token["pin"].encode() not in everything_stored(env)
    env.ctx.seal.unlock(None)  # the next start of the desk asks again
    assert InstitutionAdmin(env.ctx).locked_seal() == "pkcs11"


def test_a_wrong_pin_is_refused_the_seal_stays_locked_and_the_audit_keeps_no_secret(token_hospital, hsm_token):
    env = token_hospital
    admin = InstitutionAdmin(env.ctx)
    with pytest.raises(InvalidInput) as err:
        admin.unlock_seal_at_sign_in(env.physician, WRONG)
    assert err.value.code == "pkcs11_pin"
    assert admin.locked_seal() == "pkcs11"
    with pytest.raises(InvalidState) as locked:
        seal_consent(env, demo=False)
    assert locked.value.code == "seal_locked"
    refused = [e for e in seal_events(env) if e[0] == "seal.unlock_refused"]
    assert refused == [("seal.unlock_refused", env.physician.username, {"code": "pkcs11_pin", "via": "sign-in"})]
    assert WRONG.encode() not in everything_stored(env)
    with pytest.raises(InvalidInput) as err:  # nothing typed: said so, the token is not even tried
        admin.unlock_seal_at_sign_in(env.nurse, "")
    assert err.value.code == "seal_secret_required"
    # the right PIN afterwards (a typo is no lock-out at the desk)
    admin.unlock_seal_at_sign_in(env.nurse, hsm_token["pin"])
    assert admin.locked_seal() == ""


def test_a_wrong_pin_does_not_lock_a_desk_that_was_sealing(token_hospital, hsm_token):
    env = token_hospital
    admin = InstitutionAdmin(env.ctx)
    admin.unlock_seal_at_sign_in(env.nurse, hsm_token["pin"])
    with pytest.raises(InvalidInput):
        admin.unlock_seal_at_sign_in(env.physician, WRONG)
    with pytest.raises(InvalidInput):
        admin.unlock_seal(env.admin, WRONG)  # the administration page's path: the same helper
    assert admin.locked_seal() == "" and env.ctx.seal.signer().source == "pkcs11"


def test_the_pkcs12_passphrase_at_sign_in(hospital, pki):
    env = hospital
    env.ctx.seal.unlock(None)
    admin = InstitutionAdmin(env.ctx)
    with pytest.raises(InvalidInput) as err:
        admin.unlock_seal_at_sign_in(env.nurse, WRONG)
    assert err.value.code == "certificate_unreadable" and admin.locked_seal() == "pkcs12"
    unlocked = admin.unlock_seal_at_sign_in(env.nurse, pki.seal_files().passphrase)
    assert unlocked.subject and admin.locked_seal() == ""
    _, sealed = seal_consent(env, demo=False)
    assert verify_pdf(sealed.pdf, load_trust(pki.trust_file), sealed.record_sha256).signer == "Test Hospital Seal"
    assert [(a, d.get("via")) for a, _, d in seal_events(env)] == [("seal.unlock_refused", "sign-in"),
                                                                   ("seal.unlocked", "sign-in")]


def test_only_an_administrator_keeps_the_pin_in_the_key_store(token_hospital, hsm_token, key_store):
    env = token_hospital
    admin = InstitutionAdmin(env.ctx)
    for who in (env.nurse, env.physician):
        with pytest.raises(AccessDenied) as err:
            admin.unlock_seal_at_sign_in(who, hsm_token["pin"], remember=True)
        assert err.value.code == "role_not_allowed"
    assert key_store == {} and admin.locked_seal() == "pkcs11"  # refused before the token was opened
    assert seal_events(env) == []
    kept = admin.unlock_seal_at_sign_in(env.admin, hsm_token["pin"], remember=True)
    assert kept.remembered
    assert key_store == {("consent-desk", f"seal:pkcs11:{hsm_token['token']}/{hsm_token['key']}"): hsm_token["pin"]}
    # the administration page's path is unchanged: certificates.manage only
    with pytest.raises(AccessDenied):
        admin.unlock_seal(env.nurse, hsm_token["pin"])
    (action, actor, details), = seal_events(env)
    assert (action, actor, details["remembered"], details["via"]) == ("seal.unlocked", env.admin.username, True,
                                                                      "sign-in")


def test_the_token_configured_again_while_the_desk_holds_it_unlocked(token_hospital, pki, hsm_token):
    """A token's login is the whole process's: the desk's open session made a second login fail
    ("already logged in", said as pkcs11_unavailable) until the keeper let it go first."""
    env = token_hospital
    admin = InstitutionAdmin(env.ctx)
    admin.unlock_seal_at_sign_in(env.nurse, hsm_token["pin"])
    env.ctx.seal.signer()  # the desk's session is open and logged in
    admin.configure_pkcs11(env.admin, hsm_token["module"], hsm_token["token"], hsm_token["key"], hsm_token["pin"])
    _, sealed = seal_consent(env, demo=False)
    assert verify_pdf(sealed.pdf, load_trust(pki.trust_file)).signer == "Test Hospital Seal (token)"
