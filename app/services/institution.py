"""Institution settings an administrator manages: names, logo, the seal's key (a PKCS#11 token, or
a PKCS#12 import and rotation, expiry warnings) and the timestamp server.

The seal certificate must chain to the trust file (installed by IT outside the data folder) and be
fit for signing; anything else is refused with ``seal_not_trusted``. An imported PKCS#12 becomes
``<data>/seal/institution.p12`` (0600); it must have a passphrase, which is never written: the
keeper holds it for this process, and the sealing station gives it again at sign-in (or through
``CONSENT_DESK_SEAL_PIN``). Configuring a token stores its module, token and key labels (never the
PIN). Either way the certificate becomes the registered current one, an audited act; the
certificates table stays a cache of what was used, never a source of trust. With a timestamp server
URL, seals are PAdES B-T. Every change is audited (the setting's key or the certificate's
fingerprint, never a PIN or password).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from app.domain.clock import utc_iso
from app.domain.errors import ConsentError, InvalidInput
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


@dataclass(frozen=True)
class SealUnlocked:
    subject: str  # the seal certificate's subject
    remembered: bool  # kept in this computer's OS key store (False: asked for, or no key store here)


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
        """Make the hospital's PKCS#12 the seal; earlier certificates stay in the cache."""
        from app.documents.certificates import load_identity_from_pkcs12, signer_from_identity

        require(actor, "certificates.manage")
        if not data or len(data) > MAX_P12_BYTES:
            raise InvalidInput("certificate_unreadable", "the PKCS#12 file is empty or too large")
        pw = password.encode("utf-8") if isinstance(password, str) else password
        if not pw:
            raise InvalidInput("pkcs12_needs_passphrase",
                               "the PKCS#12 file must be protected by a passphrase; the program never keeps "
                               "a private key in clear")
        identity = load_identity_from_pkcs12(bytes(data), pw)  # refuses a wrong password or bad file
        found = signer_from_identity(identity, "pkcs12")
        self._check_seal(found)
        _write_private(self.ctx.seal.folder / "institution.p12", bytes(data))
        stale = self.ctx.seal.folder / "institution.p12.password"
        if stale.exists():  # an earlier version kept the password beside the key: no more
            stale.unlink()
        self.ctx.seal.unlock(pw.decode("utf-8"))
        return self._register(actor, found, "pkcs12")

    def configure_pkcs11(self, actor: Actor, module: str, token: str, key: str, pin: str) -> CertificateInfo:
        """Seal with the key on a PKCS#11 token (smart card, USB token, HSM): the token is opened with
        ``pin`` now to check its certificate, which becomes the registered seal."""
        from app.documents.certificates import open_pkcs11_signer

        require(actor, "certificates.manage")
        module = clean_text(module, "pkcs11_module", max_len=500)
        token = clean_text(token, "pkcs11_token", max_len=64)
        key = clean_text(key, "pkcs11_key", max_len=64)
        # A token's login belongs to the whole process: the desk's own open session (an unlocked seal)
        # would make this one fail with "already logged in". Dropped; reopened when next needed.
        self.ctx.seal.forget()
        found = open_pkcs11_signer(module, token, key, pin, chain=tuple(self.ctx.seal.trust().certificates))
        try:
            self._check_seal(found)
        finally:
            found.signer.pkcs11_session.close()
        with self.ctx.db.transaction() as s:
            self.ctx.set_setting(s, "pkcs11_module", module, actor.username)
            self.ctx.set_setting(s, "pkcs11_token", token, actor.username)
            self.ctx.set_setting(s, "pkcs11_key", key, actor.username)
        self.ctx.seal.unlock(pin)
        return self._register(actor, found, "pkcs11")

    def _check_seal(self, found) -> None:
        from .seal.keeper import chain_problem

        now = self.ctx.clock.now()
        validity = found.certificate["tbs_certificate"]["validity"]
        if validity["not_after"].native <= now or validity["not_before"].native > now:
            raise InvalidInput("certificate_not_valid_now", "the certificate is expired or not yet valid")
        problem = chain_problem(found.certificate, found.chain, self.ctx.seal.trust(), now)
        if problem:
            raise InvalidInput("seal_not_trusted", f"the seal certificate {problem}")

    def _register(self, actor: Actor, found, source: str) -> CertificateInfo:
        self.ctx.seal.register(found)
        not_after = found.certificate["tbs_certificate"]["validity"]["not_after"].native
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "certificate.imported",
                                  subject=f"cert:{found.fingerprint_sha256[:32]}",
                                  details={"not_after": utc_iso(not_after), "source": source},
                                  at=self.ctx.clock.now())
        return next(c for c in self.certificates(actor) if c.fingerprint_sha256 == found.fingerprint_sha256)

    def unlock_seal(self, actor: Actor, secret: str, *, remember: bool = False) -> SealUnlocked:
        """Give the token's PIN (or the PKCS#12's passphrase) for this session of the desk: checked
        by opening the key now. With ``remember`` it is also kept in this computer's OS key store
        (never in the data folder or the database), so the desk finds it when it starts again."""
        require(actor, "certificates.manage")
        return self._unlock(actor, secret, remember=remember, via="administration")

    def locked_seal(self) -> str:
        """What the sign-in page asks for: "pkcs11" (the token's PIN) or "pkcs12" (the file's
        passphrase) when the institution's seal is locked at this station, "" when nothing is needed
        (demonstration only, or a PIN given, in the environment or in the key store). Asked before
        anyone has signed in: it says only whether the seal is locked, nothing about the key."""
        return self.ctx.seal.kind() if self.ctx.seal.is_locked() else ""

    def unlock_seal_at_sign_in(self, actor: Actor, secret: str, *, remember: bool = False) -> SealUnlocked:
        """The PIN or passphrase given with the password at the sealing station's sign-in, for this
        session of the desk: checked by opening the key now; a wrong one raises (``pkcs11_pin``,
        ``certificate_unreadable``...) and the seal stays as it was. Whoever seals consents may give
        it, and an administrator (``seal.unlock``); keeping it in the OS key store (``remember``) stays
        an administrator's act, as on the administration page: a secret kept there serves everyone who
        uses this computer, long after this session."""
        require(actor, "seal.unlock")
        if remember:
            require(actor, "certificates.manage")
        return self._unlock(actor, secret, remember=remember, via="sign-in")

    def _unlock(self, actor: Actor, secret: str, *, remember: bool, via: str) -> SealUnlocked:
        """Open the key with ``secret`` now and audit the outcome (with the error's code when it is
        refused; never the secret)."""
        if not secret:
            raise InvalidInput("seal_secret_required", "the PIN or passphrase is empty")
        try:
            found = self.ctx.seal.try_secret(secret)
        except ConsentError as exc:
            with self.ctx.db.transaction() as s:
                self.ctx.audit.append(s, actor.username, "seal.unlock_refused",
                                      details={"code": exc.code, "via": via}, at=self.ctx.clock.now())
            raise
        remembered = bool(remember) and self.ctx.seal.remember(secret)
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "seal.unlocked", subject=f"cert:{found.fingerprint_sha256[:32]}",
                                  details={"source": found.source, "remembered": remembered, "via": via},
                                  at=self.ctx.clock.now())
        return SealUnlocked(found.subject, remembered)

    def forget_seal_secret(self, actor: Actor) -> None:
        """Remove the PIN or passphrase from this computer's key store and lock the seal: the next
        seal needs it given again."""
        require(actor, "certificates.manage")
        self.ctx.seal.forget_remembered()
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "seal.forgotten", at=self.ctx.clock.now())

    def seal_setup(self, actor: Actor) -> dict[str, str]:
        """Trust file in force and where the key is (read-only facts for the settings screen)."""
        require(actor, "certificates.manage")
        return self.ctx.seal.describe()

    def test_timestamp_server(self, actor: Actor, url: str | None = None) -> str:
        """Ask the timestamp server for a timestamp now and check it chains to the trust file;
        returns the TSA's name, raises ``InvalidInput("timestamp_unavailable")`` saying why not."""
        require(actor, "settings.manage")
        url = url or self.ctx.settings().timestamp_url
        if not url:
            raise InvalidInput("timestamp_unavailable", "no timestamp server is set")
        from app.documents.tsa import probe_timestamp_server

        name = probe_timestamp_server(url, self.ctx.seal.trust())
        with self.ctx.db.transaction() as s:
            self.ctx.audit.append(s, actor.username, "settings.tested", subject="timestamp_url",
                                  details={"ok": True}, at=self.ctx.clock.now())
        return name

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
