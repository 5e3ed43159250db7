"""Signing in, back-off, and re-entering a password to confirm a clinical act.

Every attempt is audited (the username only; never the password) with its true outcome. The person
at the desk gets one answer for an unknown username, a wrong password, a disabled account and an
account in back-off (``login_failed``), after the same work: exactly one password hash check, against
a dummy hash when there is no account to check, so neither the words nor the time tell which
usernames exist.

Back-off, exponential:
* per account: from the fifth failure in a row the account waits 5 minutes, then 10, 20, 40, and at
  most an hour after each further failure; attempts while it waits are refused (and not counted).
  A success ends it; an administrator can end it (``AdminUsersService.unlock``, audited).
* per desk (this computer, any username): from the tenth failure in a row the desk waits 1 second,
  then 2, 4... at most 5 minutes before it checks another password (``desk_backoff``: it names no
  account, so it is told as it is).

An account that differs from its audited history (:mod:`app.services.accounts`) is refused with
``account_unresolved`` until an administrator resolves it; the desk names those accounts at
start-up anyway.
"""
from __future__ import annotations

import datetime as dt
import logging
import socket

from app.domain.errors import AccessDenied
from app.domain.roles import Actor
from app.storage import repositories as repo
from app.storage.models import SignInBackoff

from .accounts import problem_of
from .passwords import PasswordHashing

log = logging.getLogger(__name__)
FREE_FAILURES = 4  # failures in a row before an account waits
FIRST_WAIT = dt.timedelta(minutes=5)
LONGEST_WAIT = dt.timedelta(hours=1)
DESK_FREE_FAILURES = 9
DESK_LONGEST_WAIT = dt.timedelta(minutes=5)
# Kept for the screens that said so before: the number of failures before the first wait.
MAX_FAILURES = FREE_FAILURES + 1
LOCK_MINUTES = int(FIRST_WAIT.total_seconds() // 60)

WRONG = "wrong username or password, or the account must wait before the next attempt"


def account_wait(failures: int) -> dt.timedelta:
    """How long an account waits after ``failures`` failed sign-ins in a row."""
    if failures <= FREE_FAILURES:
        return dt.timedelta(0)
    return min(FIRST_WAIT * (2 ** (failures - FREE_FAILURES - 1)), LONGEST_WAIT)


def desk_wait(failures: int) -> dt.timedelta:
    if failures <= DESK_FREE_FAILURES:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** (failures - DESK_FREE_FAILURES - 1)), DESK_LONGEST_WAIT)


class AuthService:
    def __init__(self, ctx, hashing: PasswordHashing | None = None, *, desk: str | None = None) -> None:
        self.ctx = ctx
        self.hashing = hashing or PasswordHashing()
        self.desk_key = "desk:" + (desk or socket.gethostname() or "desk")[:190]

    def login(self, username: str, password: str, *, purpose: str = "login") -> Actor:
        """The staff member, or AccessDenied: ``login_failed`` (unknown, wrong, disabled, waiting),
        ``desk_backoff`` (this desk waits), ``account_unresolved`` (changed outside the program)."""
        now = self.ctx.clock.now()
        username = (username or "").strip().lower()[:64]  # stored lower-case (users.clean_username)
        actor: Actor | None = None
        with self.ctx.db.transaction() as s:
            desk = s.get(SignInBackoff, self.desk_key)
            if desk is not None and desk.not_before is not None and desk.not_before > now:
                seconds = max(1, int((desk.not_before - now).total_seconds() + 0.999))
                self.ctx.audit.append(s, "-", f"{purpose}.failed", details={"outcome": "desk_backoff"}, at=now)
                error: AccessDenied = AccessDenied(
                    "desk_backoff", f"too many failed sign-ins at this desk; wait {seconds} second(s)", seconds=seconds)
            else:
                user = repo.users.get_by_username(s, username) if username else None
                # One hash check on every path: the time does not tell what was wrong.
                matches = self.hashing.matches(user.password_hash if user is not None else _DUMMY_HASH, password or "")
                outcome, problem = self._outcome(s, user, matches, now)
                if outcome == "ok":
                    repo.users.clear_failed_logins(s, user.id)
                    self._desk_succeeded(s, now)
                    if self.hashing.needs_rehash(user.password_hash):
                        from .users import audit_user_change

                        repo.users.set_password(s, user.id, self.hashing.hash(password))
                        audit_user_change(self.ctx, s, user.username, "user.password_rehashed", user)
                    actor = Actor(user.id, user.username, user.role, user.name_ar)
                else:
                    self._desk_failed(s, now)
                # What was typed for an unknown user may be a password in the wrong field: never stored.
                known = user.username if user is not None else "-"
                self.ctx.audit.append(s, known, f"{purpose}.{'ok' if actor else 'failed'}",
                                      subject=known if user is not None else None, details={"outcome": outcome},
                                      at=now)
                error = problem or AccessDenied("login_failed", WRONG)
        if actor is None:
            raise error
        return actor

    def _outcome(self, session, user, matches: bool, now: dt.datetime) -> tuple[str, AccessDenied | None]:
        """(what happened, for the audit; the error to show when it is not the generic one)."""
        if user is None:
            return "unknown_user", None
        if not user.active:
            return "account_disabled", None
        if user.locked_until is not None and user.locked_until > now:
            return "account_locked", None
        if not matches:
            failures = (user.failed_logins or 0) + 1
            wait = account_wait(failures)
            repo.users.set_login_state(session, user.id, failed_logins=failures,
                                       locked_until=now + wait if wait else None)
            return ("account_locked" if wait else "login_failed"), None
        problem = problem_of(session, user)
        if problem is not None:
            return "account_unresolved", AccessDenied(
                "account_unresolved", "this account was changed outside the program; an administrator must "
                "resolve it before it can sign in", username=user.username)
        return "ok", None

    def _desk_failed(self, session, now: dt.datetime) -> None:
        desk = session.get(SignInBackoff, self.desk_key)
        if desk is None:
            desk = SignInBackoff(key=self.desk_key, failures=0, updated_at=now)
            session.add(desk)
        desk.failures = (desk.failures or 0) + 1
        wait = desk_wait(desk.failures)
        desk.not_before = now + wait if wait else None
        desk.updated_at = now
        session.flush()

    def _desk_succeeded(self, session, now: dt.datetime) -> None:
        desk = session.get(SignInBackoff, self.desk_key)
        if desk is not None and desk.failures:
            desk.failures, desk.not_before, desk.updated_at = 0, None, now
            session.flush()

    def confirm(self, actor: Actor, password: str, purpose: str) -> Actor:
        """The signed-in staff member re-enters their own password (physician signature, override)."""
        confirmed = self.login(actor.username, password, purpose=purpose)
        if confirmed.user_id != actor.user_id or confirmed.role != actor.role:
            raise AccessDenied("role_not_allowed", "the stored role does not allow this action")
        return confirmed

    def witness(self, actor: Actor, username: str, password: str, purpose: str) -> Actor:
        """A second staff member, not ``actor``, confirms with their own password (withdrawal, correction)."""
        if not (username or "").strip():
            raise AccessDenied("witness_required", "a second staff member must witness with their own password")
        if (username or "").strip().lower() == actor.username:
            raise AccessDenied("witness_is_actor", "the witness must be another staff member")
        witness = self.login(username, password, purpose=purpose)
        if witness.user_id == actor.user_id:
            raise AccessDenied("witness_is_actor", "the witness must be another staff member")
        return witness


_DUMMY_HASH = PasswordHashing().hash("not-a-real-password-0")
