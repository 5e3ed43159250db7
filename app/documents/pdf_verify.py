"""Verify a sealed consent PDF offline.

Rules (DESIGN.md "Seal"): exactly one seal; the signature is cryptographically intact; the signer
is one of the institution's certificates (pinned by SHA-256 fingerprint *and* path-validated by
pyhanko-certvalidator with those certificates as the only trust roots, no network, no revocation
fetching); the signature covers the entire file; the attached ``record.json`` hashes to the
``/ConsentRecordSHA256`` info entry, which equals ``expected_sha256`` when the archive gives one;
the ``record_id`` inside the record equals ``/ConsentRecordId``.

``verify_pdf`` returns a :class:`VerifyResult` for every PDF it can parse (a PDF without a seal is
*invalid*, reason ``no_seal``); only bytes that are not a parseable PDF raise
:class:`UnreadablePdf`. Nothing is logged: the record holds patient data.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from app.domain.errors import InvalidInput

__all__ = [
    "ATTACHMENT_NAME",
    "INFO_RECORD_ID",
    "INFO_RECORD_SHA256",
    "REASONS",
    "SEAL_FIELD_NAME",
    "UnreadablePdf",
    "VerifyResult",
    "verify_pdf",
]

SEAL_FIELD_NAME = "InstitutionSeal"
ATTACHMENT_NAME = "record.json"
INFO_RECORD_SHA256 = "/ConsentRecordSHA256"
INFO_RECORD_ID = "/ConsentRecordId"

# Stable reason codes (the desk and the command line translate these) -> default operator line.
REASONS: dict[str, str] = {
    "ok": "The seal is intact, trusted and covers the whole file; the record matches.",
    "no_seal": "The PDF carries no institution seal.",
    "multiple_seals": "The PDF carries more than one signature; a sealed record has exactly one.",
    "seal_broken": "The seal does not match the document: the signed content was altered or the seal is damaged.",
    "untrusted_signer": "The seal was not made with one of the institution's certificates.",
    "not_entire_file": "The file was changed or extended after it was sealed.",
    "attachment_missing": "The sealed PDF does not contain record.json.",
    "attachment_ambiguous": "The sealed PDF contains more than one record.json.",
    "record_unreadable": "The attached record.json is not a JSON object.",
    "metadata_missing": "The sealed PDF lacks the record hash or record id entries.",
    "record_hash_mismatch": "The attached record does not match the record hash sealed into the PDF.",
    "record_id_mismatch": "The attached record's id differs from the record id sealed into the PDF.",
    "stored_hash_mismatch": "The record hash in the PDF differs from the hash stored in the archive.",
}

_MAX_NAME_TREE_DEPTH = 16

# pyHanko logs (with tracebacks) e.g. an untrusted timestamp authority. Without a handler those
# reach stderr through logging's last resort and would break the command line's "one clear line".
# A NullHandler stops that; an application that configures logging still receives the records.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class UnreadablePdf(InvalidInput):
    """The bytes are not a PDF, or the PDF cannot be parsed (the command line exits with 2)."""

    code = "pdf_unreadable"

    def __init__(self, code: str | None = None, message: str | None = None, **params: Any) -> None:
        super().__init__(code, message or "the file is not a readable PDF", **params)


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`verify_pdf`.

    ``record`` is only given when ``valid``. ``record_id`` and ``record_sha256`` are filled in
    whenever they could be read, also for an invalid PDF, to help find the archive copy; they are
    only *claims* unless ``valid`` is true.
    """

    valid: bool
    record_id: str | None
    reason: str
    detail: str
    record: dict | None = None
    record_sha256: str | None = None
    signer_fingerprint: str | None = None


def verify_pdf(
    pdf_bytes: bytes,
    trusted_certs_pem: list[bytes],
    expected_sha256: str | None = None,
) -> VerifyResult:
    """Check a sealed consent PDF; see the module docstring for the rules and REASONS for codes.

    Raises :class:`UnreadablePdf` for input that is not a parseable PDF, and
    ``InvalidInput(code="certificate_unreadable")`` when a trusted certificate cannot be read.
    """
    return _verify_full(pdf_bytes, _load_trusted(trusted_certs_pem), expected_sha256)


def _verify_full(
    pdf_bytes: bytes, trusted: dict[str, asn1_x509.Certificate], expected_sha256: str | None
) -> VerifyResult:
    try:
        reader = _open(pdf_bytes)
    except UnreadablePdf:
        appended = _sealed_prefix_result(pdf_bytes, trusted, expected_sha256)
        if appended is None:
            raise
        return appended
    return _verify_reader(reader, trusted, expected_sha256)


_MAX_PREFIX_TRIES = 8


