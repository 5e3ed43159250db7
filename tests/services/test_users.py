"""User administration: roles enforced in the service, the last administrator guarded, audited."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidState
from app.services.accounts import account_state
from app.services.auth import AuthService
from app.services.users import AdminUsersService
from app.storage.models import AuditEvent, User

from .conftest import PASSWORDS, STAFF


def test_nurse_and_physician_cannot_manage_users(env):
    admin = AdminUsersService(env.ctx)
    for who in (env.nurse, env.physician):
        with pytest.raises(AccessDenied):
            admin.list_users(who)
        with pytest.raises(AccessDenied):
            admin.disable(who, STAFF["nurse"][0])
        with pytest.raises(AccessDenied):
            admin.add(who, username="new.one", role="nurse", name_ar="جديد", password="Long-Enough-Pass-1")


def test_last_admin_cannot_be_disabled_or_demoted(env):
    service = AdminUsersService(env.ctx)
    admin_name = STAFF["admin"][0]
    with pytest.raises(InvalidState) as exc:
        service.change_role(env.admin, admin_name, "nurse")
    assert exc.value.code == "last_admin"
    with pytest.raises(InvalidState):
        service.disable(env.admin, admin_name)  # self, and last
    second = service.add(env.admin, username="admin.two", role="admin", name_ar="مدير ثان",
                         password="Second-Admin-Pass-9")
    service.disable(second, admin_name)  # now there is another active admin
    with pytest.raises(InvalidState) as exc:
        service.change_role(second, "admin.two", "physician")
    assert exc.value.code == "last_admin"
    service.enable(second, admin_name)
    service.change_role(second, admin_name, "physician")
    roles = {u.username: (u.role, u.active) for u in service.list_users(second)}
    assert roles[admin_name] == ("physician", True) and roles["admin.two"] == ("admin", True)


def test_disable_reset_password_and_audit(env):
    service = AdminUsersService(env.ctx)
    auth = AuthService(env.ctx)
    nurse = STAFF["nurse"][0]
    service.disable(env.admin, nurse)
    with pytest.raises(AccessDenied) as exc:
        auth.login(nurse, PASSWORDS["nurse"])
    assert exc.value.code == "login_failed"  # told like a wrong password (see test_auth)
    service.enable(env.admin, nurse)
    service.reset_password(env.admin, nurse, "Brand-New-Secret-42")
    assert auth.login(nurse, "Brand-New-Secret-42").username == nurse
    with env.ctx.db.transaction(read_only=True) as s:
        events = s.execute(select(AuditEvent).where(AuditEvent.action.like("user.%"))).scalars().all()
    actions = [e.action for e in events]
    assert {"user.disabled", "user.enabled", "user.password_reset"} <= set(actions)
    assert all("Brand-New-Secret-42" not in (e.details_json or "") for e in events)
    # Each change carries the account's state after it: the password only as the SHA-256 of its hash.
    with env.ctx.db.transaction(read_only=True) as s:
        user = s.execute(select(User).where(User.username == nurse)).scalar_one()
        assert user.password_hash not in "".join(e.details_json or "" for e in events)
    last = [e for e in events if e.subject == f"user:{user.id}"][-1]
    assert last.details["state"] == account_state(user) and last.details["state"]["active"] is True
