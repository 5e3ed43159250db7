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
    "SealSigner",
    "create_demo_identity",
    "signer_from_identity",
    "open_pkcs11_signer",
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
    common_name: str, organisation: str, valid_days: int = 3650, now: _dt.datetime | None = None,
    unit: str | None = None,
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
            *([x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit)] if unit else []),
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


def create_demo_identity(institution: str, now: _dt.datetime | None = None) -> SealIdentity:
    """The demonstration seal: a self-signed certificate marked ``DEMO_MARK``, its key made in memory
    for this process and never written anywhere (a demonstration proves nothing, so nothing is lost
    when it is gone). ``verify`` trusts it only with ``--demo``."""
    from app.documents.trust import DEMO_MARK

    key_pem, cert_pem = create_self_signed(f"{institution[:40] or 'Consent Desk'} (demonstration)",
                                           "Consent Desk demonstration", valid_days=3650, now=now, unit=DEMO_MARK)
    return load_identity_from_pem(key_pem, cert_pem)


@dataclass(frozen=True, eq=False)
class SealSigner:
    """What seals: a pyHanko ``Signer`` (a key in memory, a PKCS#12 or a PKCS#11 token behind it)
    with its certificate and the certificates sent along with it.

    ``source`` is ``"demo"``, ``"pkcs12"`` or ``"pkcs11"``; ``demo`` is true only for the
    demonstration seal.
    """

    signer: object = field(repr=False)
    certificate: asn1_x509.Certificate = field(repr=False)
    chain: tuple[asn1_x509.Certificate, ...] = field(repr=False)
    fingerprint_sha256: str
    source: str
    demo: bool = False

    @property
    def subject(self) -> str:
        return self.certificate.subject.human_friendly

    @property
    def organisation(self) -> str | None:
        return self.certificate.subject.native.get("organization_name")

    @property
    def cert_pem(self) -> bytes:
        from asn1crypto import pem

        return pem.armor("CERTIFICATE", self.certificate.dump())


def signer_from_identity(identity: SealIdentity, source: str, *, demo: bool = False) -> SealSigner:
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    # The root is never carried (the verifier has it in its trust file): every certificate in a seal
    # must lie on the validated path, or verification refuses it as an alterable stray copy.
    signer = SimpleSigner(signing_cert=identity.certificate, signing_key=identity.private_key,
                          cert_registry=SimpleCertificateStore.from_certs(list(identity.chain)), embed_roots=False)
    return SealSigner(signer, identity.certificate, identity.chain, identity.fingerprint_sha256, source, demo)


def open_pkcs11_signer(module: str, token_label: str, key_label: str, pin: str | None,
                       chain: tuple[asn1_x509.Certificate, ...] = ()) -> SealSigner:
    """A signer whose key never leaves the token: ``module`` is the PKCS#11 library (a smart card's,
    an HSM's, SoftHSM2's), the certificate is the token's object labelled like the key. Errors are
    ``InvalidInput`` with ``pkcs11_unavailable`` (no module or token), ``pkcs11_pin`` (wrong or
    missing PIN) or ``pkcs11_key_missing``; the PIN never appears in a message."""
    import hashlib as _hashlib

    try:
        import pkcs11
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
    except ImportError:
        raise InvalidInput("pkcs11_unavailable", "PKCS#11 support (python-pkcs11) is not installed") from None
    if not module or not token_label or not key_label:
        raise InvalidInput("pkcs11_unavailable", "the PKCS#11 module, token and key must all be set")
    try:
        session = open_pkcs11_session(module, token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    except (pkcs11.PinIncorrect, pkcs11.PinLenRange, pkcs11.UserNotLoggedIn, pkcs11.PinInvalid):
        raise InvalidInput("pkcs11_pin", "the token refused the PIN") from None
    except Exception as exc:  # no module file, no such token, a driver error
        raise InvalidInput("pkcs11_unavailable",
                           f"the PKCS#11 token '{token_label}' cannot be opened ({type(exc).__name__})") from None
    # raw mechanism: the digest is computed here and only the private-key operation runs on the
    # token, which every token supports (SoftHSM2 and many cards lack the combined ECDSA-SHA256)
    signer = PKCS11Signer(session, key_label=key_label, cert_label=key_label, ca_chain=list(chain),
                          use_raw_mechanism=True, embed_roots=False)
    try:
        cert = signer.signing_cert
    except Exception:
        session.close()
        raise InvalidInput("pkcs11_key_missing",
                           f"the token has no key and certificate labelled '{key_label}'") from None
    fingerprint = _hashlib.sha256(cert.dump()).hexdigest()
    return SealSigner(signer, cert, tuple(chain), fingerprint, "pkcs11")
