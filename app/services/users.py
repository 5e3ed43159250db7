"""Staff accounts: adding people (the first administrator of an empty data folder, or an
administrator, ``UsersService``), and administering them (``AdminUsersService``): list, add,
disable/enable, reset a password, change a role, unlock, and resolve an account that was changed
behind the program's back.

The last active administrator can be neither disabled nor demoted (nobody could administer the desk
afterwards), and administrators do not disable themselves. Every change is audited with the user id,
the role and the account's state after it (:mod:`app.services.accounts`: the password hash only as
its SHA-256), never a password.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.clock import utc_iso
from app.domain.errors import InvalidInput, InvalidState, NotFound
from app.domain.passwords import check_password
from app.domain.roles import ROLES, Actor, require
from app.domain.text import clean_name
from app.storage import repositories as repo

from .accounts import account_state, audited_state, differing_fields, subject_of
from .passwords import PasswordHashing


USERNAME_RE = re.compile(r"[a-z][a-z0-9._-]{1,31}")
OPERATOR = "cli"


def clean_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME_RE.fullmatch(name):
        raise InvalidInput("username_invalid",
                           "username: 2-32 characters, lower-case Latin letters, digits, '.', '_' or '-'")
    return name


class UsersService:
    def __init__(self, ctx, hashing: PasswordHashing | None = None) -> None:
        self.ctx = ctx
        self.hashing = hashing or PasswordHashing()

    def _add(self, session, actor_name: str, *, username: str, role: str, name_ar: str, name_latin: str,
             password: str, is_demo: bool = False) -> Actor:
        username = clean_username(username)
        if role not in ROLES:
            raise InvalidInput("role_invalid", "role: nurse, physician or admin")
        name_ar = clean_name(name_ar, "name_ar")
        name_latin = clean_name(name_latin, "name_latin", required=False)
        check_password(password, username)
        if repo.users.get_by_username(session, username) is not None:
            raise InvalidInput("username_taken", f"username '{username}' is already in use")
        user = repo.users.add(session, username=username, role=role, name_ar=name_ar,
                              name_latin=name_latin or None, password_hash=self.hashing.hash(password),
                              is_demo=is_demo, at=self.ctx.clock.now())
        audit_user_change(self.ctx, session, actor_name, "user.added", user, role=role, username=username)
        return Actor(user.id, user.username, user.role, user.name_ar)

    def add_from_operator(self, **fields) -> Actor:
        """Setting up a data folder with its owner's rights (tests, installers); the command line uses
        it only through :meth:`add_first_admin`."""
        with self.ctx.db.transaction() as s:
            return self._add(s, OPERATOR, **fields)

    def add_first_admin(self, **fields) -> Actor:
        """The very first administrator of a data folder that has no account at all (no sign-in:
        there is nobody to sign in as). Refused once any account exists."""
        if fields.get("role") != "admin":
            raise InvalidInput("first_user_admin", "the first account of a data folder is an administrator")
        with self.ctx.db.transaction() as s:
            if repo.users.list_users(s):
                raise InvalidInput("sign_in_required", "this data folder has accounts: sign in with --user")
            return self._add(s, OPERATOR, **fields)

    def add(self, actor: Actor, **fields) -> Actor:
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            return self._add(s, actor.username, **fields)

    def add_demo(self, session, **fields) -> Actor:
        return self._add(session, "demo", is_demo=True, **fields)

    def name_of(self, actor: Actor, username: str) -> str:
        """A staff member's name, as records print it (the username when there is no such account)."""
        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            user = repo.users.get_by_username(s, username or "")
        return user.name_ar if user is not None else username


@dataclass(frozen=True)
class UserInfo:
    user_id: int
    username: str
    role: str
    name_ar: str
    name_latin: str
    active: bool
    locked: bool
    demo: bool
    created_at: str
    unresolved: bool = False  # differs from its audited history: refused until resolved


