"""First run: the institution's names, the first administrator and, optionally, the hospital's seal
(a passphrase-protected PKCS#12 whose certificate chains to the trust file). Without it the desk
seals demonstration consents only, with the demonstration seal; an administrator adds the
institution's seal (PKCS#12 or token) later.

Nothing else is reachable before this is done.
"""
from __future__ import annotations

from pathlib import Path

from app.domain.errors import InvalidInput, InvalidState
from app.domain.roles import Actor
from app.domain.text import clean_text
from app.storage import repositories as repo

from .files import write_atomically
from .seal.keeper import P12_NAME, SEAL_DIR
from .users import OPERATOR, UsersService


class SetupService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def needs_setup(self) -> bool:
        settings = self.ctx.settings()
        with self.ctx.db.transaction(read_only=True) as s:
            admins = repo.users.count_active_admins(s)
        return not settings.institution_name_ar or admins == 0

    def complete(self, *, institution_ar: str, institution_en: str, admin_username: str, admin_name_ar: str,
                 admin_password: str, admin_name_latin: str = "", pkcs12: bytes | None = None,
                 pkcs12_password: str | None = None) -> Actor:
        """All or nothing: a bad certificate or password leaves the program un-set-up."""
        if not self.needs_setup():
            raise InvalidState("already_set_up", "the institution is already set up")
        institution_ar = clean_text(institution_ar, "institution_name_ar", max_len=160)
        institution_en = clean_text(institution_en, "institution_name_en", max_len=160)
        found = None
        if pkcs12 is not None:
            from app.documents.certificates import load_identity_from_pkcs12, signer_from_identity

            from .seal.keeper import chain_problem

            if not pkcs12_password:
                raise InvalidInput("pkcs12_needs_passphrase",
                                   "the PKCS#12 file must be protected by a passphrase")
            found = signer_from_identity(load_identity_from_pkcs12(pkcs12, pkcs12_password.encode()), "pkcs12")
            problem = chain_problem(found.certificate, found.chain, self.ctx.seal.trust(), self.ctx.clock.now())
            if problem:
                raise InvalidInput("seal_not_trusted", f"the seal certificate {problem}")
        users = UsersService(self.ctx)
        with self.ctx.db.transaction() as s:
            self.ctx.set_setting(s, "institution_name_ar", institution_ar, OPERATOR)
            self.ctx.set_setting(s, "institution_name_en", institution_en, OPERATOR)
            admin = users._add(s, OPERATOR, username=admin_username, role="admin", name_ar=admin_name_ar,
                               name_latin=admin_name_latin, password=admin_password)
            self.ctx.audit.append(s, OPERATOR, "setup.completed", subject=f"user:{admin.user_id}")
        if found is not None:
            seal_dir = Path(self.ctx.data_dir) / SEAL_DIR
            seal_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(seal_dir / P12_NAME, pkcs12)
            self.ctx.seal.unlock(pkcs12_password)
            self.ctx.seal.register(found)
            with self.ctx.db.transaction() as s:
                self.ctx.audit.append(s, OPERATOR, "certificate.imported", subject=f"cert:{found.fingerprint_sha256[:32]}",
                                      details={"source": "pkcs12"})
        return admin
