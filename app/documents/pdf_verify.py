"""Verify a sealed consent PDF offline (or, asked to, fetching revocation data).

Rules (DESIGN.md "Seal and trust", ETSI EN 319 142 PAdES baseline):

* exactly one seal (``/Sig``); later revisions may only add validation data (a DSS) and document
  timestamps, which pyHanko's difference analysis checks change nothing else;
* the seal is strictly formed (``seal_structure``): a hex ``/Contents`` exactly filling the signed
  gap, zero padding, only the expected keys and CMS attributes;
* the signature is intact; its certificate chains (pyHanko's certvalidator) to the **trust file's**
  anchors, with key usage for signing, and was neither expired nor revoked at the *trusted time*;
* the trusted time is the signature timestamp (B-T) or the first document timestamp after the seal,
  each from a TSA that chains to the same anchors and valid itself at the time of the next timestamp
  (or now); without one, the seal is checked at the time of verification, since the signing time
  the seal claims proves nothing;
* the demonstration seal is trusted only when asked (``demo=True``), and then said to be one;
* the attached ``record.json`` hashes to ``/ConsentRecordSHA256`` (and to ``expected_sha256``), and
  its ``record_id`` equals ``/ConsentRecordId``.

``verify_pdf`` returns a :class:`VerifyResult` for every PDF it can parse; only bytes that are not a
parseable PDF raise :class:`UnreadablePdf`. Nothing is logged: the record holds patient data.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509

from app.domain.errors import InvalidInput

from .run_async import run_coroutine
from .seal_structure import SEAL_KEYS, TIMESTAMP_KEYS, cms_problem, ess_problem, gap_problem, keys_problem
from .seal_validation import (
    _anchor_name,
    _check_all,
    _dss_material,
    _later_revisions_problem,
    _level,
    _name,
    _raw_contents,
    _subfilter_problem,
    _trust_failure,
    claimed_time,
    stray_certificates,
)
from .trust import TrustAnchors, is_demo_certificate

__all__ = [
    "ATTACHMENT_NAME",
    "INFO_RECORD_ID",
    "INFO_RECORD_SHA256",
    "REASONS",
    "SEAL_FIELD_NAME",
    "UnreadablePdf",
    "VerifyResult",
    "as_trust",
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
    "seal_malformed": "The seal is not formed the way the program writes it.",
    "untrusted_signer": "The seal's certificate does not chain to the trust file.",
    "no_trust_file": "No trust file is installed: nothing but a demonstration seal can be checked.",
    "demo_seal": "This is the demonstration seal, which proves nothing about a patient (verify --demo).",
    "certificate_expired": "The seal's certificate was not valid at the time the seal can be proven to exist.",
    "certificate_revoked": "The seal's certificate was revoked before the time the seal can be proven to exist.",
    "timestamp_invalid": "A timestamp in the record is not intact or not from a trusted timestamp server.",
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
_MAX_TIMESTAMPS = 32

# pyHanko logs (with tracebacks) e.g. an untrusted timestamp authority. Without a handler those
# reach stderr through logging's last resort and would break the command line's "one clear line".
# A NullHandler stops that; an application that configures logging still receives the records.
for _logger in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())


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
    only *claims* unless ``valid`` is true. ``level`` is the PAdES baseline level reached (``B-B``,
    ``B-T``, ``B-LT``, ``B-LTA``); ``trusted_time`` the time a trusted timestamp proves (None at
    B-B); ``claimed_time`` the signing time the seal states (proof of nothing by itself);
    ``signer`` and ``anchor`` the subjects of the seal certificate and of the trust anchor it chains
    to; ``demo`` is true for a demonstration seal accepted with ``demo=True``.
    """

    valid: bool
    record_id: str | None
    reason: str
    detail: str
    record: dict | None = None
    record_sha256: str | None = None
    signer_fingerprint: str | None = None
    level: str | None = None
    trusted_time: datetime | None = None
    claimed_time: datetime | None = None
    signer: str | None = None
    anchor: str | None = None
    demo: bool = False

    def summary(self) -> str:
        """One line for people: level, trusted time, signer and anchor."""
        when = (f"trusted time {self.trusted_time.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}"
                if self.trusted_time else "no trusted time")
        claimed = (f" (claimed {self.claimed_time.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}, not proven)"
                   if self.claimed_time and not self.trusted_time else "")
        return f"{self.level or '-'}; {when}{claimed}; signer {self.signer or '-'}; anchor {self.anchor or '-'}"


def as_trust(trust) -> TrustAnchors:
    """A TrustAnchors from anchors, or from a list of PEM/DER blobs (tests, callers holding bytes)."""
    if isinstance(trust, TrustAnchors):
        return trust
    return TrustAnchors(tuple(_load_trusted(trust or []).values()), "given certificates")


