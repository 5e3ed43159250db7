"""Trust and time for a seal: document timestamps, the signature timestamp, the signer's certificate
at the trusted time, revocation data, what may follow the seal, and the PAdES level reached.

Used by :mod:`app.documents.pdf_verify` (the full verification) and by the fast path of
:mod:`app.documents.seal_verifier`; nothing here reads the archive or logs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

FETCH_TIMEOUT = 3


@dataclass
class _Outcome:
    status: Any = None
    trusted_time: datetime | None = None
    signature_timestamp: bool = False
    document_timestamps: int = 0
    last_stamp_covers_file: bool = False
    problem: tuple[str, str] | None = None


async def _check_all(embedded, stamps, roots, revinfo: dict, now: datetime, fetch: bool, demo_cert: bool) -> _Outcome:
    from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp

    backend = None
    if fetch:
        from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

        backend = AIOHttpFetcherBackend(per_request_timeout=FETCH_TIMEOUT)
    out = _Outcome()
    try:
        ts_roots = roots if not demo_cert else []
        moment, newest = now, True
        for stamp in reversed(stamps):
            if not ts_roots:
                out.problem = ("timestamp_invalid", "A demonstration seal carries no trusted timestamp.")
                return out
            # The newest timestamp is checked now: the revocation data in the file dates from when it
            # was made, so only what can be fetched now counts (none reachable: not checked). Each
            # older one is checked at the time of the next, with the data stored at that time.
            st = await async_validate_pdf_timestamp(
                stamp, _context(ts_roots, moment, revinfo, backend, revocation=not newest), skip_diff=True)
            newest = False
            if not (st.intact and st.valid and st.trusted) or stray_certificates(stamp.signed_data,
                                                                                st.validation_path, ts_roots):
                out.problem = ("timestamp_invalid", "A document timestamp added after the seal is not intact "
                               "or not from a trusted timestamp server.")
                return out
            if stamp is stamps[-1]:
                from pyhanko.sign.validation import SignatureCoverageLevel

                out.last_stamp_covers_file = st.coverage == SignatureCoverageLevel.ENTIRE_FILE
            moment = st.timestamp
        out.document_timestamps = len(stamps)
        first_stamp_time = moment if stamps else None
        # The signature timestamp is checked at the time of the first document timestamp (or now).
        ts_vc = (_context(ts_roots, first_stamp_time or now, revinfo, backend, revocation=first_stamp_time is not None)
                 if ts_roots else None)
        has_tst = _has_signature_timestamp(embedded.signer_info)
        if has_tst and ts_vc is None:
            out.problem = ("timestamp_invalid", "A demonstration seal carries no trusted timestamp.")
            return out
        # First pass for the timestamp's time, then the signer's certificate at that time.
        probe = await async_validate_pdf_signature(
            embedded, signer_validation_context=_context(roots, now, revinfo, None), ts_validation_context=ts_vc,
            skip_diff=True, key_usage_settings=_key_usage())
        if has_tst:
            tst = probe.timestamp_validity
            if tst is None or not (tst.intact and tst.valid and tst.trusted) or stray_certificates(
                    _signature_timestamp(embedded.signer_info), tst.validation_path, ts_roots):
                out.problem = ("timestamp_invalid", "The seal's timestamp is not intact or not from a trusted "
                               "timestamp server.")
                return out
            out.trusted_time = tst.timestamp
            out.signature_timestamp = True
        elif first_stamp_time is not None:
            out.trusted_time = first_stamp_time
        if not (probe.intact and probe.valid):
            out.status = probe
            return out
        moment = out.trusted_time or now
        out.status = await async_validate_pdf_signature(
            embedded, signer_validation_context=_context(roots, moment, revinfo, backend),
            ts_validation_context=ts_vc, skip_diff=True, key_usage_settings=_key_usage())
        return out
    finally:
        if backend is not None:
            await backend.close()


def _context(roots, moment: datetime, revinfo: dict, backend, *, revocation: bool = True):
    """Path validation at ``moment`` against ``roots``: revocation data from the file (when
    ``revocation``) accepted when issued after ``moment`` too, fetched when ``backend`` is given,
    soft-fail when there is none."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=list(roots), other_certs=revinfo.get("certs", ()),
                             ocsps=revinfo.get("ocsps", ()) if revocation else (),
                             crls=revinfo.get("crls", ()) if revocation else (),
                             allow_fetching=backend is not None, fetcher_backend=backend,
                             revocation_mode="soft-fail", moment=moment, retroactive_revinfo=True)


def _key_usage():
    from pyhanko.sign.validation import KeyUsageConstraints

    return KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)


def stray_certificates(signed_data, path, roots) -> bool:
    """Any certificate carried in ``signed_data`` that is neither in the validated ``path`` nor an
    anchor, byte for byte? Those copies are outside every signature and could be altered at will."""
    if signed_data is None:
        return False
    known = {r.dump() for r in roots}
    if path is not None:
        known |= {c.dump() for c in path.iter_certs(include_root=True)}
    for choice in signed_data["certificates"] or ():
        if choice.name != "certificate" or choice.chosen.dump() not in known:
            return True
    return False


