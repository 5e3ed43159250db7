"""Institution settings an administrator manages: names, logo, the signing certificate (PKCS#12
import and rotation, expiry warnings) and the timestamp server.

Rotation: the imported PKCS#12 becomes ``<data>/seal/institution.p12`` (0600, with its password
file) and the current certificate; every earlier certificate stays in the certificates table, which
is the trust list of verification, so records sealed with it still verify. With a timestamp server
URL, seals are PAdES B-T (``Sealer`` passes it to ``seal_pdf``). Every change is audited (the
setting's key or the certificate's fingerprint, never a password).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from app.domain.clock import utc_iso
from app.domain.errors import InvalidInput
from app.domain.roles import Actor, require
from app.domain.text import clean_text
from app.storage import repositories as repo

from .files import write_atomically

EXPIRY_WARNING_DAYS = 60
MAX_P12_BYTES = 256 * 1024
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_DIR = "branding"
_LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


@dataclass(frozen=True)
class CertificateInfo:
    fingerprint_sha256: str
    subject: str
    not_before: str
    not_after: str
    is_current: bool
    days_left: int


@dataclass(frozen=True)
class ExpiryWarning:
    fingerprint_sha256: str
    not_after: str
    days_left: int
    expired: bool


def _write_private(path: Path, data: bytes) -> None:
    """Atomically, mode 0600, in a private folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, data)


class InstitutionAdmin:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ certificates
    def certificates(self, actor: Actor) -> list[CertificateInfo]:
        require(actor, "certificates.manage")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction(read_only=True) as s:
            return [CertificateInfo(c.fingerprint_sha256, c.subject, utc_iso(c.not_before), utc_iso(c.not_after),
                                    bool(c.is_current), (c.not_after - now).days)
                    for c in repo.certificates.all_certificates(s)]

    def expiry_warnings(self, actor: Actor, days: int = EXPIRY_WARNING_DAYS) -> list[ExpiryWarning]:
        """The current signing certificate when it expires within ``days`` (or has expired)."""
        require(actor, "certificates.manage")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction(read_only=True) as s:
            cert = repo.certificates.current(s)
            if cert is None or cert.not_after - now > dt.timedelta(days=days):
                return []
            return [ExpiryWarning(cert.fingerprint_sha256, utc_iso(cert.not_after), (cert.not_after - now).days,
                                  cert.not_after <= now)]

    def import_pkcs12(self, actor: Actor, data: bytes, password: str | bytes | None) -> CertificateInfo:
        """Make the hospital's PKCS#12 the signing certificate; earlier ones stay trusted."""
        from cryptography import x509

        from app.documents.certificates import load_identity_from_pkcs12

        require(actor, "certificates.manage")
        if not data or len(data) > MAX_P12_BYTES:
            raise InvalidInput("certificate_unreadable", "the PKCS#12 file is empty or too large")
        pw = password.encode("utf-8") if isinstance(password, str) else password
        identity = load_identity_from_pkcs12(bytes(data), pw or None)  # refuses a wrong password or bad file
        cert = x509.load_pem_x509_certificate(identity.cert_pem)
        now = self.ctx.clock.now()
        if cert.not_valid_after_utc <= now or cert.not_valid_before_utc > now:
            raise InvalidInput("certificate_not_valid_now", "the certificate is expired or not yet valid")
        folder = self.ctx.seal.folder
        _write_private(folder / "institution.p12", bytes(data))
        _write_private(folder / "institution.p12.password", pw or b"")
        self.ctx.seal.forget()
        loaded = self.ctx.seal.identity()
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "certificate.imported", subject=f"cert:{loaded.fingerprint_sha256[:32]}",
                                  details={"not_after": utc_iso(cert.not_valid_after_utc)}, at=now)
        return next(c for c in self.certificates(actor) if c.fingerprint_sha256 == loaded.fingerprint_sha256)

    # ------------------------------------------------------------------ settings
    def set_names(self, actor: Actor, *, name_ar: str, name_en: str = "") -> None:
        require(actor, "settings.manage")
        with self.ctx.db.transaction() as s:
            self.ctx.set_setting(s, "institution_name_ar", name_ar, actor.username)
            self.ctx.set_setting(s, "institution_name_en", name_en, actor.username)

    def set_timestamp_url(self, actor: Actor, url: str) -> None:
        """An RFC 3161 server (http or https); empty turns timestamps off (seals stay PAdES B-B)."""
        require(actor, "settings.manage")
        url = clean_text(url, "timestamp_url", max_len=300, required=False)
        if url:
            parsed = urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise InvalidInput("setting_invalid", "timestamp_url: an http:// or https:// address")
        with self.ctx.db.transaction() as s:
            self.ctx.set_setting(s, "timestamp_url", url, actor.username)

    def set_logo(self, actor: Actor, data: bytes) -> Path:
        """The institution's logo (PNG or JPEG, at most 2 MB), kept in the data folder."""
        require(actor, "settings.manage")
        if not data or len(data) > MAX_LOGO_BYTES:
            raise InvalidInput("logo_invalid", "logo: a PNG or JPEG file of at most 2 MB")
        suffix = next((ext for magic, ext in _LOGO_TYPES.items() if data.startswith(magic)), None)
        if suffix is None:
            raise InvalidInput("logo_invalid", "logo: a PNG or JPEG file of at most 2 MB")
        folder = self.ctx.data_dir / LOGO_DIR
        for old in folder.glob("logo.*") if folder.exists() else ():
            old.unlink()
        path = folder / f"logo{suffix}"
        _write_private(path, bytes(data))
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "settings.changed", subject="logo",
                                  details={"bytes": len(data)}, at=self.ctx.clock.now())
        return path

    def logo_path(self) -> Path | None:
        folder = self.ctx.data_dir / LOGO_DIR
        found = sorted(folder.glob("logo.*")) if folder.exists() else []
        return found[0] if found else None