def verify_pdf(
    pdf_bytes: bytes,
    trust,
    expected_sha256: str | None = None,
    *,
    demo: bool = False,
    now: datetime | None = None,
    fetch: bool = False,
) -> VerifyResult:
    """Check a sealed consent PDF; see the module docstring for the rules and REASONS for codes.

    ``trust``: the trust file's :class:`TrustAnchors` (or PEM blobs). ``demo``: accept the
    demonstration seal (as such). ``now``: the time of verification (default: the clock).
    ``fetch``: fetch revocation data (OCSP, CRL) named in the certificates, 3 s at most each.

    Raises :class:`UnreadablePdf` for input that is not a parseable PDF, and
    ``InvalidInput(code="certificate_unreadable")`` when a trusted certificate cannot be read.
    """
    return _verify_full(pdf_bytes, as_trust(trust), expected_sha256, demo=demo, now=now, fetch=fetch)


def _verify_full(pdf_bytes: bytes, trust: TrustAnchors, expected_sha256: str | None, *, demo: bool = False,
                 now: datetime | None = None, fetch: bool = False) -> VerifyResult:
    now = now or datetime.now(timezone.utc)
    try:
        reader = _open(pdf_bytes)
    except UnreadablePdf:
        appended = _sealed_prefix_result(pdf_bytes, trust, expected_sha256, demo=demo, now=now, fetch=fetch)
        if appended is None:
            raise
        return appended
    return _verify_reader(reader, bytes(pdf_bytes), trust, expected_sha256, demo=demo, now=now, fetch=fetch)


_MAX_PREFIX_TRIES = 8


def _sealed_prefix_result(pdf_bytes: bytes, trust: TrustAnchors, expected_sha256: str | None, *,
                          demo: bool = False, now: datetime | None = None, fetch: bool = False
                          ) -> VerifyResult | None:
    """A file that only parses up to an earlier ``%%EOF`` but is a valid seal up to there was
    extended after sealing (junk too big or too odd for the parser): that is ``not_entire_file``,
    not ``pdf_unreadable``. Truncated or garbage files still give ``None`` (unreadable)."""
    if not isinstance(pdf_bytes, (bytes, bytearray)) or b"%PDF-" not in bytes(pdf_bytes[:1024]):
        return None
    now = now or datetime.now(timezone.utc)
    trust = as_trust(trust)
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
        result = _verify_reader(reader, data[:cut], trust, expected_sha256, demo=demo, now=now, fetch=fetch)
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


