"""The institution's seal: which key signs, and what verification trusts.

**The interface** (the audit checkpoints of issue 13 sign with the same key):

* ``keeper.signer(demo=False) -> SealSigner``: ``.signer`` is a pyHanko ``Signer`` (a PKCS#11
  token or a PKCS#12 behind it; the demonstration key with ``demo=True``), ``.certificate`` and
  ``.chain`` the certificates to send along, ``.fingerprint_sha256``, ``.source`` and ``.demo``.
  The institution's signer is refused (``InvalidState``) unless its certificate chains to the trust
  file, is fit for signing, valid now, and is the certificate an administrator registered.
* ``keeper.trust() -> TrustAnchors``: the trust file's anchors (never the database's certificates).
* ``keeper.unlock(secret)``: the token's PIN or the PKCS#12's passphrase for this process only,
  asked at sign-in of the sealing station while ``keeper.is_locked()``; ``keeper.try_secret(secret)``
  opens the key with it first (a wrong one leaves the seal as it was). ``CONSENT_DESK_SEAL_PIN`` (a
  service account) does the same. ``keeper.remember(secret)`` keeps it in the OS key store of the computer's signed-in account
  (``key_store``; entry ``seal:pkcs11:TOKEN/KEY`` or ``seal:pkcs12``), where a desk started later
  finds it. It is never written to the data folder, the database or a log.

**Where the institution's key is**, in this order: a PKCS#11 token (settings ``pkcs11_module``,
``pkcs11_token``, ``pkcs11_key``: a smart card, a USB token, a network HSM), else
``<data>/seal/institution.p12`` (always passphrase-protected). Without either, the desk seals
demonstration consents only.

**The demonstration seal** is made in memory for each process (``create_demo_identity``): its key is
never written anywhere, its certificate says "DEMONSTRATION", and verification trusts it only when
asked (``verify --demo``). Demonstration consents are always sealed with it, never with the
institution's key.

The certificates table is a cache of the certificates used (and the registered current one), never
a source of trust.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable

from app.domain.errors import InvalidInput, InvalidState
from app.storage import repositories as repo
from app.storage.database import Database

from .. import key_store

log = logging.getLogger(__name__)
SEAL_DIR = "seal"
P12_NAME = "institution.p12"
PIN_ENV = "CONSENT_DESK_SEAL_PIN"
P12_PASSWORD_ENV = "CONSENT_DESK_SEAL_PASSWORD"  # kept for existing installations: same as PIN_ENV


class SealKeeper:
    def __init__(self, data_dir: Path, db: Database, clock: Any, *, trust_file: str | os.PathLike | None = None,
                 settings: Callable[[], Any] | None = None) -> None:
        self._data_dir = Path(data_dir)
        self._dir = self._data_dir / SEAL_DIR
        self._db = db
        self._clock = clock
        self._trust_file = trust_file
        self._settings = settings
        self._secret: str | None = None
        self._demo = None
        self._institution = None
        self._tsa_checks: dict[str, tuple[bool, float]] = {}

    # ------------------------------------------------------------------ trust
    def trust_path(self) -> Path | None:
        """The trust file in force (``InvalidInput`` when the one named is unusable)."""
        from app.documents.trust import find_trust_file

        return find_trust_file(self._trust_file, self._data_dir)

    def trust(self):
        """The anchors of the trust file (none: only demonstration seals can be checked)."""
        from app.documents.trust import load_trust

        return load_trust(self.trust_path())

    # ------------------------------------------------------------------ signing
    @property
    def folder(self) -> Path:
        return self._dir

    def unlock(self, secret: str | None) -> None:
        """The PIN / passphrase for this process (None forgets it); the loaded key is dropped."""
        self._secret = secret or None
        self.forget()

    def try_secret(self, secret: str):
        """Open the institution's key with ``secret`` now (the signer, checked as ``signer()`` checks it);
        the secret is kept for this process when the key opens. When it does not (a wrong PIN, a token
        pulled out), the error goes up and the secret held before is kept: a wrong PIN never locks a
        desk that was sealing."""
        before = self._secret
        self.unlock(secret)
        try:
            return self.signer()
        except Exception:
            self.unlock(before)
            raise

    def forget(self) -> None:
        """Drop the loaded institution signer (after an import, a settings change, a lock)."""
        if self._institution is not None and self._institution.source == "pkcs11":
            try:
                self._institution.signer.pkcs11_session.close()
            except Exception:  # already closed, token removed
                pass
        self._institution = None

    def signer(self, *, demo: bool = False, institution_name: str = "Consent Desk"):
        if demo:
            if self._demo is None:
                from app.documents.certificates import create_demo_identity, signer_from_identity

                self._demo = signer_from_identity(create_demo_identity(institution_name, now=self._clock.now()),
                                                  "demo", demo=True)
            return self._demo
        if self._institution is not None:
            ends = self._institution.certificate["tbs_certificate"]["validity"]["not_after"].native
            if ends <= self._clock.now():  # a desk left running past its certificate's end
                self.forget()
        if self._institution is None:
            found = self._open_institution()
            self._check_trusted(found)
            self._check_registered(found)
            self._institution = found
        return self._institution

    TSA_GOOD_FOR = 3600.0  # a TSA that answered with a trusted timestamp: asked again after an hour
    TSA_BAD_FOR = 60.0  # one that did not (down, or not trusted): sealing goes on at B-B for a minute

    def timestamp_server_usable(self, url: str) -> bool:
        """Whether ``url`` answers with timestamps that chain to the trust file (checked with one
        request, remembered for a while): a TSA outside the trust file would make every record
        invalid, and one that is down would make every seal wait for it."""
        import time

        from app.documents.tsa import probe_timestamp_server

        now = time.monotonic()
        known = self._tsa_checks.get(url)
        if known is not None and now - known[1] < (self.TSA_GOOD_FOR if known[0] else self.TSA_BAD_FOR):
            return known[0]
        try:
            probe_timestamp_server(url, self.trust())
            ok = True
        except InvalidInput as exc:
            log.warning("timestamp server not used for now: %s", exc.code)
            ok = False
        self._tsa_checks[url] = (ok, now)
        return ok

    def has_institution_seal(self) -> bool:
        return bool(self.kind())

    def kind(self) -> str:
        """Where the institution's key is: "pkcs11" (a token), "pkcs12" (a file), "" (none: demo only)."""
        if self._pkcs11_settings() is not None:
            return "pkcs11"
        return "pkcs12" if (self._dir / P12_NAME).exists() else ""

    def is_locked(self) -> bool:
        """An institution seal is set up and nothing can open it now: no PIN or passphrase was given in
        this process, none is in the environment, none in the OS key store. (A secret that is there but
        wrong is found out at sealing: trying it here would spend one of the token's PIN attempts.)"""
        if not self.has_institution_seal() or self._institution is not None:
            return False
        return not self._secret_now()

    def describe(self) -> dict[str, str]:
        """Where the key is and what is trusted, for the settings screen (no secrets)."""
        pkcs11 = self._pkcs11_settings()
        try:
            path = self.trust_path()
            trust = str(path) if path else ""
        except InvalidInput as exc:
            trust = f"({exc.code})"
        if pkcs11:
            key = f"PKCS#11 {pkcs11[1]} / {pkcs11[2]}"
        elif (self._dir / P12_NAME).exists():
            key = f"PKCS#12 {self._dir / P12_NAME}"
        else:
            key = ""
        return {"trust_file": trust, "key": key}

    # ------------------------------------------------------------------ the institution's key
    def _secret_now(self) -> str | None:
        return (self._secret or os.environ.get(PIN_ENV) or os.environ.get(P12_PASSWORD_ENV)
                or key_store.read_secret(self.key_store_entry()) or None)

    def key_store_entry(self) -> str:
        """Where the OS key store keeps this station's seal secret: one entry per token and key."""
        pkcs11 = self._pkcs11_settings()
        return f"seal:pkcs11:{pkcs11[1]}/{pkcs11[2]}" if pkcs11 else "seal:pkcs12"

    def remember(self, secret: str) -> bool:
        """Keep the secret in the OS key store (True when kept; False: this computer has none)."""
        return key_store.store_secret(self.key_store_entry(), secret)

    def forget_remembered(self) -> None:
        key_store.forget_secret(self.key_store_entry())
        self.unlock(None)

    def _pkcs11_settings(self) -> tuple[str, str, str] | None:
        if self._settings is None:
            return None
        s = self._settings()
        module = getattr(s, "pkcs11_module", "") or ""
        if not module:
            return None
        return module, getattr(s, "pkcs11_token", "") or "", getattr(s, "pkcs11_key", "") or ""

    def _open_institution(self):
        from app.documents.certificates import load_identity_from_pkcs12, open_pkcs11_signer, signer_from_identity

        pkcs11 = self._pkcs11_settings()
        if pkcs11 is not None:
            secret = self._secret_now()
            if not secret:
                raise InvalidState("seal_locked", "the seal token's PIN has not been given: at the sealing "
                                                 "station's sign-in, by an administrator, or in the key store")
            return open_pkcs11_signer(*pkcs11, secret, chain=tuple(self.trust().certificates))
        p12 = self._dir / P12_NAME
        if p12.exists():
            secret = self._secret_now()
            if not secret:
                raise InvalidState("seal_locked", "the seal's passphrase has not been given: at the sealing "
                                                 "station's sign-in, by an administrator, or in the key store")
            return signer_from_identity(load_identity_from_pkcs12(p12.read_bytes(), secret.encode("utf-8")),
                                        "pkcs12")
        raise InvalidState("institution_seal_missing",
                           "no institution seal is set up: only demonstration consents can be sealed "
                           "(an administrator sets up the hospital's token or PKCS#12)")

    def _check_trusted(self, found) -> None:
        problem = chain_problem(found.certificate, found.chain, self.trust(), self._clock.now())
        if problem:
            raise InvalidState("seal_not_trusted", f"the institution's seal certificate {problem}; the desk "
                                                   "does not seal with it")

    def _check_registered(self, found) -> None:
        with self._db.transaction(read_only=True) as s:
            current = repo.certificates.current(s)
        if current is None or current.fingerprint_sha256 != found.fingerprint_sha256:
            with self._db.transaction() as s:
                from app.storage.audit import AuditLog

                AuditLog(clock=self._clock.now).append(
                    s, "system", "seal.refused", subject=f"cert:{found.fingerprint_sha256[:32]}",
                    details={"why": "not the registered seal certificate", "source": found.source})
            raise InvalidState("seal_not_registered",
                               "the key found is not the registered seal; an administrator imports or "
                               "registers it (an audited act) before it seals")

    def register(self, found) -> None:
        """Make ``found`` the current seal certificate (the caller checks the role and audits)."""
        from cryptography import x509

        cert = x509.load_pem_x509_certificate(found.cert_pem)
        with self._db.transaction() as s:
            repo.certificates.add(
                s, fingerprint_sha256=found.fingerprint_sha256, cert_pem=found.cert_pem.decode("ascii"),
                subject=cert.subject.rfc4514_string()[:200], not_before=cert.not_valid_before_utc,
                not_after=cert.not_valid_after_utc, make_current=True, at=self._clock.now())
        self.forget()


def chain_problem(certificate, chain, trust, moment) -> str | None:
    """None when ``certificate`` chains to ``trust`` at ``moment`` with key usage fit for sealing,
    else what is wrong (a phrase)."""
    from app.documents.run_async import run_coroutine
    from app.documents.seal_validation import _key_usage
    from app.documents.trust import is_demo_certificate

    if is_demo_certificate(certificate):
        return "is the demonstration certificate"
    if not trust:
        return "cannot be checked: no trust file is installed"

    async def check():
        from pyhanko.sign.validation.generic_cms import validate_cert_usage
        from pyhanko_certvalidator import ValidationContext

        vc = ValidationContext(trust_roots=list(trust.certificates), other_certs=list(chain), moment=moment,
                               allow_fetching=False, revocation_mode="soft-fail")
        result = await validate_cert_usage(certificate, vc, key_usage_settings=_key_usage(),
                                           paths=vc.path_builder.async_build_paths_lazy(certificate))
        return result.error_subindic

    try:
        error = run_coroutine(check())
    except Exception as exc:
        return f"could not be checked ({type(exc).__name__})"
    if error is None:
        return None
    return f"does not chain to the trust file {trust.source} or is not valid now ({error.name.lower()})"