def _sealed_prefix_result(
    pdf_bytes: bytes, trusted: dict[str, asn1_x509.Certificate], expected_sha256: str | None
) -> VerifyResult | None:
    """A file that only parses up to an earlier ``%%EOF`` but is a valid seal up to there was
    extended after sealing (junk too big or too odd for the parser): that is ``not_entire_file``,
    not ``pdf_unreadable``. Truncated or garbage files still give ``None`` (unreadable)."""
    if not isinstance(pdf_bytes, (bytes, bytearray)) or b"%PDF-" not in bytes(pdf_bytes[:1024]):
        return None
    data = bytes(pdf_bytes)
    end = len(data)
    for _ in range(_MAX_PREFIX_TRIES):
        pos = data.rfind(b"%%EOF", 0, end)
        if pos < 0:
            return None
        cut = pos + 5
        for eol in (b"\r\n", b"\n", b"\r"):
            if data.startswith(eol, cut):
                cut += len(eol)
                break
        end = pos
        if cut >= len(data):
            continue
        try:
            reader = _open(data[:cut])
        except UnreadablePdf:
            continue
        result = _verify_reader(reader, trusted, expected_sha256)
        if not result.valid:
            return None
        return VerifyResult(
            valid=False,
            record_id=result.record_id,
            reason="not_entire_file",
            detail=f"{len(data) - cut} bytes that are not part of the sealed PDF follow the seal.",
            record_sha256=result.record_sha256,
            signer_fingerprint=result.signer_fingerprint,
        )
    return None


def _verify_reader(
    reader, trusted: dict[str, asn1_x509.Certificate], expected_sha256: str | None
) -> VerifyResult:
    claimed_id = _info_text(reader, INFO_RECORD_ID)

    def fail(reason: str, detail: str | None = None, **extra: Any) -> VerifyResult:
        return VerifyResult(
            valid=False,
            record_id=extra.pop("record_id", claimed_id),
            reason=reason,
            detail=detail or REASONS[reason],
            **extra,
        )

    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import EmbeddedPdfSignature

    try:
        filled = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception:  # a damaged AcroForm: the seal cannot be located
        return fail("seal_broken", "The signature fields of the PDF are damaged.")
    if not filled:
        return fail("no_seal")
    if len(filled) > 1:
        return fail("multiple_seals", f"The PDF carries {len(filled)} signatures; a sealed record has exactly one.")
    fq_name, sig_obj_ref, sig_field = filled[0]
    try:
        sig_obj = sig_obj_ref.get_object()
        if sig_obj.get("/Type", "/Sig") != "/Sig":
            return fail("no_seal", "The only signature in the PDF is a document timestamp, not a seal.")
        embedded = EmbeddedPdfSignature(reader, sig_field, fq_name)
        signer_cert = embedded.signer_cert
    except Exception:
        return fail("seal_broken", "The seal's signature data cannot be decoded.")

    fingerprint = hashlib.sha256(signer_cert.dump()).hexdigest()

    # 1. Cryptographic integrity, plus path validation against the institution's roots only.
    try:
        status = _run(_validate(embedded, trusted, signing_time=_claimed_time(embedded)))
    except Exception as exc:
        return fail(
            "seal_broken",
            f"The seal could not be validated ({type(exc).__name__}).",
            signer_fingerprint=fingerprint,
        )
    if not status.intact:
        return fail(
            "seal_broken",
            "The signed bytes of the PDF were altered after sealing (digest mismatch).",
            signer_fingerprint=fingerprint,
        )
    if not status.valid:
        return fail(
            "seal_broken",
            "The seal's cryptographic signature is not valid.",
            signer_fingerprint=fingerprint,
        )

    # The signature container is zero-padded to its reserved size; the padding is outside the
    # signed bytes, so check it is untouched (a changed file is never reported valid).
    if not _padding_untouched(sig_obj):
        return fail(
            "seal_broken",
            "Bytes after the signature inside the seal were changed after sealing.",
            signer_fingerprint=fingerprint,
        )

    # 2. Trust: pinned fingerprint, then the certificate path.
    if fingerprint not in trusted:
        return fail(
            "untrusted_signer",
            f"The seal was made with a certificate that is not the institution's "
            f"(fingerprint {fingerprint[:16]}...).",
            signer_fingerprint=fingerprint,
        )
    if not status.trusted:
        return fail(
            "untrusted_signer",
            "The institution's certificate did not validate at the signing time "
            "(expired, not yet valid or not allowed to sign).",
            signer_fingerprint=fingerprint,
        )

    # 3. Coverage: nothing may follow the sealed revision, not even junk bytes.
    from pyhanko.sign.validation import SignatureCoverageLevel

    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        later = reader.xrefs.total_revisions - 1 - embedded.signed_revision
        if later > 0:
            detail = f"The PDF was changed after sealing: {later} later revision(s) were appended."
        else:
            detail = "Bytes were added to the PDF after the seal."
        return fail("not_entire_file", detail, signer_fingerprint=fingerprint)

    # 4. The attached record and the sealed metadata.
    try:
        attachments = _find_attachments(reader, ATTACHMENT_NAME)
    except Exception:
        attachments = []
    if not attachments:
        return fail("attachment_missing", signer_fingerprint=fingerprint)
    if len(attachments) > 1:
        return fail("attachment_ambiguous", signer_fingerprint=fingerprint)
    try:
        data = _embedded_file_bytes(attachments[0])
    except Exception:
        return fail("attachment_missing", "record.json is present but its data cannot be read.",
                    signer_fingerprint=fingerprint)
    computed = hashlib.sha256(data).hexdigest()
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        record = None
    if not isinstance(record, dict):
        return fail("record_unreadable", record_sha256=computed, signer_fingerprint=fingerprint)

    sealed_sha = _info_text(reader, INFO_RECORD_SHA256)
    if not sealed_sha or not claimed_id:
        return fail("metadata_missing", record_sha256=computed, signer_fingerprint=fingerprint)
    if sealed_sha.strip().lower() != computed:
        return fail("record_hash_mismatch", record_sha256=computed, signer_fingerprint=fingerprint)
    if record.get("record_id") != claimed_id:
        return fail("record_id_mismatch", record_sha256=computed, signer_fingerprint=fingerprint)
    if expected_sha256 is not None and expected_sha256.strip().lower() != computed:
        return fail("stored_hash_mismatch", record_sha256=computed, signer_fingerprint=fingerprint)

    return VerifyResult(
        valid=True,
        record_id=claimed_id,
        reason="ok",
        detail=REASONS["ok"],
        record=record,
        record_sha256=computed,
        signer_fingerprint=fingerprint,
    )


