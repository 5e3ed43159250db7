"""Signing in: one answer for every failure, exponential back-off per account and per desk, every
attempt audited."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput
from app.services.auth import AuthService
from app.services.passwords import PasswordHashing
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


def test_five_failures_make_the_account_wait_five_minutes_then_longer(env):
    auth = AuthService(env.ctx)
    start = head_seq(env)
    codes = []
    for _ in range(5):
        with pytest.raises(AccessDenied) as err:
            auth.login("nurse.sara", "wrong-password-1")
        codes.append(err.value.code)
    # The same answer every time: nothing tells that the fifth made the account wait.
    assert codes == ["login_failed"] * 5
    # Waiting: even the right password is refused, with the same answer.
    with pytest.raises(AccessDenied) as err:
        auth.login("nurse.sara", PASSWORDS["nurse"])
    assert err.value.code == "login_failed" and "minutes" not in err.value.params
    env.clock.advance(minutes=4, seconds=59)
    with pytest.raises(AccessDenied) as err:
        auth.login("nurse.sara", PASSWORDS["nurse"])
    assert err.value.code == "login_failed"
    env.clock.advance(seconds=2)
    # The sixth failure in a row doubles the wait (10 minutes).
    with pytest.raises(AccessDenied):
        auth.login("nurse.sara", "wrong-password-1")
    env.clock.advance(minutes=9, seconds=59)
    with pytest.raises(AccessDenied):
        auth.login("nurse.sara", PASSWORDS["nurse"])
    env.clock.advance(seconds=2)
    assert auth.login("nurse.sara", PASSWORDS["nurse"]).username == "nurse.sara"

    events = attempts(env, start)
    assert [e.action for e in events] == ["login.failed"] * 9 + ["login.ok"]
    outcomes = [json.loads(e.details_json)["outcome"] for e in events]
    assert outcomes == ["login_failed"] * 4 + ["account_locked"] * 3 + ["account_locked"] * 2 + ["ok"]
    assert all(e.actor == "nurse.sara" and e.subject == "nurse.sara" for e in events)
    assert not any(PASSWORDS["nurse"] in (e.details_json or "") or "wrong-password-1" in (e.details_json or "")
                   for e in events)


def test_the_wait_grows_exponentially_to_an_hour():
    from app.services.auth import account_wait, desk_wait

    assert [account_wait(n).total_seconds() / 60 for n in range(1, 11)] == [0, 0, 0, 0, 5, 10, 20, 40, 60, 60]
    assert [desk_wait(n).total_seconds() for n in (9, 10, 11, 12, 30)] == [0, 1, 2, 4, 300]


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
    assert auth.login("dr.khalid", PASSWORDS["physician"]).role == "physician"


class CountingHashing(PasswordHashing):
    def __init__(self) -> None:
        super().__init__()
        self.checks = 0

    def matches(self, stored: str, password: str) -> bool:
        self.checks += 1
        return super().matches(stored, password)


def test_unknown_wrong_locked_and_disabled_get_one_answer_after_the_same_work(env):
    """Same code, same words, and exactly one password hash check on each path (the time of an
    argon2 check is what told known and unknown usernames apart)."""
    from app.services.users import AdminUsersService

    hashing = CountingHashing()
    auth = AuthService(env.ctx, hashing)
    for _ in range(5):
        with pytest.raises(AccessDenied):
            auth.login("dr.khalid", "wrong-password-1")  # now waiting
    AdminUsersService(env.ctx).disable(env.admin, "nurse.sara")
    answers = []
    for username, password in (("nobody.here", "whatever-123"), ("admin.omar", "wrong-password-1"),
                               ("dr.khalid", PASSWORDS["physician"]), ("nurse.sara", PASSWORDS["nurse"])):
        before = hashing.checks
        with pytest.raises(AccessDenied) as err:
            auth.login(username, password)
        assert hashing.checks - before == 1, username
        answers.append((err.value.code, err.value.message(), err.value.params))
    assert len(set(map(str, answers))) == 1, answers


def test_an_admin_ends_a_physicians_wait_and_it_is_audited(env):
    from app.services.users import AdminUsersService

    auth = AuthService(env.ctx)
    for _ in range(5):
        with pytest.raises(AccessDenied):
            auth.login("dr.khalid", "wrong-password-1")
    with pytest.raises(AccessDenied):
        AdminUsersService(env.ctx).unlock(env.nurse, "dr.khalid")
    AdminUsersService(env.ctx).unlock(env.admin, "dr.khalid")
    assert auth.login("dr.khalid", PASSWORDS["physician"]).role == "physician"
    with env.ctx.db.transaction(read_only=True) as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "user.unlocked")).scalar_one()
    assert event.actor == "admin.omar" and event.subject == f"user:{env.physician.user_id}"


def test_the_desk_waits_after_ten_failures_in_a_row_whatever_the_username(env):
    auth = AuthService(env.ctx, desk="desk-3")
    for n in range(10):
        with pytest.raises(AccessDenied) as err:
            auth.login(f"guess.{n}", "whatever-123")
        assert err.value.code == "login_failed"
    with pytest.raises(AccessDenied) as err:
        auth.login("nurse.sara", PASSWORDS["nurse"])
    assert err.value.code == "desk_backoff" and err.value.params["seconds"] == 1
    # Another desk is not held back; after the wait this desk checks passwords again.
    assert AuthService(env.ctx, desk="desk-4").login("nurse.sara", PASSWORDS["nurse"]).role == "nurse"
    env.clock.advance(seconds=1)
    assert auth.login("nurse.sara", PASSWORDS["nurse"]).role == "nurse"


def test_unknown_user_is_audited_without_saying_it_is_unknown(env):
    start = head_seq(env)
    with pytest.raises(AccessDenied) as err:
        AuthService(env.ctx).login("nobody.here", "whatever-123")
    assert err.value.code == "login_failed"
    events = attempts(env, start)
    assert len(events) == 1 and events[0].action == "login.failed" and events[0].actor == "-"
    assert json.loads(events[0].details_json) == {"outcome": "unknown_user"}


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
