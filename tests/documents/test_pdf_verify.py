"""Verification of sealed consent PDFs: app.documents.pdf_verify."""
from __future__ import annotations

import asyncio
import hashlib
import io
import json

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, FileSpec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen import canvas

from app.documents.certificates import SealIdentity, create_self_signed, load_identity_from_pem
from app.documents.pdf_verify import REASONS, UnreadablePdf, VerifyResult, verify_pdf
from app.documents.seal import _seal_unchecked, seal_pdf
from app.domain.errors import ConsentError, InvalidInput


def make_pdf(pages: int = 1, text: str = "Consent form") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(pages):
        c.drawString(72, 720, f"{text} page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def make_record(record_id: str) -> tuple[bytes, str]:
    record = {"record_id": record_id, "kind": "consent", "patient": {"name_ar": "مريض تجريبي"}}
    data = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return data, hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="session")
def pem_pair() -> tuple[bytes, bytes]:
    return create_self_signed("Consent Desk Seal", "Test Hospital")


@pytest.fixture(scope="session")
def identity(pem_pair) -> SealIdentity:
    return load_identity_from_pem(*pem_pair)


@pytest.fixture(scope="session")
def trusted(pem_pair) -> list[bytes]:
    return [pem_pair[1]]


@pytest.fixture(scope="session")
def sealed_a(identity) -> tuple[bytes, bytes, str]:
    record, sha = make_record("R-A")
    return seal_pdf(make_pdf(2, "Record A"), record, sha, "R-A", identity), record, sha


@pytest.fixture(scope="session")
def sealed_b(identity) -> tuple[bytes, bytes, str]:
    record, sha = make_record("R-B")
    return seal_pdf(make_pdf(2, "Record B"), record, sha, "R-B", identity), record, sha


def check(result: VerifyResult, reason: str) -> VerifyResult:
    assert result.reason == reason, result
    assert result.valid is (reason == "ok")
    assert result.detail and "\n" not in result.detail
    if reason != "ok":
        assert result.record is None
    return result


def incremental(pdf: bytes, change) -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def byte_range(pdf: bytes) -> list[int]:
    (sig,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return list(sig.byte_range)


# --------------------------------------------------------------------------- valid


def test_valid_round_trip(sealed_a, trusted, identity):
    pdf, record, sha = sealed_a
    result = check(verify_pdf(pdf, trusted, expected_sha256=sha), "ok")
    assert result.record_id == "R-A"
    assert result.record == json.loads(record)
    assert result.record_sha256 == sha
    assert result.signer_fingerprint == identity.fingerprint_sha256


def test_valid_without_expected_hash(sealed_a, trusted):
    check(verify_pdf(sealed_a[0], trusted), "ok")


def test_past_and_current_certificates_both_trusted(sealed_a, pem_pair):
    _, newer_cert = create_self_signed("Consent Desk Seal 2", "Test Hospital")
    check(verify_pdf(sealed_a[0], [newer_cert, pem_pair[1]]), "ok")
    # several certificates in one PEM blob work too
    check(verify_pdf(sealed_a[0], [newer_cert + pem_pair[1]]), "ok")


def test_verify_inside_a_running_event_loop(sealed_a, trusted):
    async def inside():
        return verify_pdf(sealed_a[0], trusted)

    check(asyncio.run(inside()), "ok")


def test_reason_codes_have_operator_lines():
    for code, line in REASONS.items():
        assert line and "\n" not in line, code


# --------------------------------------------------------------------------- no / several seals


def test_unsealed_pdf_is_invalid_not_unreadable(trusted):
    result = check(verify_pdf(make_pdf(), trusted), "no_seal")
    assert result.record_id is None


def test_second_signature_is_multiple_seals(sealed_a, identity, trusted):
    signer = signers.SimpleSigner(
        signing_cert=identity.certificate,
        signing_key=identity.private_key,
        cert_registry=SimpleCertificateStore(),
    )
    w = IncrementalPdfFileWriter(io.BytesIO(sealed_a[0]))
    out = signers.sign_pdf(
        w,
        signers.PdfSignatureMetadata(field_name="Second", subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
    )
    check(verify_pdf(out.getvalue(), trusted), "multiple_seals")


def test_signed_without_attachment_is_attachment_missing(identity, trusted):
    signer = signers.SimpleSigner(
        signing_cert=identity.certificate,
        signing_key=identity.private_key,
        cert_registry=SimpleCertificateStore(),
    )
    w = IncrementalPdfFileWriter(io.BytesIO(make_pdf()))
    out = signers.sign_pdf(
        w,
        signers.PdfSignatureMetadata(field_name="InstitutionSeal", subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
    )
    check(verify_pdf(out.getvalue(), trusted), "attachment_missing")


# --------------------------------------------------------------------------- tampering


def test_byte_flip_inside_signed_range(sealed_a, trusted):
    pdf = sealed_a[0]
    pos = pdf.index(b"ReportLab")  # /Producer of revision 0, inside the first signed range
    assert pos < byte_range(pdf)[1]
    tampered = bytearray(pdf)
    tampered[pos] ^= 0x01
    check(verify_pdf(bytes(tampered), trusted), "seal_broken")


def test_byte_flip_in_the_signed_record_hash(sealed_a, trusted):
    pdf, _, sha = sealed_a
    pos = pdf.rindex(sha.encode())
    tampered = bytearray(pdf)
    tampered[pos] = ord("0") if tampered[pos] != ord("0") else ord("1")
    check(verify_pdf(bytes(tampered), trusted), "seal_broken")


def test_byte_flip_inside_the_signature_value(sealed_a, trusted):
    pdf = sealed_a[0]
    _, len1, start2, _ = byte_range(pdf)
    pos = len1 + 200  # inside the hex of /Contents (certificates and signature)
    assert pos < start2
    tampered = bytearray(pdf)
    tampered[pos] = ord("A") if tampered[pos] != ord("A") else ord("B")
    check(verify_pdf(bytes(tampered), trusted), "seal_broken")


@pytest.mark.parametrize("junk", [b"\n", b"junk bytes\n", b"x" * 5000, b"\n%%EOF\n"])
def test_appended_bytes(sealed_a, trusted, junk):
    result = check(verify_pdf(sealed_a[0] + junk, trusted), "not_entire_file")
    assert result.record_id == "R-A"


def test_incremental_update_of_info(sealed_a, trusted):
    def change(w):
        info_ref = w.trailer.raw_get("/Info")
        info_ref.get_object()["/Title"] = generic.TextStringObject("changed")
        w.mark_update(info_ref)

    check(verify_pdf(incremental(sealed_a[0], change), trusted), "not_entire_file")


def test_incremental_update_adding_an_annotation(sealed_a, trusted):
    def change(w):
        annot = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
                generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (10, 10, 30, 30))),
                generic.pdf_name("/Contents"): generic.TextStringObject("added after sealing"),
            }
        )
        page_ref, _ = w.find_page_for_modification(0)
        w.register_annotation(page_ref, w.add_object(annot))

    check(verify_pdf(incremental(sealed_a[0], change), trusted), "not_entire_file")


