"""Signing in: five failures lock the account for five minutes; every attempt is audited."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput
from app.services.auth import AuthService
from app.services.users import UsersService
from app.storage.models import AuditEvent

from .conftest import PASSWORDS


def attempts(env, since: int) -> list[AuditEvent]:
    with env.ctx.db.transaction(read_only=True) as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.seq > since,
                                                       AuditEvent.action.like("login.%"))
                              .order_by(AuditEvent.seq)).scalars())


def head_seq(env) -> int:
    with env.ctx.db.transaction(read_only=True) as s:
        return env.ctx.audit.count(s)


def test_login_returns_the_actor(env):
    actor = AuthService(env.ctx).login("nurse.sara", PASSWORDS["nurse"])
    assert (actor.username, actor.role, actor.name_ar) == ("nurse.sara", "nurse", "سارة القحطاني")
    assert actor.user_id == env.nurse.user_id


def test_five_failures_lock_for_five_minutes(env):
    auth = AuthService(env.ctx)
    start = head_seq(env)
    codes = []
    for _ in range(5):
        with pytest.raises(AccessDenied) as err:
            auth.login("nurse.sara", "wrong-password-1")
        codes.append(err.value.code)
    assert codes == ["login_failed"] * 4 + ["account_locked"]
    # Locked: even the right password is refused.
    with pytest.raises(AccessDenied) as err:
        auth.login("nurse.sara", PASSWORDS["nurse"])
    assert err.value.code == "account_locked"
    env.clock.advance(minutes=4, seconds=59)
    with pytest.raises(AccessDenied) as err:
        auth.login("nurse.sara", PASSWORDS["nurse"])
    assert err.value.code == "account_locked" and err.value.params["minutes"] == 1
    env.clock.advance(seconds=2)
    assert auth.login("nurse.sara", PASSWORDS["nurse"]).username == "nurse.sara"

    events = attempts(env, start)
    assert [e.action for e in events] == ["login.failed"] * 7 + ["login.ok"]
    outcomes = [json.loads(e.details_json)["outcome"] for e in events]
    assert outcomes == ["login_failed"] * 4 + ["account_locked"] * 3 + ["ok"]
    assert all(e.actor == "nurse.sara" and e.subject == "nurse.sara" for e in events)
    assert not any(PASSWORDS["nurse"] in (e.details_json or "") or "wrong-password-1" in (e.details_json or "")
                   for e in events)


def test_success_resets_the_failure_count(env):
    auth = AuthService(env.ctx)
    for _ in range(4):
        with pytest.raises(AccessDenied):
            auth.login("dr.khalid", "wrong-password-1")
    auth.login("dr.khalid", PASSWORDS["physician"])
    for _ in range(4):
        with pytest.raises(AccessDenied) as err:
            auth.login("dr.khalid", "wrong-password-1")
        assert err.value.code == "login_failed"


def test_after_a_lock_expires_the_count_starts_again(env):
    auth = AuthService(env.ctx)
    for _ in range(5):
        with pytest.raises(AccessDenied):
            auth.login("admin.omar", "wrong-password-1")
    env.clock.advance(minutes=6)
    with pytest.raises(AccessDenied) as err:
        auth.login("admin.omar", "wrong-password-1")
    assert err.value.code == "login_failed" and err.value.params["remaining"] == 4


def test_unknown_user_is_audited_without_saying_it_is_unknown(env):
    start = head_seq(env)
    with pytest.raises(AccessDenied) as err:
        AuthService(env.ctx).login("nobody.here", "whatever-123")
    assert err.value.code == "login_failed"
    events = attempts(env, start)
    assert len(events) == 1 and events[0].action == "login.failed"


@pytest.mark.parametrize("password,code", [
    ("short1", "password_too_short"), ("password1", "password_common"), ("aaaaaaaaaa", "password_common"),
    ("xnurse.newx-99", "password_contains_username"),
])
def test_weak_passwords_refused(env, password, code):
    with pytest.raises(InvalidInput) as err:
        UsersService(env.ctx).add_from_operator(username="nurse.new", role="nurse", name_ar="ريم", name_latin="",
                                                password=password)
    assert err.value.code == code


def test_only_admin_adds_staff(env):
    with pytest.raises(AccessDenied):
        UsersService(env.ctx).add(env.nurse, username="nurse.two", role="nurse", name_ar="ريم", name_latin="",
                                  password="Good-Password-42")
    actor = UsersService(env.ctx).add(env.admin, username="nurse.two", role="nurse", name_ar="ريم",
                                      name_latin="", password="Good-Password-42")
    assert actor.role == "nurse"
    with pytest.raises(InvalidInput) as err:
        UsersService(env.ctx).add(env.admin, username="Nurse.Two", role="nurse", name_ar="ريم", name_latin="",
                                  password="Good-Password-42")
    assert err.value.code == "username_taken"


def test_login_accepts_the_username_as_added(env):
    UsersService(env.ctx).add_from_operator(username="Nurse.Huda", role="nurse", name_ar="هدى", name_latin="",
                                            password="Good-Password-42")
    assert AuthService(env.ctx).login("Nurse.Huda", "Good-Password-42").username == "nurse.huda"
