"""SealVerifier (export, many records): the same results as verify_pdf, quickly.

Every test of test_pdf_verify runs again here with ``verify_pdf`` answered by a SealVerifier, so each
tamper case must come out with verify_pdf's exact reason; the tests below check that valid records
are proven by the quick path and that anything else goes to the full validation.
"""
from __future__ import annotations

import io

import pikepdf
import pytest

from app.documents.seal_verifier import SealVerifier
from tests.documents import test_pdf_verify as base
from tests.documents.test_pdf_verify import *  # noqa: F401,F403  (the same tests, run through SealVerifier)
from tests.documents.test_pdf_verify import check, incremental, make_pdf, make_record


@pytest.fixture(autouse=True)
def through_seal_verifier(monkeypatch):
    def verify(pdf_bytes, trusted_certs_pem, expected_sha256=None):
        return SealVerifier(trusted_certs_pem).verify(pdf_bytes, expected_sha256)

    monkeypatch.setattr(base, "verify_pdf", verify)


def test_valid_records_are_proven_quickly_and_the_path_is_validated_once(identity, trusted):
    verifier = SealVerifier(trusted)
    records = []
    for i in range(3):
        record, sha = make_record(f"R-Q{i}")
        records.append((seal_pdf(make_pdf(1, f"Q{i}"), record, sha, f"R-Q{i}", identity), sha))
    for pdf, sha in records:
        with pikepdf.open(io.BytesIO(pdf)) as doc:  # the export passes the document it opened
            result = verifier.verify(pdf, sha, doc=doc)
        assert result.valid and result.reason == "ok" and result.record["record_id"].startswith("R-Q")
    assert (verifier.fast, verifier.full) == (3, 0)
    assert len(verifier._windows) == 1  # one path validation for three records


def test_anything_not_proven_goes_to_the_full_validation(sealed_a, sealed_b, trusted):
    pdf, _, sha = sealed_a
    verifier = SealVerifier(trusted)
    flipped = bytearray(pdf)
    pos = pdf.index(b"ReportLab")
    flipped[pos] ^= 0x01
    assert verifier.quick(bytes(flipped), sha) is None
    check(verifier.verify(bytes(flipped), sha), "seal_broken")
    assert verifier.quick(pdf, sealed_b[2]) is None  # another record's stored hash
    check(verifier.verify(pdf, sealed_b[2]), "stored_hash_mismatch")
    appended = pdf + b"\n% junk\n"
    assert verifier.quick(appended, sha) is None
    check(verifier.verify(appended, sha), "not_entire_file")

    def retitle(w):
        info = w.trailer["/Info"]
        info.get_object()["/Title"] = base.generic.TextStringObject("changed")
        w.update_container(info)

    assert verifier.quick(incremental(pdf, retitle), sha) is None
    assert verifier.fast == 0 and verifier.full == 3


def test_a_foreign_seal_is_not_proven(sealed_a):
    other = load_identity_from_pem(*create_self_signed("Consent Desk Seal", "Test Hospital"))
    verifier = SealVerifier([other.cert_pem])
    assert verifier.quick(sealed_a[0], sealed_a[2]) is None
    check(verifier.verify(sealed_a[0], sealed_a[2]), "untrusted_signer")
