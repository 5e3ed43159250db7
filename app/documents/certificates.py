"""The institution's sealing identity: key, certificate and chain.

A self-signed identity is generated on first run for demonstrations; production loads the
hospital's PKCS#12. Objects are kept in the asn1crypto form pyHanko signs with; ``cert_pem`` and
``fingerprint_sha256`` are what the archive stores and compares (past certificates are kept so
old records still verify).

Nothing here logs; error messages never echo key or certificate bytes.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.domain.errors import InvalidInput

__all__ = [
    "SealIdentity",
    "cert_fingerprint",
    "create_self_signed",
    "load_identity_from_pem",
    "load_identity_from_pkcs12",
    "load_certificates",
]

_PEM_MARKER = b"-----BEGIN"


@dataclass(frozen=True, eq=False)
class SealIdentity:
    """Key material of the institution seal, ready for pyHanko.

    ``private_key`` is an ``asn1crypto.keys.PrivateKeyInfo`` and ``certificate`` / ``chain`` are
    ``asn1crypto.x509.Certificate`` objects (what ``pyhanko.sign.signers.SimpleSigner`` takes).
    ``chain`` holds the other certificates (intermediates, root) without the signer's own.
    """

    private_key: asn1_keys.PrivateKeyInfo = field(repr=False)
    certificate: asn1_x509.Certificate = field(repr=False)
    chain: tuple[asn1_x509.Certificate, ...] = field(repr=False)
    fingerprint_sha256: str
    cert_pem: bytes = field(repr=False)

    @property
    def subject(self) -> str:
        """Human readable subject of the signer certificate (institution name, no patient data)."""
        return self.certificate.subject.human_friendly

    @property
    def organisation(self) -> str | None:
        return self.certificate.subject.native.get("organization_name")


def _unreadable(message: str) -> InvalidInput:
    return InvalidInput(code="certificate_unreadable", message=message)


def create_self_signed(
    common_name: str, organisation: str, valid_days: int = 3650, now: _dt.datetime | None = None
) -> tuple[bytes, bytes]:
    """Make a self-signed ECDSA P-256 seal certificate.

    Returns ``(private_key_pem, cert_pem)``; the key is PKCS#8 PEM without encryption (the caller
    decides where and how it is stored). Key usage: digitalSignature + nonRepudiation; SHA-256.
    """
    if not common_name or not organisation:
        raise InvalidInput(code="invalid_input", message="common name and organisation are required")
    if valid_days < 1:
        raise InvalidInput(code="invalid_input", message="valid_days must be at least 1")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ]
    )
    now = now or _dt.datetime.now(_dt.timezone.utc)  # the caller's clock, so tests can fix the time
    public_key = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        # a little slack for desks whose clocks run slightly behind
        .not_valid_before(now - _dt.timedelta(minutes=10))
        .not_valid_after(now + _dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # a.k.a. nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in ``data`` (one DER certificate, or PEM holding one or more)."""
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise _unreadable("certificate data is empty")
    try:
        if _PEM_MARKER in data:
            return list(x509.load_pem_x509_certificates(bytes(data)))
        return [x509.load_der_x509_certificate(bytes(data))]
    except (ValueError, TypeError):
        raise _unreadable("the certificate could not be read (not a PEM or DER X.509 certificate)") from None


def cert_fingerprint(cert_pem_or_der: bytes) -> str:
    """SHA-256 of the certificate's DER encoding, lower-case hex (first certificate of a PEM)."""
    cert = load_certificates(cert_pem_or_der)[0]
    return _fingerprint(cert)


def _fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def _same_public_key(private_key, cert: x509.Certificate) -> bool:
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private_key.public_key().public_bytes(*fmt) == cert.public_key().public_bytes(*fmt)


def _build_identity(private_key, certs: list[x509.Certificate]) -> SealIdentity:
    leaf = next((c for c in certs if _same_public_key(private_key, c)), None)
    if leaf is None:
        raise InvalidInput(
            code="certificate_key_mismatch",
            message="the private key does not belong to the certificate",
        )
    others = [c for c in certs if c is not leaf]
    key_der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SealIdentity(
        private_key=asn1_keys.PrivateKeyInfo.load(key_der),
        certificate=asn1_x509.Certificate.load(leaf.public_bytes(serialization.Encoding.DER)),
        chain=tuple(
            asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in others
        ),
        fingerprint_sha256=_fingerprint(leaf),
        cert_pem=leaf.public_bytes(serialization.Encoding.PEM),
    )


def load_identity_from_pem(key_pem: bytes, cert_pem: bytes) -> SealIdentity:
    """Identity from an unencrypted PEM private key and a PEM certificate (optionally + chain)."""
    try:
        private_key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError):
        raise _unreadable(
            "the private key could not be read (not an unencrypted PEM private key)"
        ) from None
    except Exception:  # cryptography raises UnsupportedAlgorithm for exotic keys
        raise _unreadable("the private key uses an unsupported algorithm") from None
    return _build_identity(private_key, load_certificates(cert_pem))


def load_identity_from_pkcs12(data: bytes, password: bytes | None) -> SealIdentity:
    """Identity from a PKCS#12 (.p12/.pfx) file; a wrong password or corrupt file raises
    ``InvalidInput(code="certificate_unreadable")``."""
    if not data:
        raise _unreadable("the PKCS#12 file is empty")
    try:
        private_key, cert, extra = pkcs12.load_key_and_certificates(data, password or None)
    except (ValueError, TypeError):
        if password:
            # retry an empty-string password only when none was given; a given wrong one stays wrong
            raise _unreadable(
                "the PKCS#12 file could not be opened: wrong password or damaged file"
            ) from None
        try:
            private_key, cert, extra = pkcs12.load_key_and_certificates(data, b"")
        except (ValueError, TypeError):
            raise _unreadable(
                "the PKCS#12 file could not be opened: a password is needed or the file is damaged"
            ) from None
    except Exception:
        raise _unreadable("the PKCS#12 file uses an unsupported format or algorithm") from None
    if private_key is None or cert is None:
        raise _unreadable("the PKCS#12 file does not hold both a private key and its certificate")
    return _build_identity(private_key, [cert, *(extra or [])])