def _verify_reader(reader, data: bytes, trust: TrustAnchors, expected_sha256: str | None, *, demo: bool,
                   now: datetime, fetch: bool) -> VerifyResult:
    claimed_id = _info_text(reader, INFO_RECORD_ID)

    def fail(reason: str, detail: str | None = None, **extra: Any) -> VerifyResult:
        return VerifyResult(valid=False, record_id=extra.pop("record_id", claimed_id), reason=reason,
                            detail=detail or REASONS[reason], **extra)

    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import EmbeddedPdfSignature

    try:
        filled = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception:  # a damaged AcroForm: the seal cannot be located
        return fail("seal_broken", "The signature fields of the PDF are damaged.")
    seals, stamps = [], []
    try:
        for fq_name, sig_obj_ref, sig_field in filled:
            kind = sig_obj_ref.get_object().get("/Type", "/Sig")
            (stamps if kind == "/DocTimeStamp" else seals).append((fq_name, sig_obj_ref, sig_field))
    except Exception:
        return fail("seal_broken", "The seal's signature data cannot be decoded.")
    if not seals:
        return fail("no_seal", "The only signature in the PDF is a document timestamp, not a seal." if stamps else None)
    if len(seals) > 1:
        return fail("multiple_seals", f"The PDF carries {len(seals)} seals; a sealed record has exactly one.")
    if len(stamps) > _MAX_TIMESTAMPS:
        return fail("seal_malformed", "The PDF carries too many document timestamps.")
    fq_name, sig_obj_ref, sig_field = seals[0]
    try:
        sig_obj = sig_obj_ref.get_object()
        embedded = EmbeddedPdfSignature(reader, sig_field, fq_name)
        signer_cert = embedded.signer_cert
        signer_info = embedded.signer_info
        stamp_sigs = sorted((EmbeddedPdfSignature(reader, f, n) for n, _, f in stamps),
                            key=lambda e: e.signed_revision)
    except Exception:
        return fail("seal_broken", "The seal's signature data cannot be decoded.")

    fingerprint = hashlib.sha256(signer_cert.dump()).hexdigest()
    signer_name = _name(signer_cert.subject)
    claimed = claimed_time(signer_info, sig_obj.get("/M"))
    base = {"signer_fingerprint": fingerprint, "signer": signer_name, "claimed_time": claimed}

    # 0. Strict form, on the file's own bytes (the same checks as the fast path).
    problem = (gap_problem(data, sig_obj.get("/ByteRange", ()), _raw_contents(sig_obj))
               or keys_problem(sig_obj.keys(), SEAL_KEYS) or cms_problem(signer_info, embedded.signed_data)
               or _subfilter_problem(sig_obj, "/ETSI.CAdES.detached"))
    for stamp in stamp_sigs:
        if problem:
            break
        problem = (gap_problem(data, stamp.sig_object.get("/ByteRange", ()), _raw_contents(stamp.sig_object))
                   or keys_problem(stamp.sig_object.keys(), TIMESTAMP_KEYS)
                   or _subfilter_problem(stamp.sig_object, "/ETSI.RFC3161"))
    if problem:
        return fail("seal_malformed", problem, **base)
    problem = ess_problem(signer_info, signer_cert)
    if problem:
        return fail("seal_broken", problem, **base)

    # 1. What follows the seal: nothing, or only validation data and document timestamps.
    later = reader.xrefs.total_revisions - 1 - embedded.signed_revision
    if later > 0:
        follow = _later_revisions_problem(embedded, data)
        if follow:
            return fail("not_entire_file", follow, **base)
        if any(s.signed_revision < embedded.signed_revision for s in stamp_sigs):
            return fail("seal_malformed", "A document timestamp precedes the seal.", **base)

    # The demonstration certificate is its own anchor for the integrity checks; whether a
    # demonstration is accepted at all is decided after them (a tampered copy says so first).
    demo_cert = is_demo_certificate(signer_cert)
    roots = [signer_cert] if demo_cert else list(trust.certificates)
    if not roots:
        return fail("no_trust_file", **base)
    revinfo = _dss_material(reader)

    # 2. Document timestamps, newest first: each valid at the time of the next one (or now).
    try:
        outcome = run_coroutine(_check_all(embedded, stamp_sigs, roots, revinfo, now, fetch, demo_cert))
    except Exception as exc:
        return fail("seal_broken", f"The seal could not be validated ({type(exc).__name__}).", **base)
    if outcome.problem:
        return fail(outcome.problem[0], outcome.problem[1], **base)
    status = outcome.status
    trusted_time = outcome.trusted_time
    base["trusted_time"] = trusted_time

    if not status.intact:
        return fail("seal_broken", "The signed bytes of the PDF were altered after sealing (digest mismatch).", **base)
    if not status.valid:
        return fail("seal_broken", "The seal's cryptographic signature is not valid.", **base)

    # 3. Trust at the trusted time (or now): chain to the anchors, key usage, expiry, revocation.
    if not status.trusted:
        return fail(*_trust_failure(status, trusted_time), **base)
    anchor = "demonstration seal" if demo_cert else _anchor_name(status)
    if stray_certificates(embedded.signed_data, status.validation_path, roots):
        return fail("seal_broken", "The seal carries a certificate that is not part of its chain "
                                   "(an unsigned copy was altered).", **base)

    # 4. Coverage of a seal with nothing after it.
    from pyhanko.sign.validation import SignatureCoverageLevel

    if later == 0 and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return fail("not_entire_file", "Bytes were added to the PDF after the seal.", **base)
    if demo_cert and not demo:
        return fail("demo_seal", **base)

    # 5. The attached record and the sealed metadata.
    record_check = _record_check(reader, claimed_id, expected_sha256)
    if len(record_check) == 3:
        reason, detail, computed = record_check
        return fail(reason, detail, record_sha256=computed, **base)
    record, computed = record_check
    return VerifyResult(valid=True, record_id=claimed_id, reason="ok", detail=REASONS["ok"], record=record,
                        record_sha256=computed, level=_level(outcome, revinfo), anchor=anchor, demo=demo_cert, **base)


def _record_check(reader, claimed_id: str | None, expected_sha256: str | None):
    """(record, sha256) when the attachment and the sealed metadata agree, else (reason, detail, sha)."""
    try:
        attachments = _find_attachments(reader, ATTACHMENT_NAME)
    except Exception:
        attachments = []
    if not attachments:
        return "attachment_missing", None, None
    if len(attachments) > 1:
        return "attachment_ambiguous", None, None
    try:
        data = _embedded_file_bytes(attachments[0])
    except Exception:
        return "attachment_missing", "record.json is present but its data cannot be read.", None
    computed = hashlib.sha256(data).hexdigest()
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        record = None
    if not isinstance(record, dict):
        return "record_unreadable", None, computed
    sealed_sha = _info_text(reader, INFO_RECORD_SHA256)
    if not sealed_sha or not claimed_id:
        return "metadata_missing", None, computed
    if sealed_sha.strip().lower() != computed:
        return "record_hash_mismatch", None, computed
    if record.get("record_id") != claimed_id:
        return "record_id_mismatch", None, computed
    if expected_sha256 is not None and expected_sha256.strip().lower() != computed:
        return "stored_hash_mismatch", None, computed
    return record, computed


# --------------------------------------------------------------------------- helpers


def _load_trusted(trusted_certs_pem: list[bytes]) -> dict[str, asn1_x509.Certificate]:
    """Fingerprint -> asn1crypto certificate, for every certificate in every given blob."""
    from cryptography.hazmat.primitives import serialization

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


