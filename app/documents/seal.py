"""Institution seal: attach ``record.json`` and sign the PDF (PAdES) in one incremental update.

The PDF made by ReportLab is revision 0. ``seal_pdf`` appends exactly one revision holding

* the attachment ``record.json`` (EmbeddedFiles name tree, ``/Subtype /application#2Fjson``, a
  description, its modification date, ``/AFRelationship /Data`` and a catalog ``/AF`` entry: an
  associated file as PDF/A-3 defines it),
* ``/ConsentRecordSHA256`` and ``/ConsentRecordId`` in the document information dictionary,
* the signature field ``InstitutionSeal`` (invisible) and its PAdES signature
  (``/ETSI.CAdES.detached``, SHA-256; B-B, or B-T when a timestamp server is given).

Because everything is written in the same revision, the signature's byte range covers the
attachment and the info entries. Nothing is logged (the record holds patient data).
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from app.documents.certificates import SealIdentity, SealSigner, signer_from_identity
from app.documents.pdf_verify import (
    ATTACHMENT_NAME,
    INFO_RECORD_ID,
    INFO_RECORD_SHA256,
    SEAL_FIELD_NAME,
    UnreadablePdf,
)
from app.documents.pdfa import parse_instant
from app.documents.run_async import run_coroutine
from app.domain.errors import ConsentError, InvalidInput, InvalidState

__all__ = ["seal_pdf", "SEAL_FIELD_NAME", "ATTACHMENT_NAME", "DEFAULT_REASON"]

DEFAULT_REASON = "Institution seal of the consent record"
ATTACHMENT_DESCRIPTION = "Canonical consent record (JSON, UTF-8); its SHA-256 is the record hash"


def seal_pdf(
    pdf_bytes: bytes,
    record_json: bytes,
    record_sha256: str,
    record_id: str,
    identity: SealIdentity | SealSigner,
    timestamp_url: str | None = None,
    *,
    reason: str = DEFAULT_REASON,
    location: str | None = None,
) -> bytes:
    """Return the sealed PDF. ``identity``: the keeper's :class:`SealSigner` (a key in memory, a
    PKCS#12 or a PKCS#11 token behind it), or a :class:`SealIdentity` (tests).

    Refuses (``InvalidInput(code="seal_input_mismatch")``) when ``record_json`` does not hash to
    ``record_sha256`` or does not carry ``record_id``: a seal must never bind inconsistent data.
    ``location`` defaults to the organisation named in the seal certificate. With
    ``timestamp_url`` the seal is PAdES B-T; an unreachable server raises
    ``ConsentError(code="timestamp_unavailable")`` (the caller decides whether to retry or seal B-B).
    """
    _check_record(record_json, record_sha256, record_id)
    return _seal_unchecked(
        pdf_bytes,
        record_json,
        record_sha256.lower(),
        record_id,
        identity,
        timestamp_url,
        reason=reason,
        location=location,
    )


def _check_record(record_json: bytes, record_sha256: str, record_id: str) -> None:
    if not isinstance(record_json, (bytes, bytearray)):
        raise InvalidInput(code="seal_input_mismatch", message="record_json must be bytes")
    if hashlib.sha256(record_json).hexdigest() != (record_sha256 or "").lower():
        raise InvalidInput(
            code="seal_input_mismatch",
            message="record_sha256 is not the SHA-256 of record_json",
        )
    try:
        record = json.loads(record_json)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(code="seal_input_mismatch", message="record_json is not valid JSON") from None
    if not isinstance(record, dict) or record.get("record_id") != record_id:
        raise InvalidInput(
            code="seal_input_mismatch",
            message="record_id does not match the record_id inside record_json",
        )


def _seal_unchecked(
    pdf_bytes: bytes,
    record_json: bytes,
    record_sha256: str,
    record_id: str,
    identity: SealIdentity | SealSigner,
    timestamp_url: str | None = None,
    *,
    reason: str = DEFAULT_REASON,
    location: str | None = None,
) -> bytes:
    """Seal without the consistency checks (tests use it to forge inconsistent PDFs)."""
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    except (PdfError, ValueError, TypeError, KeyError, IndexError) as exc:
        raise UnreadablePdf(message=f"the PDF to seal could not be read ({type(exc).__name__})") from None
    if writer.security_handler is not None:
        raise InvalidInput(code="pdf_encrypted", message="an encrypted PDF cannot be sealed")
    if list(fields.enumerate_sig_fields(writer.prev, filled_status=True)):
        raise InvalidState(code="already_sealed", message="the PDF already carries a signature")

    if isinstance(identity, SealIdentity):
        identity = signer_from_identity(identity, "pem")
    _attach_record(writer, record_json)
    _set_info(writer, record_sha256, record_id)

    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=("Demonstration seal: not a record of a real consent" if identity.demo else reason),
        location=location or identity.organisation,
    )
    out = BytesIO()

    async def sign(timestamper=None):
        pdf_signer = signers.PdfSigner(
            meta,
            signer=identity.signer,
            timestamper=timestamper,
            new_field_spec=fields.SigFieldSpec(sig_field_name=SEAL_FIELD_NAME),
        )
        return await pdf_signer.async_sign_pdf(
            writer, output=out, bytes_reserved=_reserve(identity, timestamper is not None))

    async def sign_with_timestamp():
        from pyhanko.sign.timestamps import HTTPTimeStamper

        from app.documents.tsa import client_session

        async with client_session() as session:
            # Sealing holds the database's write lock; stay well inside other desks' 5 s busy timeout.
            return await sign(HTTPTimeStamper(timestamp_url, timeout=3, session=session))

    try:
        run_coroutine(sign_with_timestamp() if timestamp_url else sign())
    except OSError as exc:  # pyHanko's TimestampRequestError is an OSError, so are timeouts
        if not timestamp_url:
            raise
        raise ConsentError(
            code="timestamp_unavailable",
            message=f"the timestamp server did not answer ({type(exc).__name__}); the PDF was not sealed",
        ) from None
    return out.getvalue()


TIMESTAMP_ROOM = 12 * 1024


def _reserve(identity: SealSigner, with_timestamp: bool) -> int:
    """Room for the CMS blob (hex digits), so pyHanko skips its dry-run signature (~half the time,
    and with a timestamp server a second round trip to it).

    The CMS holds the certificates plus signed attributes and the signature value (< 1.5 KB even
    for RSA-8192); a timestamp token with its TSA's certificates fits in 12 KB.
    """
    certs = len(identity.certificate.dump()) + sum(len(c.dump()) for c in identity.chain)
    return 2 * (certs + 3072 + (TIMESTAMP_ROOM if with_timestamp else 0))


def _record_time(record_json: bytes) -> datetime:
    """When the record was signed (else created): the attachment's modification date (PDF/A-3)."""
    try:
        record = json.loads(record_json)
    except (ValueError, UnicodeDecodeError):
        record = {}
    for key in ("signed_at", "created_at"):
        when = parse_instant(record.get(key)) if isinstance(record, dict) else None
        if when is not None:
            return when
    return datetime.now(timezone.utc)