# --------------------------------------------------------------------------- helpers


def _load_trusted(trusted_certs_pem: list[bytes]) -> dict[str, asn1_x509.Certificate]:
    """Fingerprint -> asn1crypto certificate, for every certificate in every given blob."""
    from app.documents.certificates import load_certificates

    trusted: dict[str, asn1_x509.Certificate] = {}
    for blob in trusted_certs_pem or ():
        for cert in load_certificates(blob):
            der = cert.public_bytes(serialization.Encoding.DER)
            trusted[hashlib.sha256(der).hexdigest()] = asn1_x509.Certificate.load(der)
    return trusted


def _open(pdf_bytes: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not isinstance(pdf_bytes, (bytes, bytearray)) or b"%PDF-" not in bytes(pdf_bytes[:1024]):
        raise UnreadablePdf(message="the file is not a PDF")
    try:
        reader = PdfFileReader(BytesIO(bytes(pdf_bytes)), strict=True)
        # touch the structures verification needs, so parse errors surface here
        reader.root  # noqa: B018
        reader.xrefs.total_revisions  # noqa: B018
    except Exception:
        raise UnreadablePdf(message="the PDF is damaged or truncated and cannot be parsed") from None
    if reader.security_handler is not None:
        raise UnreadablePdf(message="the PDF is encrypted; a sealed consent record never is")
    return reader


def _info_text(reader, key: str) -> str | None:
    try:
        value = reader.trailer["/Info"][key]
    except Exception:
        return None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return str(value) if value is not None else None


def _claimed_time(embedded) -> datetime | None:
    try:
        ts = embedded.self_reported_timestamp
    except Exception:
        return None
    if ts is not None and ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts


async def _validate(embedded, trusted: dict[str, asn1_x509.Certificate], signing_time):
    from pyhanko.sign.validation import KeyUsageConstraints, async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # Validate the certificate at the time the seal claims (B-B) so that certificates which have
    # since expired or been retired keep old records valid; trust is pinned by fingerprint anyway.
    # pyHanko uses a trusted timestamp's time instead when the seal carries one (B-T).
    vc = ValidationContext(
        trust_roots=list(trusted.values()),
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=signing_time,
    )
    return await async_validate_pdf_signature(
        embedded,
        signer_validation_context=vc,
        # coverage is checked ourselves; the diff analysis of later revisions is not needed
        skip_diff=True,
        key_usage_settings=KeyUsageConstraints(
            key_usage={"digital_signature", "non_repudiation"},
            match_all_key_usages=False,
        ),
    )


def _padding_untouched(sig_obj) -> bool:
    from asn1crypto import parser

    try:
        raw = bytes(sig_obj["/Contents"])
        _, _, _, header, contents, trailer = parser.parse(raw)
    except Exception:
        return False
    return not raw[len(header) + len(contents) + len(trailer):].strip(b"\x00")


def _find_attachments(reader, wanted: str) -> list:
    """File specification dictionaries named ``wanted`` in the EmbeddedFiles name tree."""
    try:
        tree = reader.root["/Names"]["/EmbeddedFiles"]
    except (KeyError, TypeError):
        return []
    found: list = []

    def walk(node, depth: int) -> None:
        if depth > _MAX_NAME_TREE_DEPTH:
            raise ValueError("name tree too deep")
        names = node.get("/Names")
        if names is not None:
            for i in range(0, len(names) - 1, 2):
                if str(names[i]) == wanted:
                    found.append(names[i + 1].get_object())
        for kid in node.get("/Kids", ()):
            walk(kid.get_object(), depth + 1)

    walk(tree, 0)
    return found


def _embedded_file_bytes(filespec) -> bytes:
    ef = filespec["/EF"]
    stream = ef.get("/UF") or ef["/F"]
    return bytes(stream.get_object().data)


def _run(coro):
    """Run a coroutine from sync code, also when the caller's thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="verify-worker")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
