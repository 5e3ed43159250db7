"""Sign-in takes the same time whatever was wrong: an unknown username, a wrong password, an account
that must wait (each does exactly one argon2 check; tests/services/test_auth.py counts them). Before
issue 13 a locked account answered in 1.9 ms and a wrong password in 31 ms.

    python -m pytest tests/bench/bench_signin.py --benchmark-enable -p no:randomly
"""
from __future__ import annotations

import itertools

import pytest

from app.domain.errors import AccessDenied
from app.services.auth import AuthService
from tests.services.conftest import PASSWORDS, make_env

DESKS = itertools.count()


@pytest.fixture(scope="module")
def signin_env(tmp_path_factory):
    env = make_env(tmp_path_factory.mktemp("bench-signin") / "data")
    auth = AuthService(env.ctx)
    for _ in range(5):  # the physician's account now waits
        with pytest.raises(AccessDenied):
            auth.login("dr.khalid", "wrong-password-1")
    yield env
    env.ctx.close()


def refused(ctx, username: str, password: str) -> str:
    # A fresh desk name per attempt, so the desk's own back-off (which answers at once) stays out of it.
    try:
        AuthService(ctx, desk=f"bench-{next(DESKS)}").login(username, password)
    except AccessDenied as exc:
        return exc.code
    raise AssertionError("signed in")


@pytest.mark.parametrize("case,username,password", [
    ("unknown_user", "nobody.here", "whatever-123"),
    ("wrong_password", "nurse.sara", "wrong-password-1"),
    ("account_waiting", "dr.khalid", PASSWORDS["physician"]),
])
def test_refused_sign_in(benchmark, signin_env, case, username, password):
    assert benchmark(refused, signin_env.ctx, username, password) == "login_failed"