def _attach_record(writer: IncrementalPdfFileWriter, record_json: bytes) -> None:
    """EmbeddedFiles entry + catalog /AF, without pyHanko's PDF 2.0 bump (see module doc)."""
    ef_stream = EmbeddedFileObject.from_file_data(
        writer,
        data=bytes(record_json),
        compress=True,
        params=EmbeddedFileParams(embed_size=True, embed_checksum=True,
                                  modification_date=_record_time(record_json)),
        mime_type="application/json",
    )
    spec = FileSpec(
        file_spec_string=ATTACHMENT_NAME,
        file_name=ATTACHMENT_NAME,
        embedded_data=ef_stream,
        description=ATTACHMENT_DESCRIPTION,
        af_relationship=generic.pdf_name("/Data"),
    )
    spec_ref = writer.add_object(spec.as_pdf_object())

    root = writer.root
    names = root.get("/Names")
    if names is None:
        names = generic.DictionaryObject()
        root["/Names"] = writer.add_object(names)
    ef_tree = names.get("/EmbeddedFiles")
    if ef_tree is None:
        ef_tree = generic.DictionaryObject({generic.pdf_name("/Names"): generic.ArrayObject()})
        names["/EmbeddedFiles"] = writer.add_object(ef_tree)
        writer.update_container(names)
    elif "/Kids" in ef_tree or "/Names" not in ef_tree:
        raise InvalidInput(code="pdf_unsupported", message="the PDF has an unsupported attachment tree")
    name_arr = ef_tree["/Names"]
    if any(str(name_arr[i]) == ATTACHMENT_NAME for i in range(0, len(name_arr), 2)):
        raise InvalidState(code="already_sealed", message="the PDF already carries a record.json")
    name_arr.append(generic.TextStringObject(ATTACHMENT_NAME))
    name_arr.append(spec_ref)
    writer.update_container(name_arr)

    af = root.get("/AF")
    if af is None:
        root["/AF"] = generic.ArrayObject([spec_ref])
    else:
        af.append(spec_ref)
        writer.update_container(af)
    writer.update_root()


def _set_info(writer: IncrementalPdfFileWriter, record_sha256: str, record_id: str) -> None:
    entries = {
        generic.pdf_name(INFO_RECORD_SHA256): generic.TextStringObject(record_sha256),
        generic.pdf_name(INFO_RECORD_ID): generic.TextStringObject(record_id),
    }
    try:
        info_ref = writer.trailer.raw_get("/Info")
    except KeyError:
        info_ref = None
    if isinstance(info_ref, generic.IndirectObject):
        info = info_ref.get_object()
        info.update(entries)
        writer.mark_update(info_ref)
    else:
        info = generic.DictionaryObject(entries)
        writer.set_info(info)

