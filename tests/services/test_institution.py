"""Seal certificate rotation (old records still verify), expiry warnings, timestamp URL, logo, names."""
from __future__ import annotations


import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography import x509

from app.documents.certificates import create_self_signed
from app.domain.errors import AccessDenied, InvalidInput
from app.services.archive import ArchiveService
from app.services.institution import InstitutionAdmin
from app.services.seal.verify import VerifyService

from .conftest import T0, seal_consent


def make_p12(name: str, password: bytes, days: int = 3650) -> bytes:
    key_pem, cert_pem = create_self_signed(name, "Hospital B", valid_days=days, now=T0)
    key = serialization.load_pem_private_key(key_pem, None)
    cert = x509.load_pem_x509_certificate(cert_pem)
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, None,
                                                 serialization.BestAvailableEncryption(password))


def test_rotation_keeps_old_records_verifying(env):
    _, old = seal_consent(env, seed=21)  # sealed with certificate A (the first-run seal)
    admin = InstitutionAdmin(env.ctx)
    before = admin.certificates(env.admin)
    info = admin.import_pkcs12(env.admin, make_p12("Hospital B Seal", b"p12-pass"), "p12-pass")
    assert info.is_current and info.fingerprint_sha256 not in {c.fingerprint_sha256 for c in before}
    _, new = seal_consent(env, seed=22)  # sealed with certificate B
    certs = admin.certificates(env.admin)
    assert len(certs) == 2 and sum(c.is_current for c in certs) == 1
    verify = VerifyService(env.ctx)
    a, b = verify.verify_bytes(old.pdf), verify.verify_bytes(new.pdf)
    assert a.valid and b.valid and a.signer_fingerprint != b.signer_fingerprint
    assert b.signer_fingerprint == info.fingerprint_sha256
    checks = list(ArchiveService(env.ctx).verify_records(env.admin))
    assert [c.valid for c in checks] == [True, True]


def test_bad_pkcs12_and_roles(env):
    admin = InstitutionAdmin(env.ctx)
    with pytest.raises(InvalidInput):
        admin.import_pkcs12(env.admin, make_p12("X", b"right"), "wrong")
    with pytest.raises(InvalidInput):
        admin.import_pkcs12(env.admin, b"not a p12", "x")
    with pytest.raises(AccessDenied):
        admin.import_pkcs12(env.nurse, make_p12("X", b"right"), "right")
    with pytest.raises(AccessDenied):
        admin.certificates(env.physician)


def test_expiry_is_warned_sixty_days_ahead(env):
    admin = InstitutionAdmin(env.ctx)
    env.ctx.seal.identity()
    assert admin.expiry_warnings(env.admin) == []  # the demo seal is valid for ten years
    admin.import_pkcs12(env.admin, make_p12("Short", b"pw", days=45), "pw")
    warnings = admin.expiry_warnings(env.admin)
    assert len(warnings) == 1 and 40 <= warnings[0].days_left <= 45 and not warnings[0].expired


def test_timestamp_url_is_passed_to_the_seal(env, monkeypatch):
    admin = InstitutionAdmin(env.ctx)
    with pytest.raises(InvalidInput):
        admin.set_timestamp_url(env.admin, "ftp://tsa.example")
    admin.set_timestamp_url(env.admin, "http://tsa.example.org/tsr")
    import app.documents.seal as seal_module

    real = seal_module.seal_pdf
    seen = []

    def spy(*args, timestamp_url=None, **kwargs):
        seen.append(timestamp_url)
        return real(*args, timestamp_url=None, **kwargs)  # no network here: seal B-B

    monkeypatch.setattr(seal_module, "seal_pdf", spy)
    seal_consent(env, seed=23)
    assert seen == ["http://tsa.example.org/tsr"]
    admin.set_timestamp_url(env.admin, "")
    seal_consent(env, seed=24)
    assert seen[-1] is None


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
