"""The institution's seal: which key signs, and which certificates verify.

On first run a self-signed ECDSA P-256 certificate is made in ``<data>/seal/`` (files 0600) for
demonstrations; a hospital's PKCS#12 placed at ``<data>/seal/institution.p12`` (password in
``institution.p12.password`` or the CONSENT_DESK_SEAL_PASSWORD environment variable) is used instead
when present. Every certificate ever used is kept in the database so old records still verify.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidInput, StorageFailure
from app.storage import repositories as repo
from app.storage.database import Database

from ..files import write_atomically

log = logging.getLogger(__name__)
SEAL_DIR = "seal"
P12_NAME = "institution.p12"
P12_PASSWORD_ENV = "CONSENT_DESK_SEAL_PASSWORD"


def _write_private(path: Path, data: bytes) -> None:
    """Mode 0600 and atomic: never a half-written key or certificate under its real name."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise StorageFailure("seal_files_unwritable",
                             f"the seal certificate could not be written in the data folder ({exc.strerror})") from None


class SealKeeper:
    def __init__(self, data_dir: Path, db: Database, clock: Any) -> None:
        self._dir = Path(data_dir) / SEAL_DIR
        self._db = db
        self._clock = clock
        self._identity = None

    def identity(self, institution_name: str = "Consent Desk (demonstration seal)"):
        """The signing identity, loaded once (created on first use when none exists)."""
        if self._identity is None:
            self._identity = self._load_or_create(institution_name)
            self._register(self._identity)
        return self._identity

    def signer(self, institution_name: str = "Consent Desk (demonstration seal)"):
        """The seal as a pyHanko ``Signer`` with its certificate and chain (``.signer``, ``.certificate``,
        ``.chain``, ``.fingerprint_sha256``), for signing other things than PDFs: the audit checkpoints."""
        from types import SimpleNamespace

        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        identity = self.identity(institution_name)
        signer = SimpleSigner(signing_cert=identity.certificate, signing_key=identity.private_key,
                              cert_registry=SimpleCertificateStore.from_certs(list(identity.chain)))
        return SimpleNamespace(signer=signer, certificate=identity.certificate, chain=identity.chain,
                               fingerprint_sha256=identity.fingerprint_sha256)

    def forget(self) -> None:
        """Drop the loaded identity so the next ``identity()`` reads the seal files again (after a
        certificate import); the certificates table keeps every earlier certificate."""
        self._identity = None

    @property
    def folder(self) -> Path:
        return self._dir

    def trusted_certificates(self) -> list[bytes]:
        with self._db.transaction(read_only=True) as s:
            return [pem.encode("ascii") for pem in repo.certificates.all_pem(s)]

    def _load_or_create(self, institution_name: str):
        from app.documents.certificates import (
            create_self_signed, load_identity_from_pem, load_identity_from_pkcs12,
        )

        p12 = self._dir / P12_NAME
        if p12.exists():
            password = os.environ.get(P12_PASSWORD_ENV)
            pw_file = self._dir / (P12_NAME + ".password")
            if password is None and pw_file.exists():
                password = pw_file.read_text(encoding="utf-8").strip()
            return load_identity_from_pkcs12(p12.read_bytes(), password.encode() if password else None)
        key_path, cert_path = self._dir / "seal-key.pem", self._dir / "seal-cert.pem"
        if cert_path.exists() and not key_path.exists() and not self._known(cert_path):
            # The first run was interrupted between the two files (the certificate is renamed into
            # place first); that certificate never sealed anything: make a new pair.
            cert_path.unlink()
        if not key_path.exists() or not cert_path.exists():
            if key_path.exists() != cert_path.exists():
                raise InvalidInput("certificate_incomplete",
                                   "the seal key or certificate file is missing from the data folder")
            if self._has_certificates():
                # Never replace a seal that has signed records by a new demonstration one silently.
                raise InvalidInput("certificate_missing",
                                   "the seal key and certificate are missing from the data folder; restore them "
                                   "from their backup or import the institution's certificate")
            try:
                self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageFailure("seal_files_unwritable",
                                     f"the seal folder could not be created ({exc.strerror})") from None
            key_pem, cert_pem = create_self_signed(institution_name[:64] or "Consent Desk", "Consent Desk",
                                                  now=self._clock.now())
            _write_private(cert_path, cert_pem)
            _write_private(key_path, key_pem)
            log.info("created a self-signed demonstration seal certificate")
        return load_identity_from_pem(key_path.read_bytes(), cert_path.read_bytes())

    def _has_certificates(self) -> bool:
        with self._db.transaction(read_only=True) as s:
            return bool(repo.certificates.all_pem(s))

    def _known(self, cert_path: Path) -> bool:
        from app.documents.certificates import cert_fingerprint

        try:
            fingerprint = cert_fingerprint(cert_path.read_bytes())
        except (OSError, InvalidInput):
            return True  # unreadable: leave it for the operator (certificate_incomplete)
        with self._db.transaction(read_only=True) as s:
            return repo.certificates.get_by_fingerprint(s, fingerprint) is not None

    def _register(self, identity) -> None:
        from cryptography import x509

        cert = x509.load_pem_x509_certificate(identity.cert_pem)
        with self._db.transaction() as s:
            known = repo.certificates.get_by_fingerprint(s, identity.fingerprint_sha256)
            if known is None:
                repo.certificates.add(
                    s, fingerprint_sha256=identity.fingerprint_sha256, cert_pem=identity.cert_pem.decode("ascii"),
                    subject=cert.subject.rfc4514_string()[:200],
                    not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                    make_current=True, at=self._clock.now())
            elif not known.is_current:
                repo.certificates.set_current(s, identity.fingerprint_sha256)
