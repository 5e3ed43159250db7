"""Every test gets a fresh, private data folder; Qt never needs a display; randomized tests repeat.

Hypothesis draws the same examples on every run (``derandomize``), so a submission never fails on
luck and a failure is reproduced by running the test again. The wide random search is a run of its
own, not part of the suite: ``HYPOTHESIS_PROFILE=wide python -m pytest tests/domain tests/storage
tests/hardening`` (new examples every time, many more of them; a failure prints how to reproduce it).
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("wide", max_examples=1000, derandomize=False, database=None, print_blob=True,
                          deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("CONSENT_DESK_DATA", str(data))
    return data


# --------------------------------------------------------------------------- SQLite and PostgreSQL
# Tests that ask for ``backend`` run on both engines (tests/backends.py); ``sqlite_only`` opts out.

def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself (pragmas, files, mounts)")
    config.addinivalue_line("markers", "postgresql_only: the test is about PostgreSQL itself")
    config.addinivalue_line("markers", "postgresql: runs against the session's PostgreSQL server")


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    from tests.backends import NAMES, POSTGRESQL, SQLITE

    names = NAMES
    if metafunc.definition.get_closest_marker("sqlite_only"):
        names = (SQLITE,)
    elif metafunc.definition.get_closest_marker("postgresql_only"):
        names = (POSTGRESQL,)
    params = [pytest.param(n, marks=[pytest.mark.postgresql] if n == POSTGRESQL else [], id=n) for n in names]
    metafunc.parametrize("backend", params, indirect=True, scope="module")


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (tests/pg.py): skipped where PostgreSQL is not installed,
    a failure in CI. Stopped at the end of the run."""
    from tests.pg import start_or_skip

    server = start_or_skip()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def backend(request):
    """The engine of this test run: SQLite or PostgreSQL (a fresh database per context)."""
    import tests.backends as backends

    name = getattr(request, "param", backends.SQLITE)
    server = request.getfixturevalue("pg_server") if name == backends.POSTGRESQL else None
    chosen = backends.Backend(name, server)
    backends.CURRENT = chosen
    yield chosen
    backends.CURRENT = None
    chosen.cleanup()


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """A real PKI for the whole run (tests/pki.py): certomancer's CA, seal, TSA, OCSP and CRLs,
    served on 127.0.0.1 and stopped at the end. A test that stops it starts it again."""
    from tests.pki import TestPki

    pki = TestPki(tmp_path_factory.mktemp("pki"))
    pki.start()
    yield pki
    pki.stop()


@pytest.fixture
def pki_up(pki):
    """The PKI, with its responders running for this test (and after it)."""
    pki.start()
    yield pki
    pki.start()


@pytest.fixture(scope="session")
def hsm_token(pki, tmp_path_factory):
    """A SoftHSM2 token initialised for this run, the seal key generated on it (tests/pki.py)."""
    from tests.pki import softhsm_module, softhsm_token

    if softhsm_module() is None:
        pytest.fail("SoftHSM2 is not installed (Debian package softhsm2; .ci/run installs it)")
    return softhsm_token(tmp_path_factory.mktemp("hsm"), pki)


@pytest.fixture
def key_store():
    """An OS key store for this test: keyring's backend interface over a dict (the desks use Windows
    Credential Manager, the Keychain or the Secret Service, none of which runs on this machine)."""
    import keyring
    from keyring.backend import KeyringBackend

    kept: dict[tuple[str, str], str] = {}

    class InMemory(KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            return kept.get((service, username))

        def set_password(self, service, username, password):
            kept[(service, username)] = password

        def delete_password(self, service, username):
            from keyring.errors import PasswordDeleteError

            if kept.pop((service, username), None) is None:
                raise PasswordDeleteError("nothing kept")

    previous = keyring.get_keyring()
    keyring.set_keyring(InMemory())
    yield kept
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_key_store():
    """A computer without a key store (a headless Linux desk): keyring's own 'fail' backend, for every
    test unless it asks for ``key_store``, so no test reads or writes a developer's own key store."""
    import keyring
    from keyring.backends.fail import Keyring as Fail

    previous = keyring.get_keyring()
    keyring.set_keyring(Fail())
    yield
    keyring.set_keyring(previous)
