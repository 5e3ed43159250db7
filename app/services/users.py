"""Staff accounts: adding people (from the command line or by an administrator)."""
from __future__ import annotations

import re

from app.domain.errors import InvalidInput
from app.domain.passwords import check_password
from app.domain.roles import ROLES, Actor, require
from app.domain.text import clean_name
from app.storage import repositories as repo

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
        self.ctx.audit.append(session, actor_name, "user.added", subject=f"user:{user.id}",
                              details={"role": role, "username": username}, at=self.ctx.clock.now())
        return Actor(user.id, user.username, user.role, user.name_ar)

    def add_from_operator(self, **fields) -> Actor:
        """The command line: whoever can open the data folder administers it."""
        with self.ctx.db.transaction() as s:
            return self._add(s, OPERATOR, **fields)

    def add(self, actor: Actor, **fields) -> Actor:
        require(actor, "users.manage")
        with self.ctx.db.transaction() as s:
            return self._add(s, actor.username, **fields)

    def add_demo(self, session, **fields) -> Actor:
        return self._add(session, "demo", is_demo=True, **fields)
