"""Signing in, lockout, and re-entering a password to confirm a clinical act.

Every attempt is audited (the username only; never the password). Five failures in a row lock the
account for five minutes.
"""
from __future__ import annotations

import datetime as dt
import logging

from app.domain.errors import AccessDenied
from app.domain.roles import Actor
from app.storage import repositories as repo

from .passwords import PasswordHashing

log = logging.getLogger(__name__)
MAX_FAILURES = 5
LOCK_MINUTES = 5


class AuthService:
    def __init__(self, ctx, hashing: PasswordHashing | None = None) -> None:
        self.ctx = ctx
        self.hashing = hashing or PasswordHashing()

    def login(self, username: str, password: str, *, purpose: str = "login") -> Actor:
        """The staff member, or AccessDenied (login_failed | account_locked | account_disabled)."""
        now = self.ctx.clock.now()
        username = (username or "").strip().lower()[:64]  # stored lower-case (users.clean_username)
        error: AccessDenied | None = None
        actor: Actor | None = None
        with self.ctx.db.transaction() as s:
            user = repo.users.get_by_username(s, username) if username else None
            if user is None:
                error = AccessDenied("login_failed", "wrong username or password")
                # Hash anyway so that timing does not tell which usernames exist.
                self.hashing.matches(_DUMMY_HASH, password or "")
            elif not user.active:
                error = AccessDenied("account_disabled", "this account is disabled")
            elif user.locked_until is not None and user.locked_until > now:
                minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
                error = AccessDenied("account_locked", f"account locked; try again in {minutes} minute(s)",
                                     minutes=minutes)
            elif not self.hashing.matches(user.password_hash, password or ""):
                lock = now + dt.timedelta(minutes=LOCK_MINUTES) if (user.failed_logins or 0) + 1 >= MAX_FAILURES else None
                count = repo.users.register_failed_login(s, user.id, lock_until=lock)
                if lock is not None:
                    repo.users.set_login_state(s, user.id, failed_logins=0, locked_until=lock)
                    error = AccessDenied("account_locked", f"too many failed attempts; locked for {LOCK_MINUTES} minutes",
                                         minutes=LOCK_MINUTES)
                else:
                    error = AccessDenied("login_failed", "wrong username or password", remaining=MAX_FAILURES - count)
            else:
                repo.users.clear_failed_logins(s, user.id)
                if self.hashing.needs_rehash(user.password_hash):
                    repo.users.set_password(s, user.id, self.hashing.hash(password))
                actor = Actor(user.id, user.username, user.role, user.name_ar)
            outcome = "ok" if actor else (error.code if error else "failed")
            # What was typed for an unknown user may be a password in the wrong field: never stored.
            known = username if user is not None else "-"
            self.ctx.audit.append(s, known, f"{purpose}.{'ok' if actor else 'failed'}",
                                  subject=known if user is not None else None, details={"outcome": outcome}, at=now)
        if error is not None:
            raise error
        assert actor is not None
        return actor

    def confirm(self, actor: Actor, password: str, purpose: str) -> Actor:
        """The signed-in staff member re-enters their own password (physician signature, override)."""
        confirmed = self.login(actor.username, password, purpose=purpose)
        if confirmed.user_id != actor.user_id or confirmed.role != actor.role:
            raise AccessDenied("role_not_allowed", "the stored role does not allow this action")
        return confirmed


_DUMMY_HASH = PasswordHashing().hash("not-a-real-password-0")