def test_incremental_update_adding_a_page(sealed_a, trusted):
    def change(w):
        page = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Page"),
                generic.pdf_name("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
                generic.pdf_name("/Resources"): generic.DictionaryObject(),
            }
        )
        w.insert_page(page)

    out = incremental(sealed_a[0], change)
    assert len(PdfFileReader(io.BytesIO(out)).root["/Pages"]["/Kids"]) == 3
    check(verify_pdf(out, trusted), "not_entire_file")


def test_record_replaced_in_an_incremental_update(sealed_a, sealed_b, trusted):
    """An attacker swaps record.json (and the info hash/id to match) after sealing."""
    _, record_b, sha_b = sealed_b

    def change(w):
        ef = EmbeddedFileObject.from_file_data(w, data=record_b, mime_type="application/json")
        spec_ref = w.add_object(
            FileSpec(file_spec_string="record.json", file_name="record.json", embedded_data=ef).as_pdf_object()
        )
        names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
        names[1] = spec_ref
        w.update_container(names)
        info_ref = w.trailer.raw_get("/Info")
        info = info_ref.get_object()
        info["/ConsentRecordSHA256"] = generic.TextStringObject(sha_b)
        info["/ConsentRecordId"] = generic.TextStringObject("R-B")
        w.mark_update(info_ref)

    out = incremental(sealed_a[0], change)
    check(verify_pdf(out, trusted), "not_entire_file")
    check(verify_pdf(out, trusted, expected_sha256=sha_b), "not_entire_file")


def test_signature_transplanted_from_another_record(sealed_a, sealed_b, trusted):
    pdf_a, pdf_b = sealed_a[0], sealed_b[0]
    _, a1, a2, _ = byte_range(pdf_a)
    _, b1, b2, _ = byte_range(pdf_b)
    contents_a = pdf_a[a1 + 1 : a2 - 1]
    room = b2 - b1 - 2
    assert len(contents_a.rstrip(b"0")) <= room
    forged = pdf_b[: b1 + 1] + contents_a[:room].ljust(room, b"0") + pdf_b[b2 - 1 :]
    assert len(forged) == len(pdf_b)
    check(verify_pdf(forged, trusted), "seal_broken")