def _signature_timestamp(signer_info):
    """The SignedData of the seal's signature timestamp token (or None)."""
    from asn1crypto import core

    unsigned = signer_info["unsigned_attrs"]
    if unsigned is core.VOID:
        return None
    for attr in unsigned:
        if attr["type"].native == "signature_time_stamp_token":
            return attr["values"][0]["content"]
    return None


def _has_signature_timestamp(signer_info) -> bool:
    from asn1crypto import core

    unsigned = signer_info["unsigned_attrs"]
    return unsigned is not core.VOID and any(a["type"].native == "signature_time_stamp_token" for a in unsigned)


def _dss_material(reader) -> dict:
    """Certificates, OCSP responses and CRLs of the document security store (B-LT), if any."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:
        return {}
    try:
        certs = list(dss.load_certs())
        ocsps = [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
        crls = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
    except Exception:
        return {}
    return {"certs": certs, "ocsps": ocsps, "crls": crls}


def _later_revisions_problem(embedded, data: bytes) -> str | None:
    """Later revisions may only add a DSS and document timestamps (pyHanko's difference analysis),
    and nothing may follow the last revision."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel

    try:
        embedded.compute_integrity_info(diff_policy=_strict_diff_policy(), skip_diff=False)
        diff = embedded.diff_result
        coverage = embedded.coverage
    except Exception:
        return "The revisions added after sealing cannot be analysed."
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return "Bytes were inserted into the sealed revision."
    level = getattr(diff, "modification_level", None)
    if level is None or level > ModificationLevel.LTA_UPDATES:
        return "The PDF was changed after sealing: a later revision does more than add validation data or a timestamp."
    # The last revision ends at the first %%EOF after its cross-reference data: nothing may follow
    # (no signature covers a DSS-only revision, so its end is checked here, not by coverage).
    xrefs = embedded.reader.xrefs
    end = xrefs.get_xref_container_info(xrefs.total_revisions - 1).end_location
    eof = data.find(b"%%EOF", end)
    if eof < 0 or data[eof + 5:] not in (b"", b"\n", b"\r\n", b"\r"):
        return "Bytes were added to the PDF after its last revision."
    return None


def _strict_diff_policy():
    """pyHanko's standard rules less the ones that let metadata change: after the seal, only a DSS,
    the fields and values of document timestamps, and the cross-reference plumbing may be added."""
    from pyhanko.sign.diff_analysis import (
        CatalogModificationRule, DSSCompareRule, FormUpdatingRule, ModificationLevel, ObjectStreamRule,
        SigFieldCreationRule, SigFieldModificationRule, StandardDiffPolicy, XrefStreamRule,
    )

    lta = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[CatalogModificationRule(), XrefStreamRule().as_qualified(lta),
                      ObjectStreamRule().as_qualified(lta), DSSCompareRule().as_qualified(lta)],
        form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule()]))


def _trust_failure(status, trusted_time: datetime | None) -> tuple[str, str]:
    from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate

    indic = getattr(status, "trust_problem_indic", None)
    when = ("at the trusted time" if trusted_time else
            "now; the seal carries no trusted time, and the signing time it claims proves nothing")
    if indic in (AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE):
        return "certificate_revoked", f"The seal's certificate (or its CA) was revoked, checked {when}."
    if indic in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
                 AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID, AdESFailure.NOT_YET_VALID):
        return "certificate_expired", f"The seal's certificate was expired or not yet valid, checked {when}."
    if indic == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return "untrusted_signer", "The seal's certificate does not chain to the trust file."
    return "untrusted_signer", ("The seal's certificate did not validate against the trust file "
                                f"(not allowed to sign, or its chain failed), checked {when}.")


def _level(outcome: _Outcome, revinfo: dict) -> str:
    if outcome.trusted_time is None:
        return "B-B"
    has_revinfo = bool(revinfo.get("ocsps") or revinfo.get("crls"))
    if not has_revinfo:
        return "B-T"
    return "B-LTA" if outcome.document_timestamps and outcome.last_stamp_covers_file else "B-LT"


def _anchor_name(status) -> str | None:
    try:
        return _name(status.validation_path.trust_anchor.authority.name)
    except Exception:
        return None


def _name(name) -> str:
    try:
        native = name.native
        return native.get("common_name") or name.human_friendly
    except Exception:
        return "?"


def _raw_contents(sig_obj) -> bytes | None:
    try:
        return bytes(sig_obj.raw_get("/Contents"))
    except Exception:
        return None


def _subfilter_problem(sig_obj, expected: str) -> str | None:
    if sig_obj.get("/SubFilter") != expected or sig_obj.get("/Filter") != "/Adobe.PPKLite":
        return "The seal is not a PAdES signature of the kind the program writes."
    return None


def claimed_time(signer_info, pdf_m) -> datetime | None:
    """The signing time the seal states: the CMS signing-time attribute, else the dictionary's /M."""
    from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

    try:
        ts = extract_self_reported_ts(signer_info)
    except Exception:
        ts = None
    if ts is None and pdf_m is not None:
        from pyhanko.pdf_utils.generic import parse_pdf_date

        try:
            ts = parse_pdf_date(str(pdf_m))
        except Exception:
            ts = None
    if ts is not None and ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts
