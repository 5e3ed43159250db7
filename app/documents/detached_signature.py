"""Detached CMS signatures over small documents (the audit log's checkpoints), made with the same
institution seal as the records, through any pyHanko ``Signer`` (a key in memory, a PKCS#12, a
PKCS#11 token), optionally with an RFC 3161 signature timestamp.

``verify_detached`` checks the signature is intact, made by one of the trusted certificates
(pinned by SHA-256 fingerprint and path-validated with those certificates as the only roots, no
network) at the time the signature claims, or at the timestamp's time when it carries one.
Nothing here logs.
"""
from __future__ import annotations

import asyncio
import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509


@dataclass(frozen=True)
class SignatureCheck:
    """``reason``: ok | signature_unreadable | signature_broken | untrusted_signer."""

    valid: bool
    reason: str
    signer_fingerprint: str | None = None
    signed_at: datetime | None = None
    timestamped_at: datetime | None = None


def _run(coro):
    """Run a coroutine from sync code, also when the calling thread already runs an event loop."""
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

    thread = threading.Thread(target=target, name="detached-signature")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def sign_detached(data: bytes, signer: Any, timestamper: Any = None) -> bytes:
    """The DER of a detached CMS SignedData over ``data`` (SHA-256), signed by the pyHanko ``signer``;
    with ``timestamper`` (a pyHanko ``TimeStamper``) it carries a signature timestamp token."""
    content = _run(signer.async_sign_general_data(bytes(data), "sha256", detached=True, timestamper=timestamper))
    return content.dump()


def _trusted(trusted_pem: list[bytes]) -> dict[str, asn1_x509.Certificate]:
    from cryptography.hazmat.primitives import serialization

    from app.documents.certificates import load_certificates

    out: dict[str, asn1_x509.Certificate] = {}
    for blob in trusted_pem or ():
        for cert in load_certificates(blob):
            der = cert.public_bytes(serialization.Encoding.DER)
            out[hashlib.sha256(der).hexdigest()] = asn1_x509.Certificate.load(der)
    return out


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


def verify_detached(data: bytes, signature_der: bytes, trusted_pem: list[bytes]) -> SignatureCheck:
    from pyhanko.sign.validation import KeyUsageConstraints
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        signed = _signed_data(signature_der)
        claimed = _claimed_time(signed)
    except Exception:
        return SignatureCheck(False, "signature_unreadable")
    trusted = _trusted(trusted_pem)
    vc = ValidationContext(trust_roots=list(trusted.values()), allow_fetching=False, revocation_mode="soft-fail",
                           moment=claimed)
    # The timestamp authority's trust is the trust file's question (issue 12); here its token is only read.
    ts_vc = ValidationContext(trust_roots=list(trusted.values()), allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = _run(async_validate_detached_cms(
            bytes(data), signed, signer_validation_context=vc, ts_validation_context=ts_vc,
            key_usage_settings=KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                                   match_all_key_usages=False)))
    except Exception:
        return SignatureCheck(False, "signature_unreadable", signed_at=claimed)
    fingerprint = hashlib.sha256(status.signing_cert.dump()).hexdigest() if status.signing_cert else None
    stamped = None
    token = getattr(status, "timestamp_validity", None)
    if token is not None and token.intact and token.valid:
        stamped = token.timestamp
    if not (status.intact and status.valid):
        return SignatureCheck(False, "signature_broken", fingerprint, claimed, stamped)
    if fingerprint not in trusted or not status.trusted:
        return SignatureCheck(False, "untrusted_signer", fingerprint, claimed, stamped)
    return SignatureCheck(True, "ok", fingerprint, claimed, stamped)