class AdminUsersService:
    def __init__(self, ctx, hashing: PasswordHashing | None = None) -> None:
        self.ctx = ctx
        self.hashing = hashing or PasswordHashing()

    def list_users(self, actor: Actor, *, include_inactive: bool = True) -> list[UserInfo]:
        require(actor, "users.manage")
        from .accounts import problem_of

        now = self.ctx.clock.now()
        with self.ctx.db.transaction(read_only=True) as s:
            return [UserInfo(u.id, u.username, u.role, u.name_ar, u.name_latin or "", bool(u.active),
                             bool(u.locked_until and u.locked_until > now), bool(u.is_demo), utc_iso(u.created_at),
                             problem_of(s, u) is not None)
                    for u in repo.users.list_users(s, include_inactive=include_inactive)]

    def add(self, actor: Actor, *, username: str, role: str, name_ar: str, name_latin: str = "",
            password: str) -> Actor:
        return UsersService(self.ctx, self.hashing).add(actor, username=username, role=role, name_ar=name_ar,
                                                         name_latin=name_latin, password=password)

    def _user(self, session, username: str):
        user = repo.users.get_by_username(session, (username or "").strip().lower())
        if user is None:
            raise NotFound("user_missing", "no such user")
        return user

    def _guard_last_admin(self, session, user) -> None:
        if user.role == "admin" and user.active and repo.users.count_active_admins(session) <= 1:
            raise InvalidState("last_admin", "this is the last active administrator; add another one first")

    def disable(self, actor: Actor, username: str) -> None:
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            user = self._user(s, username)
            if user.id == actor.user_id:
                raise InvalidState("self_disable", "you cannot disable your own account")
            if not user.active:
                return
            self._guard_last_admin(s, user)
            repo.users.set_active(s, user.id, False)
            audit_user_change(self.ctx, s, actor.username, "user.disabled", user, role=user.role)

    def enable(self, actor: Actor, username: str) -> None:
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            user = self._user(s, username)
            if user.active:
                return
            repo.users.set_active(s, user.id, True)
            repo.users.clear_failed_logins(s, user.id)
            audit_user_change(self.ctx, s, actor.username, "user.enabled", user, role=user.role)

    def reset_password(self, actor: Actor, username: str, new_password: str) -> None:
        """A new password set by an administrator (the account is also unlocked)."""
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            user = self._user(s, username)
            check_password(new_password, user.username)
            repo.users.set_password(s, user.id, self.hashing.hash(new_password))
            repo.users.clear_failed_logins(s, user.id)
            audit_user_change(self.ctx, s, actor.username, "user.password_reset", user)

    def change_role(self, actor: Actor, username: str, role: str) -> None:
        require(actor, "users.manage")
        if role not in ROLES:
            raise InvalidInput("role_invalid", "role: nurse, physician or admin")
        with self.ctx.db.transaction() as s:
            user = self._user(s, username)
            if user.role == role:
                return
            if user.role == "admin":
                self._guard_last_admin(s, user)
            old = user.role
            repo.users.set_role(s, user.id, role)
            audit_user_change(self.ctx, s, actor.username, "user.role_changed", user, **{"from": old, "to": role})

    def unlock(self, actor: Actor, username: str) -> None:
        """End a sign-in back-off (a physician locked out by someone's guesses); audited."""
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            user = self._user(s, username)
            repo.users.clear_failed_logins(s, user.id)
            audit_user_change(self.ctx, s, actor.username, "user.unlocked", user)

    def unresolved(self, actor: Actor) -> list:
        """The accounts that differ from their audited history (see app.services.accounts)."""
        require(actor, "users.manage")
        from .accounts import account_problems

        with self.ctx.db.transaction(read_only=True) as s:
            return [p for p in account_problems(s) if p.problem in ("differs", "not_audited")]

    def resolve(self, actor: Actor, username: str, new_password: str | None = None) -> tuple[str, ...]:
        """Bring an account changed behind the program's back back to its last audited state (role,
        state, names); a password hash that differs needs a new password. An account the log never saw
        created is disabled. Audited as ``user.resolved`` with what was put back; returns those fields."""
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            user = self._user(s, username)
            if user.id == actor.user_id:
                raise InvalidState("self_resolve", "another administrator resolves your account")
            audited = audited_state(s, user.id)
            fields = differing_fields(user, audited)
            if not fields:
                return ()
            if audited is None:
                repo.users.set_active(s, user.id, False)
            else:
                if "password" in fields:
                    if not new_password:
                        raise InvalidInput("password_required",
                                           "the password of this account was changed outside the program: "
                                           "give it a new password")
                    check_password(new_password, user.username)
                    repo.users.set_password(s, user.id, self.hashing.hash(new_password))
                if audited.get("username") != user.username:
                    if repo.users.get_by_username(s, audited["username"]) is not None:
                        raise InvalidState("username_taken", "the audited username is taken by another account")
                    user.username = audited["username"]
                user.role, user.active = audited["role"], bool(audited["active"])
                user.name_ar, user.name_latin = audited["name_ar"], audited["name_latin"] or None
                user.is_demo = bool(audited["demo"])
                s.flush()
            repo.users.clear_failed_logins(s, user.id)
            audit_user_change(self.ctx, s, actor.username, "user.resolved", user, fields=list(fields),
                              audited=audited is not None)
            return fields


def audit_user_change(ctx, session, actor_name: str, action: str, user, **details) -> None:
    """One user change, audited with the account's state after it."""
    ctx.audit.append(session, actor_name, action, subject=subject_of(user.id),
                     details={**details, "state": account_state(user)}, at=ctx.clock.now())
