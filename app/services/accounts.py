"""Staff accounts as the audit log tells them: every change to a user is an audit event carrying the
account's state after it (username, names, role, active, demo, and the SHA-256 of the stored password
hash, never the hash itself), so the users table can be compared with its audited history.

An account whose row differs from its last audited state, or that the log never saw created, was
changed behind the program's back (the database edited directly): the desk refuses it at sign-in,
start-up and ``audit verify`` name it, until an administrator resolves it
(:meth:`app.services.users.AdminUsersService.resolve`).

``audit verify`` also replays who made each change: a user change made by a named staff member who
was not an active administrator at that moment is reported (a nurse promoted by a direct edit who then
adds a physician). The command line's first administrator (actor ``cli``), the demonstration's
accounts (``demo``) and the baseline recorded on upgrade (``system``) are the exceptions.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.storage.models import AuditEvent, User

ACTION_PREFIX = "user."
SYSTEM = "system"
OPERATOR_ACTORS = ("cli", "demo", SYSTEM)
STATE_FIELDS = ("username", "role", "active", "password", "name_ar", "name_latin", "demo")
# Changes an account may make to itself (a password changed or rehashed at sign-in).
SELF_ACTIONS = ("user.password_changed", "user.password_rehashed")


def password_digest(password_hash: str) -> str:
    return hashlib.sha256((password_hash or "").encode("utf-8")).hexdigest()


def account_state(user: User) -> dict[str, Any]:
    """What the audit log keeps of an account (no password hash: its SHA-256)."""
    return {"username": user.username, "role": user.role, "active": bool(user.active),
            "password": password_digest(user.password_hash), "name_ar": user.name_ar,
            "name_latin": user.name_latin or "", "demo": bool(user.is_demo)}


def subject_of(user_id: int) -> str:
    return f"user:{user_id}"


def _user_id(subject: str | None) -> int | None:
    if not subject or not subject.startswith("user:"):
        return None
    try:
        return int(subject[5:])
    except ValueError:
        return None


def _state_of(details_json: str | None) -> dict | None:
    try:
        details = json.loads(details_json) if details_json else None
    except ValueError:
        return None
    state = details.get("state") if isinstance(details, dict) else None
    return state if isinstance(state, dict) else None


@dataclass(frozen=True)
class AccountProblem:
    """``problem``: ``not_audited`` (no audited creation), ``differs`` (``fields`` differ from the
    last audited state), ``changed_by_non_admin`` (event ``seq`` by ``actor``)."""

    user_id: int | None
    username: str
    problem: str
    fields: tuple[str, ...] = ()
    seq: int | None = None
    actor: str = ""

    def detail(self) -> str:
        if self.problem == "not_audited":
            return "not created through the program (no audited creation)"
        if self.problem == "differs":
            return (f"{', '.join(self.fields)} differ(s) from its last audited change; refused until an "
                    "administrator resolves it")
        return f"changed at event {self.seq} by {self.actor}, who was not an administrator"

    def line(self) -> str:
        return f"account {self.username}: {self.detail()}"


def differing_fields(user: User, audited: dict | None) -> tuple[str, ...]:
    current = account_state(user)
    return tuple(f for f in STATE_FIELDS if audited is None or audited.get(f) != current[f])


def audited_state(session, user_id: int) -> dict | None:
    """The account's state after its last audited change (None when none carries a state)."""
    rows = session.execute(select(AuditEvent.details_json)
                           .where(AuditEvent.subject == subject_of(user_id),
                                  AuditEvent.action.like(ACTION_PREFIX + "%"))
                           .order_by(AuditEvent.seq.desc())).scalars()
    for details_json in rows:
        state = _state_of(details_json)
        if state is not None:
            return state
    return None


def problem_of(session, user: User) -> AccountProblem | None:
    """Why this account must be refused, or None (the sign-in check: one indexed query)."""
    audited = audited_state(session, user.id)
    if audited is None:
        return AccountProblem(user.id, user.username, "not_audited")
    fields = differing_fields(user, audited)
    return AccountProblem(user.id, user.username, "differs", fields) if fields else None


def account_problems(session) -> list[AccountProblem]:
    """Every account that differs from its audited history, and every change made by a non-admin."""
    states: dict[int, dict] = {}
    problems: list[AccountProblem] = []
    rows = session.execute(select(AuditEvent.seq, AuditEvent.actor, AuditEvent.action, AuditEvent.subject,
                                  AuditEvent.details_json)
                           .where(AuditEvent.action.like(ACTION_PREFIX + "%")).order_by(AuditEvent.seq))
    for row in rows:
        user_id = _user_id(row.subject)
        state = _state_of(row.details_json)
        if user_id is None or state is None:
            continue
        actor_ok = row.actor in OPERATOR_ACTORS or (
            row.action in SELF_ACTIONS and states.get(user_id, {}).get("username") == row.actor) or any(
            s.get("username") == row.actor and s.get("role") == "admin" and s.get("active")
            for s in states.values())
        if not actor_ok:
            problems.append(AccountProblem(user_id, state.get("username", "?"), "changed_by_non_admin",
                                           seq=row.seq, actor=row.actor))
        states[user_id] = state
    for user in session.execute(select(User).order_by(User.id)).scalars():
        audited = states.get(user.id)
        if audited is None:
            problems.append(AccountProblem(user.id, user.username, "not_audited"))
            continue
        fields = differing_fields(user, audited)
        if fields:
            problems.append(AccountProblem(user.id, user.username, "differs", fields))
    return problems


def accounts_without_state(session) -> list[User]:
    """Accounts audited before states were recorded (a database from an earlier version): they have
    user events, none with a state."""
    with_events = {uid for uid in (_user_id(s) for s in session.execute(
        select(AuditEvent.subject).where(AuditEvent.action.like(ACTION_PREFIX + "%"))).scalars()) if uid}
    out = []
    for user in session.execute(select(User).where(User.id.in_(with_events))).scalars():
        if audited_state(session, user.id) is None:
            out.append(user)
    return out


def record_baseline(ctx) -> int:
    """Once, after an upgrade: the state of each account audited before states were recorded becomes
    its baseline (audited as ``user.baseline`` by ``system``). Returns the number recorded."""
    with ctx.db.transaction(read_only=True) as s:
        if not accounts_without_state(s):
            return 0
    with ctx.db.transaction() as s:
        users = accounts_without_state(s)
        for user in users:
            ctx.audit.append(s, SYSTEM, "user.baseline", subject=subject_of(user.id),
                             details={"state": account_state(user)}, at=ctx.clock.now())
        return len(users)