def test_attachment_of_another_record_swapped_in_before_sealing(identity, trusted, sealed_a):
    """PDF B sealed with A's record.json but B's hash and id: the sealer lied, the verifier sees it."""
    record_a, _ = sealed_a[1], sealed_a[2]
    _, sha_b = make_record("R-B")
    out = _seal_unchecked(make_pdf(2, "Record B"), record_a, sha_b, "R-B", identity)
    result = check(verify_pdf(out, trusted), "record_hash_mismatch")
    assert result.record_id == "R-B"
    assert result.record_sha256 == sealed_a[2]


def test_record_id_differs_from_sealed_id(identity, trusted):
    record, sha = make_record("R-X")
    out = _seal_unchecked(make_pdf(), record, sha, "R-Y", identity)
    check(verify_pdf(out, trusted), "record_id_mismatch")


def test_seal_of_another_record_against_archive_hash(sealed_a, sealed_b, trusted):
    """A validly sealed PDF of record A offered for record B: the archive's hash does not match."""
    check(verify_pdf(sealed_a[0], trusted, expected_sha256=sealed_b[2]), "stored_hash_mismatch")


def test_expected_sha256_mismatch(sealed_a, trusted):
    check(verify_pdf(sealed_a[0], trusted, expected_sha256="0" * 64), "stored_hash_mismatch")


def test_record_that_is_not_json(identity, trusted):
    data = b"\xff\xfe not json"
    out = _seal_unchecked(make_pdf(), data, hashlib.sha256(data).hexdigest(), "R-1", identity)
    check(verify_pdf(out, trusted), "record_unreadable")


# --------------------------------------------------------------------------- trust


def test_untrusted_self_signed_identity(trusted):
    other = load_identity_from_pem(*create_self_signed("Consent Desk Seal", "Test Hospital"))
    record, sha = make_record("R-U")
    out = seal_pdf(make_pdf(), record, sha, "R-U", other)
    result = check(verify_pdf(out, trusted, sha), "untrusted_signer")
    assert result.signer_fingerprint == other.fingerprint_sha256
    # ... and it verifies once its certificate is trusted
    check(verify_pdf(out, [other.cert_pem], sha), "ok")


def test_no_trusted_certificates(sealed_a):
    check(verify_pdf(sealed_a[0], []), "no_trust_file")


def test_unreadable_trusted_certificate_is_input_error(sealed_a):
    with pytest.raises(InvalidInput) as err:
        verify_pdf(sealed_a[0], [b"garbage"])
    assert err.value.code == "certificate_unreadable"


# --------------------------------------------------------------------------- unreadable


@pytest.mark.parametrize(
    "data",
    [b"", b"hello world", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, b"%PDF-1.4\nnot really a pdf\n"],
    ids=["empty", "text", "png", "fake-header"],
)
def test_not_a_pdf_is_unreadable(trusted, data):
    with pytest.raises(UnreadablePdf) as err:
        verify_pdf(data, trusted)
    assert err.value.code == "pdf_unreadable"
    assert isinstance(err.value, ConsentError)


@pytest.mark.parametrize("keep", [0.5, 0.9, -8])
def test_truncated_pdf_is_unreadable(sealed_a, trusted, keep):
    pdf = sealed_a[0]
    cut = int(len(pdf) * keep) if keep > 0 else len(pdf) + keep
    with pytest.raises(UnreadablePdf):
        verify_pdf(pdf[:cut], trusted)


def test_hospital_pkcs12_issued_by_a_ca(trusted):
    """Production shape: the seal certificate is issued by a hospital CA and comes in a PKCS#12
    with its chain. The trust file holds the CA (or pins the seal certificate itself); another
    institution's certificate is no anchor for it."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from app.documents.certificates import load_identity_from_pkcs12

    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hospital CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=300))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Seal")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=100))
        # digitalSignature only: accepted (nonRepudiation is not required)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"seal", key, leaf, [ca], serialization.BestAvailableEncryption(b"pw")
    )
    ident = load_identity_from_pkcs12(data, b"pw")
    assert len(ident.chain) == 1
    record, sha = make_record("R-CA")
    out = seal_pdf(make_pdf(), record, sha, "R-CA", ident)
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    check(verify_pdf(out, [ident.cert_pem], sha), "ok")
    result = check(verify_pdf(out, [ca_pem], sha), "ok")
    assert (result.anchor, result.signer, result.level, result.trusted_time) == ("Hospital CA", "Seal", "B-B", None)
    check(verify_pdf(out, trusted, sha), "untrusted_signer")
