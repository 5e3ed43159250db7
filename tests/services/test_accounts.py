"""Accounts against their audited history (app.services.accounts): the baseline after an upgrade from
an earlier version, the replay of who changed what, and resolving an account changed outside the
program."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput
from app.services.accounts import account_problems
from app.services.auth import AuthService
from app.services.context import open_context
from app.services.passwords import PasswordHashing
from app.services.users import AdminUsersService
from app.storage.audit import AuditLog
from app.storage.database import Database
from app.storage.models import AuditEvent, User
from app.storage.repositories import users as users_repo

from tests.backends import database_for

from .conftest import PASSWORDS, T0


def raw(env, sql: str, *params) -> None:
    """An edit behind the program's back (the users table has no trigger to drop)."""
    if env.ctx.db.dialect_name == "postgresql":
        sql = sql.replace("?", "%s")
    with env.ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(sql, params)


def test_an_earlier_versions_accounts_get_a_baseline_once(tmp_path):
    """A database of revision 0004: users audited with role and username only. Opening it with this
    program records each account's state once (``user.baseline`` by ``system``); from then on a change
    behind the program's back shows."""
    from app.domain.clock import FixedClock

    db = database_for(tmp_path / "data", migrated=False) or Database.for_data_dir(tmp_path / "data")
    db.upgrade("0004")
    log = AuditLog(clock=lambda: T0)
    with db.transaction() as s:
        user = users_repo.add(s, username="nurse.old", role="nurse", name_ar="ممرضة",
                              password_hash=PasswordHashing().hash("Old-Desk-Password-1"), at=T0)
        log.append(s, "cli", "user.added", subject=f"user:{user.id}", details={"role": "nurse", "username": "nurse.old"})
    db.close()
    # migrates to the newest revision
    ctx = open_context(tmp_path / "data", clock=FixedClock(T0), database=database_for(tmp_path / "data"))
    try:
        with ctx.db.transaction(read_only=True) as s:
            baseline = s.execute(select(AuditEvent).where(AuditEvent.action == "user.baseline")).scalars().all()
            assert [(e.actor, e.subject) for e in baseline] == [("system", f"user:{user.id}")]
            assert account_problems(s) == []
        assert AuthService(ctx).login("nurse.old", "Old-Desk-Password-1").role == "nurse"
    finally:
        ctx.close()
    ctx = open_context(tmp_path / "data", clock=FixedClock(T0 + dt.timedelta(hours=1)),
                       database=database_for(tmp_path / "data"))
    try:
        with ctx.db.transaction(read_only=True) as s:  # once only
            assert len(s.execute(select(AuditEvent).where(AuditEvent.action == "user.baseline")).all()) == 1
    finally:
        ctx.close()


def test_a_change_made_by_someone_who_was_not_an_administrator_is_reported(env):
    """The replay: a nurse made administrator by a direct edit adds a physician through the service
    (the edit itself is also reported)."""
    from app.services.users import UsersService

    raw(env, "UPDATE users SET role = 'admin' WHERE username = 'nurse.sara'")
    promoted = env.nurse.__class__(env.nurse.user_id, env.nurse.username, "admin", env.nurse.name_ar)
    UsersService(env.ctx).add(promoted, username="dr.fake", role="physician", name_ar="خالد", name_latin="",
                              password="Fake-Doctor-2026")
    with env.ctx.db.transaction(read_only=True) as s:
        found = {(p.username, p.problem) for p in account_problems(s)}
    assert ("nurse.sara", "differs") in found and ("dr.fake", "changed_by_non_admin") in found


def test_resolve_puts_back_role_state_and_names_and_needs_a_new_password_for_a_swapped_hash(env):
    raw(env, "UPDATE users SET role = 'admin', active = FALSE, name_ar = 'منتحل' WHERE username = 'dr.khalid'")
    admin = AdminUsersService(env.ctx)
    assert [p.username for p in admin.unresolved(env.admin)] == ["dr.khalid"]
    assert admin.resolve(env.admin, "dr.khalid") == ("role", "active", "name_ar")
    assert AuthService(env.ctx).login("dr.khalid", PASSWORDS["physician"]).role == "physician"
    raw(env, "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'nurse.sara') "
             "WHERE username = 'dr.khalid'")
    with pytest.raises(InvalidInput) as info:
        admin.resolve(env.admin, "dr.khalid")
    assert info.value.code == "password_required"
    with pytest.raises(AccessDenied):
        admin.resolve(env.nurse, "dr.khalid", "Brand-New-Doctor-77")
    assert admin.resolve(env.admin, "dr.khalid", "Brand-New-Doctor-77") == ("password",)
    assert AuthService(env.ctx).login("dr.khalid", "Brand-New-Doctor-77").role == "physician"
    with env.ctx.db.transaction(read_only=True) as s:
        assert account_problems(s) == []
        events = s.execute(select(AuditEvent).where(AuditEvent.action == "user.resolved")).scalars().all()
    assert [e.actor for e in events] == ["admin.omar", "admin.omar"]


def test_an_account_inserted_outside_the_program_is_disabled_when_resolved(env):
    raw(env, "INSERT INTO users (username, role, name_ar, password_hash, active, failed_logins, is_demo, created_at) "
             "SELECT 'dr.ghost', 'physician', 'طبيب', password_hash, TRUE, 0, FALSE, created_at FROM users "
             "WHERE username = 'nurse.sara'")
    with pytest.raises(AccessDenied) as refused:
        AuthService(env.ctx).login("dr.ghost", PASSWORDS["nurse"])
    assert refused.value.code == "account_unresolved"
    AdminUsersService(env.ctx).resolve(env.admin, "dr.ghost")
    with env.ctx.db.transaction(read_only=True) as s:
        ghost = s.execute(select(User).where(User.username == "dr.ghost")).scalar_one()
        assert not ghost.active and account_problems(s) == []
    with pytest.raises(AccessDenied) as refused:
        AuthService(env.ctx).login("dr.ghost", PASSWORDS["nurse"])
    assert refused.value.code == "login_failed"  # now an ordinary disabled account

