"""Seal identity and sealing: app.documents.certificates and app.documents.seal."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import statistics
import time

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.pdfgen import canvas

from app.documents import seal as seal_module
from app.documents.certificates import (
    SealIdentity,
    cert_fingerprint,
    create_self_signed,
    load_identity_from_pem,
    load_identity_from_pkcs12,
)
from app.documents.pdf_verify import UnreadablePdf, verify_pdf
from app.documents.seal import seal_pdf
from app.domain.errors import InvalidInput, InvalidState

PATIENT_NAME = "فاطمة الزهراء"


def make_pdf(pages: int = 1, title: str = "consent") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setTitle(title)
    for i in range(pages):
        c.drawString(72, 720, f"Consent form page {i + 1}")
        c.drawString(72, 700, "Vertebroplasty " * 5)
        c.showPage()
    c.save()
    return buf.getvalue()


def make_record(record_id: str = "R-0001", name: str = PATIENT_NAME) -> tuple[bytes, str]:
    record = {"record_id": record_id, "kind": "consent", "patient": {"name_ar": name, "mrn": "M-1"}}
    data = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return data, hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="session")
def pem_pair() -> tuple[bytes, bytes]:
    return create_self_signed("Consent Desk Seal", "Test Hospital")


@pytest.fixture(scope="session")
def identity(pem_pair) -> SealIdentity:
    return load_identity_from_pem(*pem_pair)


@pytest.fixture(scope="session")
def sealed(identity) -> tuple[bytes, bytes, str]:
    record, sha = make_record()
    return seal_pdf(make_pdf(2), record, sha, "R-0001", identity), record, sha


# --------------------------------------------------------------------------- certificates


def test_self_signed_certificate_profile(pem_pair):
    key_pem, cert_pem = pem_pair
    cert = x509.load_pem_x509_certificate(cert_pem)
    key = serialization.load_pem_private_key(key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and ku.content_commitment
    assert not ku.key_cert_sign
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Test Hospital"
    assert cert.subject == cert.issuer
    assert cert.not_valid_after_utc - cert.not_valid_before_utc > dt.timedelta(days=3649)


def test_identity_from_pem(identity, pem_pair):
    _, cert_pem = pem_pair
    assert identity.cert_pem.strip() == cert_pem.strip()
    assert identity.chain == ()
    assert identity.organisation == "Test Hospital"
    assert len(identity.fingerprint_sha256) == 64
    assert "PRIVATE" not in repr(identity) and "private_key" not in repr(identity)


def test_fingerprint_same_for_pem_and_der(identity, pem_pair):
    der = x509.load_pem_x509_certificate(pem_pair[1]).public_bytes(serialization.Encoding.DER)
    assert cert_fingerprint(pem_pair[1]) == cert_fingerprint(der) == identity.fingerprint_sha256
    assert identity.fingerprint_sha256 == hashlib.sha256(der).hexdigest()


def test_fingerprint_of_garbage_is_certificate_unreadable():
    with pytest.raises(InvalidInput) as err:
        cert_fingerprint(b"not a certificate")
    assert err.value.code == "certificate_unreadable"


def test_pem_key_of_another_certificate_is_refused(pem_pair):
    other_key, _ = create_self_signed("Other", "Elsewhere")
    with pytest.raises(InvalidInput) as err:
        load_identity_from_pem(other_key, pem_pair[1])
    assert err.value.code == "certificate_key_mismatch"


def test_pem_garbage_key_is_certificate_unreadable(pem_pair):
    with pytest.raises(InvalidInput) as err:
        load_identity_from_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", pem_pair[1])
    assert err.value.code == "certificate_unreadable"


def _p12(pem_pair, password: bytes | None) -> bytes:
    key = serialization.load_pem_private_key(pem_pair[0], password=None)
    cert = x509.load_pem_x509_certificate(pem_pair[1])
    enc = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, None, enc)


def test_pkcs12_round_trip_seals_and_verifies(pem_pair):
    ident = load_identity_from_pkcs12(_p12(pem_pair, b"s3cret"), b"s3cret")
    assert ident.fingerprint_sha256 == cert_fingerprint(pem_pair[1])
    record, sha = make_record("R-P12")
    out = seal_pdf(make_pdf(), record, sha, "R-P12", ident)
    result = verify_pdf(out, [pem_pair[1]], sha)
    assert result.valid and result.reason == "ok"


def test_pkcs12_without_password(pem_pair):
    ident = load_identity_from_pkcs12(_p12(pem_pair, None), None)
    assert ident.fingerprint_sha256 == cert_fingerprint(pem_pair[1])


def test_pkcs12_with_chain_keeps_the_intermediates(pem_pair):
    ca_key, ca_pem = create_self_signed("Extra CA", "Test Hospital")
    key = serialization.load_pem_private_key(pem_pair[0], password=None)
    cert = x509.load_pem_x509_certificate(pem_pair[1])
    extra = x509.load_pem_x509_certificate(ca_pem)
    data = pkcs12.serialize_key_and_certificates(
        b"seal", key, cert, [extra], serialization.BestAvailableEncryption(b"pw")
    )
    ident = load_identity_from_pkcs12(data, b"pw")
    assert ident.fingerprint_sha256 == cert_fingerprint(pem_pair[1])
    assert len(ident.chain) == 1


@pytest.mark.parametrize("password", [b"wrong", None])
def test_pkcs12_wrong_password(pem_pair, password):
    with pytest.raises(InvalidInput) as err:
        load_identity_from_pkcs12(_p12(pem_pair, b"s3cret"), password)
    assert err.value.code == "certificate_unreadable"
    assert "Traceback" not in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("data", [b"", b"\x30\x82garbage", b"-----BEGIN CERTIFICATE-----"])
def test_pkcs12_corrupt(data):
    with pytest.raises(InvalidInput) as err:
        load_identity_from_pkcs12(data, b"pw")
    assert err.value.code == "certificate_unreadable"


# --------------------------------------------------------------------------- sealing


def test_round_trip(identity, pem_pair):
    record, sha = make_record("R-RT")
    out = seal_pdf(make_pdf(3), record, sha, "R-RT", identity)
    result = verify_pdf(out, [pem_pair[1]], sha)
    assert result.valid and result.reason == "ok"
    assert result.record_id == "R-RT"
    assert result.record == json.loads(record)
    assert result.record_sha256 == sha
    assert result.signer_fingerprint == identity.fingerprint_sha256


def test_one_incremental_update_with_everything_signed(identity):
    original = make_pdf(2)
    record, sha = make_record("R-INC")
    out = seal_pdf(original, record, sha, "R-INC", identity)
    assert out.startswith(original)  # revision 0 is kept byte for byte
    before = PdfFileReader(io.BytesIO(original)).xrefs.total_revisions
    reader = PdfFileReader(io.BytesIO(out))
    assert reader.xrefs.total_revisions == before + 1
    (sig,) = reader.embedded_signatures
    assert sig.signed_revision == reader.xrefs.total_revisions - 1
    # the attachment's objects were introduced in the signed revision itself
    ef_tree = reader.root["/Names"]["/EmbeddedFiles"]
    spec_ref = ef_tree["/Names"].raw_get(1)
    assert reader.xrefs.get_introducing_revision(spec_ref.reference) == sig.signed_revision


def test_attachment_info_and_signature_fields(sealed):
    out, record, sha = sealed
    with pikepdf.open(io.BytesIO(out)) as pdf:
        assert str(pdf.docinfo["/ConsentRecordSHA256"]) == sha
        assert str(pdf.docinfo["/ConsentRecordId"]) == "R-0001"
        assert "/Title" in pdf.docinfo  # ReportLab's entries are kept
        att = pdf.attachments["record.json"]
        assert att.get_file().read_bytes() == record
        assert str(att.get_file().mime_type) == "application/json"
        assert att.description
        assert len(pdf.Root.AF) == 1 and str(pdf.Root.AF[0].AFRelationship) == "/Data"
        (field,) = [f for f in pdf.Root.AcroForm.Fields if f.get("/FT") == "/Sig"]
        assert str(field.T) == "InstitutionSeal"
        sig = field.V
        assert str(sig.SubFilter) == "/ETSI.CAdES.detached"
        assert str(sig.Reason) and str(sig.Location) == "Test Hospital"
        assert [float(v) for v in field.Rect] == [0, 0, 0, 0]  # invisible
    (emb,) = PdfFileReader(io.BytesIO(out)).embedded_signatures
    assert emb.md_algorithm == "sha256"


def test_custom_reason_and_location(identity):
    record, sha = make_record("R-LOC")
    out = seal_pdf(make_pdf(), record, sha, "R-LOC", identity, reason="Test reason", location="Room 4")
    with pikepdf.open(io.BytesIO(out)) as pdf:
        sig = pdf.Root.AcroForm.Fields[0].V
        assert str(sig.Reason) == "Test reason" and str(sig.Location) == "Room 4"


def test_refuses_hash_that_is_not_the_records(identity):
    record, _ = make_record("R-1")
    _, other_sha = make_record("R-2")
    with pytest.raises(InvalidInput) as err:
        seal_pdf(make_pdf(), record, other_sha, "R-1", identity)
    assert err.value.code == "seal_input_mismatch"


def test_refuses_record_id_not_in_record(identity):
    record, sha = make_record("R-1")
    with pytest.raises(InvalidInput) as err:
        seal_pdf(make_pdf(), record, sha, "R-2", identity)
    assert err.value.code == "seal_input_mismatch"


def test_uppercase_hash_is_accepted_and_stored_lowercase(identity, pem_pair):
    record, sha = make_record("R-UP")
    out = seal_pdf(make_pdf(), record, sha.upper(), "R-UP", identity)
    with pikepdf.open(io.BytesIO(out)) as pdf:
        assert str(pdf.docinfo["/ConsentRecordSHA256"]) == sha
    assert verify_pdf(out, [pem_pair[1]], sha.upper()).valid


def test_refuses_to_seal_twice(sealed, identity):
    out, record, sha = sealed
    with pytest.raises(InvalidState) as err:
        seal_pdf(out, record, sha, "R-0001", identity)
    assert err.value.code == "already_sealed"


@pytest.mark.parametrize("data", [b"", b"hello", make_pdf()[:300]])
def test_unreadable_input_pdf(identity, data):
    record, sha = make_record()
    with pytest.raises(UnreadablePdf) as err:
        seal_pdf(data, record, sha, "R-0001", identity)
    assert err.value.code == "pdf_unreadable"


def test_nothing_about_the_patient_is_logged(identity, pem_pair, caplog):
    caplog.set_level(logging.DEBUG)
    record, sha = make_record("R-LOG")
    out = seal_pdf(make_pdf(), record, sha, "R-LOG", identity)
    result = verify_pdf(out, [pem_pair[1]], sha)
    bad = verify_pdf(out + b"junk", [pem_pair[1]], sha)
    assert result.valid and not bad.valid
    assert PATIENT_NAME not in caplog.text
    assert PATIENT_NAME not in bad.detail


def test_seal_works_inside_a_running_event_loop(identity, pem_pair):
    import asyncio

    record, sha = make_record("R-LOOP")

    async def inside():
        return seal_pdf(make_pdf(), record, sha, "R-LOOP", identity)

    out = asyncio.run(inside())
    assert verify_pdf(out, [pem_pair[1]], sha).valid


def own_tsa():
    """A timestamp authority of one's own (pyHanko's in-process dummy TSA, RSA): (cert, key), asn1crypto."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # the dummy TSA is RSA-only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = dt.datetime.now(dt.timezone.utc)
    tsa = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    tsa_cert = asn1_x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER))
    tsa_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return tsa_cert, tsa_key


def test_timestamp_url_is_wired(identity, pem_pair, monkeypatch):
    """B-T: the URL reaches pyHanko's HTTP timestamper (replaced here by a local dummy TSA; the real
    TSA of the certomancer PKI is in tests/services/test_seal_trust.py)."""
    from pyhanko.sign import timestamps
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa_cert, tsa_key = own_tsa()
    urls = []

    def fake_http_timestamper(url, **kwargs):
        urls.append(url)
        return DummyTimeStamper(tsa_cert, tsa_key)

    monkeypatch.setattr(timestamps, "HTTPTimeStamper", fake_http_timestamper)
    record, sha = make_record("R-TS")
    out = seal_pdf(make_pdf(), record, sha, "R-TS", identity, timestamp_url="http://tsa.invalid/")
    assert urls == ["http://tsa.invalid/"]
    (emb,) = PdfFileReader(io.BytesIO(out)).embedded_signatures
    unsigned = [a["type"].native for a in emb.signer_info["unsigned_attrs"]]
    assert "signature_time_stamp_token" in unsigned
    # a timestamp from a TSA outside the trust file makes the record invalid, never silently B-B
    assert verify_pdf(out, [pem_pair[1]], sha).reason == "timestamp_invalid"
    from asn1crypto import pem

    tsa_pem = pem.armor("CERTIFICATE", tsa_cert.dump())
    result = verify_pdf(out, [pem_pair[1], tsa_pem], sha)
    assert (result.reason, result.level) == ("ok", "B-T") and result.trusted_time is not None


def test_seal_time_five_pages(identity):
    """Target: well under 100 ms for a 5-page PDF (asserted loosely: the CI cores are shared)."""
    pdf = make_pdf(5)
    record, sha = make_record("R-FAST")
    seal_pdf(pdf, record, sha, "R-FAST", identity)  # warm-up (imports, caches)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        seal_pdf(pdf, record, sha, "R-FAST", identity)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"seal_pdf 5 pages: median {median * 1000:.1f} ms, min {min(times) * 1000:.1f} ms")
    assert median < 0.3


def test_seal_module_exports():
    assert seal_module.SEAL_FIELD_NAME == "InstitutionSeal"
    assert seal_module.ATTACHMENT_NAME == "record.json"


def test_unreachable_timestamp_server_is_a_typed_error(identity):
    from app.domain.errors import ConsentError

    record, sha = make_record("R-TSA")
    with pytest.raises(ConsentError) as err:
        # port 9 (discard) on the loopback interface: refused at once, no network involved
        seal_pdf(make_pdf(), record, sha, "R-TSA", identity, timestamp_url="http://127.0.0.1:9/")
    assert err.value.code == "timestamp_unavailable"
