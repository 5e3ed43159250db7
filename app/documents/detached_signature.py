"""Detached CMS signatures over small documents (the audit log's checkpoints), made with the same
institution seal as the records, through any pyHanko ``Signer`` (a key in memory, a PKCS#12, a
PKCS#11 token), optionally with an RFC 3161 signature timestamp.

``verify_detached`` checks, like the seal of a record, that the signature is intact and that its
certificate chains to the **trust file's** anchors (pyHanko's certvalidator, those anchors as the
only roots, no network), with key usage fit for signing, at the timestamp's time when it carries
one (the timestamp authority must chain to the same anchors, else the signature is invalid), or at
the time the signature claims. The demonstration seal's signature is accepted only when asked
(``demo=True``), and said to be one. Nothing here logs.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509

from .run_async import run_coroutine


@dataclass(frozen=True)
class SignatureCheck:
    """``reason``: ok | signature_unreadable | signature_broken | untrusted_signer | no_trust_file |
    timestamp_invalid | demo_seal (the demonstration seal's, not accepted). ``demo``: signed with the
    demonstration seal."""

    valid: bool
    reason: str
    signer_fingerprint: str | None = None
    signed_at: datetime | None = None
    timestamped_at: datetime | None = None
    demo: bool = False




def sign_detached(data: bytes, signer: Any, timestamper: Any = None) -> bytes:
    """The DER of a detached CMS SignedData over ``data`` (SHA-256), signed by the pyHanko ``signer``;
    with ``timestamper`` (a pyHanko ``TimeStamper``) it carries a signature timestamp token."""
    content = run_coroutine(signer.async_sign_general_data(bytes(data), "sha256", detached=True, timestamper=timestamper))
    return content.dump()


def _signed_data(der: bytes) -> cms.SignedData:
    info = cms.ContentInfo.load(bytes(der))
    if info["content_type"].native != "signed_data":
        raise ValueError("not a SignedData")
    signed = info["content"]
    signed.native  # noqa: B018 - parse everything now, so damage shows here
    if len(signed["signer_infos"]) != 1:
        raise ValueError("exactly one signer expected")
    return signed


def _claimed_time(signed: cms.SignedData) -> datetime | None:
    for attr in signed["signer_infos"][0]["signed_attrs"]:
        if attr["type"].native == "signing_time":
            value = attr["values"][0].native
            return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return None


def verify_detached(data: bytes, signature_der: bytes, trust, *, demo: bool = False) -> SignatureCheck:
    """Check a detached signature over ``data`` against ``trust`` (the trust file's
    :class:`~app.documents.trust.TrustAnchors`, or PEM/DER blobs): see the module docstring.
    ``demo``: accept the demonstration seal's signature, as such (``SignatureCheck.demo``)."""
    from pyhanko.sign.validation import KeyUsageConstraints
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    from .pdf_verify import as_trust
    from .seal_validation import _has_signature_timestamp
    from .trust import is_demo_certificate

    try:
        signed = _signed_data(signature_der)
        claimed = _claimed_time(signed)
        signer_cert = _signer_certificate(signed)
    except Exception:
        return SignatureCheck(False, "signature_unreadable")
    fingerprint = hashlib.sha256(signer_cert.dump()).hexdigest()
    demo_cert = is_demo_certificate(signer_cert)
    # The demonstration certificate is its own anchor for the integrity checks; whether a
    # demonstration counts is decided after them (a damaged one says so first), as for records.
    roots = [signer_cert] if demo_cert else list(as_trust(trust).certificates)
    if not roots:
        return SignatureCheck(False, "no_trust_file", fingerprint, claimed)
    has_timestamp = _has_signature_timestamp(signed["signer_infos"][0])
    if demo_cert and has_timestamp:  # the desk never timestamps a demonstration
        return SignatureCheck(False, "timestamp_invalid", fingerprint, claimed, demo=True)
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)

    def validate(moment):
        vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=moment)
        # The timestamp authority must chain to the same anchors (the trust file).
        ts_vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        return run_coroutine(async_validate_detached_cms(bytes(data), signed, signer_validation_context=vc,
                                                ts_validation_context=ts_vc, key_usage_settings=usage))

    try:
        status = validate(claimed)
        stamped = None
        if has_timestamp:
            token = status.timestamp_validity
            if token is None or not (token.intact and token.valid and token.trusted):
                return SignatureCheck(False, "timestamp_invalid", fingerprint, claimed)
            stamped = token.timestamp
            # The signer's certificate is checked at the trusted time, not at the time it claims.
            status = validate(stamped)
    except Exception:
        return SignatureCheck(False, "signature_unreadable", fingerprint, claimed)
    if not (status.intact and status.valid):
        return SignatureCheck(False, "signature_broken", fingerprint, claimed, stamped, demo=demo_cert)
    if not status.trusted:
        return SignatureCheck(False, "untrusted_signer", fingerprint, claimed, stamped)
    if demo_cert and not demo:
        return SignatureCheck(False, "demo_seal", fingerprint, claimed, stamped, demo=True)
    return SignatureCheck(True, "ok", fingerprint, claimed, stamped, demo=demo_cert)


def _signer_certificate(signed: cms.SignedData) -> asn1_x509.Certificate:
    """The signer's certificate among those carried, matched by issuer and serial or key identifier."""
    sid = signed["signer_infos"][0]["sid"]
    certs = [c.chosen for c in signed["certificates"] or () if c.name == "certificate"]
    if sid.name == "issuer_and_serial_number":
        found = [c for c in certs if c.serial_number == sid.chosen["serial_number"].native
                 and c.issuer.dump() == sid.chosen["issuer"].dump()]
    else:
        found = [c for c in certs if c.key_identifier == sid.chosen.native]
    if len(found) != 1:
        raise ValueError("the signer's certificate is not carried exactly once")
    return found[0]
