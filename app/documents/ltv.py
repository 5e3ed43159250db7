"""Long-term validation: what is appended to a sealed PDF after the seal, and nothing else.

``extend`` writes ONE incremental revision holding

* a document security store (DSS) with the validation data of the seal's certificate, of its
  signature timestamp and of the newest document timestamp (certificates, OCSP responses, CRLs,
  fetched now from the addresses in the certificates), which makes the record B-LT;
* a document timestamp from the TSA over the whole file, DSS included, which makes it B-LTA (for a
  record sealed while the TSA was down, the first trusted time).

The revision touches neither the document information dictionary nor the XMP metadata (pyHanko's
writer would update their dates): verification refuses any change after the seal other than a DSS
and document timestamps (``pdf_verify._strict_diff_policy``).
"""
from __future__ import annotations

from datetime import datetime
from io import BytesIO

from app.domain.errors import ConsentError

from .pdf_verify import UnreadablePdf, _open
from .run_async import run_coroutine
from .seal_validation import FETCH_TIMEOUT
from .trust import TrustAnchors

__all__ = ["extend", "last_timestamp_expiry", "TIMESTAMP_FIELD_PREFIX"]

TIMESTAMP_FIELD_PREFIX = "ArchiveTimestamp"


def extend(pdf: bytes, tsa_url: str, trust: TrustAnchors, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The PDF with one more revision (DSS + document timestamp); raises
    ``ConsentError("timestamp_unavailable")`` when the TSA cannot be reached or its answer is not
    trusted (nothing is written then)."""
    return run_coroutine(_extend(bytes(pdf), tsa_url, trust, timeout))


async def _extend(pdf: bytes, tsa_url: str, trust: TrustAnchors, timeout: float) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers.pdf_signer import PdfTimeStamper, TimestampDSSContentSettings
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko.sign.validation.dss import DocumentSecurityStore, collect_validation_info
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

    reader = _open(pdf)
    seals = reader.embedded_regular_signatures
    if len(seals) != 1:
        raise UnreadablePdf(message="the PDF does not carry exactly one seal")
    backend = AIOHttpFetcherBackend(per_request_timeout=timeout)
    try:
        vc = ValidationContext(trust_roots=list(trust.certificates), allow_fetching=True, fetcher_backend=backend,
                               revocation_mode="soft-fail")
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        writer._update_meta = lambda: None  # no /Info or XMP date changes: only DSS and timestamp
        for embedded in [seals[0], *reader.embedded_timestamp_signatures[-1:]]:
            try:
                paths = await collect_validation_info(embedded, vc)
            except Exception as exc:  # a revoked or untrusted certificate: say so, write nothing
                raise ConsentError("validation_data_unavailable",
                                   f"the validation data could not be gathered ({type(exc).__name__})") from None
            DocumentSecurityStore.supply_dss_in_writer(writer, embedded.pkcs7_content.hex().encode("ascii"),
                                                       validation_context=vc, paths=paths)
        stamper = PdfTimeStamper(HTTPTimeStamper(tsa_url, timeout=timeout),
                                 field_name=f"{TIMESTAMP_FIELD_PREFIX}{len(reader.embedded_timestamp_signatures) + 1}")
        out = BytesIO()
        try:
            # the TSA's own validation data goes into the same revision, before the stamp: the new
            # document timestamp then covers all of it (B-LTA), with nothing after it
            await stamper.async_timestamp_pdf(
                writer, "sha256", validation_context=vc, output=out,
                dss_settings=TimestampDSSContentSettings(update_before_ts=True, include_vri=False))
        except OSError as exc:
            raise ConsentError("timestamp_unavailable",
                               f"the timestamp server did not answer ({type(exc).__name__})") from None
        except Exception as exc:  # an untrusted or malformed answer
            raise ConsentError("timestamp_unavailable",
                               f"the timestamp server's answer was not accepted ({type(exc).__name__})") from None
    finally:
        await backend.close()
    data = out.getvalue()
    if not data.startswith(pdf):  # an incremental update only appends
        raise ConsentError("timestamp_unavailable", "the timestamped PDF does not extend the sealed one")
    return data


def last_timestamp_expiry(pdf: bytes) -> datetime | None:
    """When the certificate of the newest timestamp (document or signature timestamp) expires."""
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    reader = _open(pdf)
    stamps = reader.embedded_timestamp_signatures
    if stamps:
        cert = stamps[-1].signer_cert
        return cert["tbs_certificate"]["validity"]["not_after"].native
    seals = reader.embedded_regular_signatures
    if len(seals) != 1:
        return None
    for token in extract_tst_data_iter(seals[0].signer_info, signed=False):
        certs = [c.chosen for c in token["certificates"] or () if c.name == "certificate"]
        sid = token["signer_infos"][0]["sid"]
        for cert in certs:
            if sid.name == "issuer_and_serial_number" and cert.serial_number == sid.chosen["serial_number"].native:
                return cert["tbs_certificate"]["validity"]["not_after"].native
    return None
