"""Users: staff accounts with a role. Password hashing is the service's job (argon2)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput
from app.storage.models import ROLES, User
from app.storage.repositories._common import now_or, require


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInput("invalid_role", f"unknown role: {role}", role=role)


def add(
    session: Session,
    *,
    username: str,
    role: str,
    name_ar: str,
    password_hash: str,
    name_latin: str | None = None,
    is_demo: bool = False,
    active: bool = True,
    at: datetime | None = None,
) -> User:
    """Add a user; a taken username raises ``InvalidInput("username_taken")``."""
    _check_role(role)
    if get_by_username(session, username) is not None:
        raise InvalidInput("username_taken", f"username already exists: {username}", username=username)
    user = User(
        username=username,
        role=role,
        name_ar=name_ar,
        name_latin=name_latin,
        password_hash=password_hash,
        active=active,
        failed_logins=0,
        locked_until=None,
        is_demo=is_demo,
        created_at=now_or(at),
    )
    session.add(user)
    session.flush()
    return user


def get(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_by_username(session: Session, username: str) -> User | None:
    return session.execute(select(User).where(User.username == username)).scalar_one_or_none()


def list_users(session: Session, *, include_inactive: bool = True) -> list[User]:
    stmt = select(User).order_by(User.username)
    if not include_inactive:
        stmt = stmt.where(User.active.is_(True))
    return list(session.execute(stmt).scalars())


def set_login_state(session: Session, user_id: int, *, failed_logins: int, locked_until: datetime | None) -> User:
    """Store the login counters the service computed (after a failed or successful login)."""
    user = require(session, User, user_id, "user")
    user.failed_logins = failed_logins
    user.locked_until = locked_until
    session.flush()
    return user


def register_failed_login(session: Session, user_id: int, *, lock_until: datetime | None = None) -> int:
    """Count one failed login (and lock until ``lock_until`` if given); returns the new count."""
    user = require(session, User, user_id, "user")
    user.failed_logins = (user.failed_logins or 0) + 1
    if lock_until is not None:
        user.locked_until = lock_until
    session.flush()
    return user.failed_logins


def clear_failed_logins(session: Session, user_id: int) -> User:
    return set_login_state(session, user_id, failed_logins=0, locked_until=None)


def set_password(session: Session, user_id: int, password_hash: str) -> User:
    user = require(session, User, user_id, "user")
    user.password_hash = password_hash
    session.flush()
    return user


def set_active(session: Session, user_id: int, active: bool) -> User:
    user = require(session, User, user_id, "user")
    user.active = active
    session.flush()
    return user


def set_role(session: Session, user_id: int, role: str) -> User:
    _check_role(role)
    user = require(session, User, user_id, "user")
    user.role = role
    session.flush()
    return user


def count_active_admins(session: Session) -> int:
    """For the rule "never remove or demote the last active administrator"."""
    stmt = select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    return session.execute(stmt).scalar_one()
