"""Seal certificate import and rotation (old records still verify, every change audited), expiry
warnings, the PKCS#11 token, the timestamp server, logo, names. The hospital's CA, seals and TSA come
from the session's certomancer PKI (tests/pki.py), the token from SoftHSM2."""
from __future__ import annotations


import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography import x509
from sqlalchemy import select

from app.documents.certificates import create_self_signed
from app.domain.errors import AccessDenied, InvalidInput
from app.services.archive import ArchiveService
from app.services.institution import InstitutionAdmin
from app.services.seal.verify import VerifyService
from app.storage.models import AuditEvent

from .conftest import T0, approve_forms, make_env, seal_consent, set_phones


def make_p12(name: str, password: bytes, days: int = 3650) -> bytes:
    """A self-made seal: what an attacker with the data folder could make."""
    key_pem, cert_pem = create_self_signed(name, "Hospital B", valid_days=days, now=T0)
    key = serialization.load_pem_private_key(key_pem, None)
    cert = x509.load_pem_x509_certificate(cert_pem)
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, None,
                                                 serialization.BestAvailableEncryption(password))


@pytest.fixture
def hospital(tmp_path, pki):
    """A desk with the hospital's trust file and an approved form, but no seal imported yet."""
    env = make_env(tmp_path / "hospital", staff=("nurse", "physician", "admin"))
    env.ctx.seal._trust_file = pki.trust_file
    approve_forms(env)
    set_phones(env)  # a real consent gives the patient the team's numbers
    yield env
    env.ctx.close()


def actions(env, action: str) -> list:
    with env.ctx.db.transaction(read_only=True) as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_rotation_keeps_old_records_verifying(hospital, pki):
    env = hospital
    admin = InstitutionAdmin(env.ctx)
    first = pki.seal_files()
    a_info = admin.import_pkcs12(env.admin, first.p12, first.passphrase)
    _, old = seal_consent(env, seed=21, demo=False)  # sealed with certificate A
    second = pki.new_seal("Test Hospital Seal 2027")
    info = admin.import_pkcs12(env.admin, second.p12, second.passphrase)
    assert info.is_current and info.fingerprint_sha256 != a_info.fingerprint_sha256
    _, new = seal_consent(env, seed=22, demo=False)  # sealed with certificate B
    certs = admin.certificates(env.admin)
    assert len(certs) == 2 and sum(c.is_current for c in certs) == 1
    verify = VerifyService(env.ctx)
    a, b = verify.verify_bytes(old.pdf), verify.verify_bytes(new.pdf)
    assert a.valid and b.valid and a.signer_fingerprint != b.signer_fingerprint
    assert b.signer_fingerprint == info.fingerprint_sha256
    assert a.anchor == b.anchor == "Test Hospital CA"
    checks = list(ArchiveService(env.ctx).verify_records(env.admin))
    assert [c.valid for c in checks] == [True, True]
    assert len(actions(env, "certificate.imported")) == 2
    # the passphrase was never written
    assert not list(env.ctx.seal.folder.glob("*.password"))
    assert second.passphrase.encode() not in b"".join(p.read_bytes() for p in env.ctx.data_dir.rglob("*")
                                                       if p.is_file())


def test_bad_pkcs12_and_roles(hospital, pki):
    env = hospital
    admin = InstitutionAdmin(env.ctx)
    with pytest.raises(InvalidInput):
        admin.import_pkcs12(env.admin, make_p12("X", b"right"), "wrong")
    with pytest.raises(InvalidInput):
        admin.import_pkcs12(env.admin, b"not a p12", "x")
    with pytest.raises(AccessDenied):
        admin.import_pkcs12(env.nurse, make_p12("X", b"right"), "right")
    with pytest.raises(AccessDenied):
        admin.certificates(env.physician)
    with pytest.raises(InvalidInput) as err:  # a self-made certificate does not chain to the trust file
        admin.import_pkcs12(env.admin, make_p12("Forged Seal", b"right"), "right")
    assert err.value.code == "seal_not_trusted"
    genuine = pki.seal_files()
    with pytest.raises(InvalidInput) as err:  # a key is never kept without a passphrase
        admin.import_pkcs12(env.admin, genuine.p12, "")
    assert err.value.code == "pkcs12_needs_passphrase"
    assert admin.certificates(env.admin) == []


def test_expiry_is_warned_sixty_days_ahead(hospital, pki):
    env = hospital
    admin = InstitutionAdmin(env.ctx)
    assert admin.expiry_warnings(env.admin) == []  # nothing registered yet
    short = pki.new_seal("Short", days=45)
    env.clock.moment = pki.now  # the days left are counted from now
    admin.import_pkcs12(env.admin, short.p12, short.passphrase)
    warnings = admin.expiry_warnings(env.admin)
    assert len(warnings) == 1 and 43 <= warnings[0].days_left <= 45 and not warnings[0].expired


def test_names_and_logo(env):
    admin = InstitutionAdmin(env.ctx)
    admin.set_names(env.admin, name_ar="مستشفى الملك فهد", name_en="King Fahad Hospital")
    assert env.ctx.settings().institution_name_ar == "مستشفى الملك فهد"
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    path = admin.set_logo(env.admin, png)
    assert path.read_bytes() == png and admin.logo_path() == path
    with pytest.raises(InvalidInput):
        admin.set_logo(env.admin, b"GIF89a....")
    with pytest.raises(AccessDenied):
        admin.set_names(env.nurse, name_ar="x")
