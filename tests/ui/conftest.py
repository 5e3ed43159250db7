"""Fixtures for the desk's screens: a data folder in tmp_path, the services, staff, the shell."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from app.domain.roles import Actor

ADMIN = {"username": "admin.one", "name_ar": "مدير النظام", "password": "Kb7-desk-admin"}
NURSE = {"username": "nurse.huda", "name_ar": "هدى الشمري", "password": "Tr4-nurse-desk"}
PHYSICIAN = {"username": "dr.salem", "name_ar": "د. سالم العمري", "password": "Ph9-doctor-desk"}


@pytest.fixture(scope="session", autouse=True)
def _translation_cache(tmp_path_factory):
    """Compiled .qm files go to a private cache, not the user's."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def look(qapp):
    from app.ui.common.style import apply_look

    apply_look(qapp, "ar")
    return qapp


@pytest.fixture
def translations(qapp, look):
    from app.ui.common.i18n import Translations
    from app.ui.common.style import direction_for

    tr = Translations(qapp)
    tr.switch("ar")
    qapp.setLayoutDirection(direction_for("ar"))
    yield tr
    tr.release()  # removes the translators this test installed
    qapp.setLayoutDirection(direction_for("ar"))


@pytest.fixture(autouse=True)
def hospital_seal(pki, monkeypatch):
    """Every desk in these tests belongs to a hospital whose IT installed the trust file (the session's
    certomancer CA) and whose seal's passphrase the sealing station was given (the environment, as
    from the OS key store); ``ctx`` and ``flow_helpers.make_env`` put its PKCS#12 in the data folder."""
    from tests import pki as test_pki
    from tests.ui import flow_helpers

    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))
    monkeypatch.setenv("CONSENT_DESK_SEAL_PIN", test_pki.SEAL_PASSPHRASE)
    monkeypatch.setattr(flow_helpers, "PKI", pki)
    return pki


@pytest.fixture
def ctx(tmp_path, hospital_seal):
    from app.services.context import open_context
    from tests.services.conftest import install_seal

    context = open_context(tmp_path / "data")
    install_seal(context, hospital_seal)
    yield context
    context.close()


@pytest.fixture
def services(ctx):
    from app.ui.common.services import DeskServices

    return DeskServices.build(ctx)


def complete_setup(services) -> Actor:
    return services.setup.complete(institution_ar="مستشفى الشفاء التخصصي", institution_en="Al Shifa Specialist Hospital",
                                   admin_username=ADMIN["username"], admin_name_ar=ADMIN["name_ar"],
                                   admin_password=ADMIN["password"])


@pytest.fixture
def staffed(services):
    """An institution that is set up, with an administrator, a nurse and a physician."""
    admin = complete_setup(services)
    nurse = services.users.add_from_operator(role="nurse", name_latin="", **NURSE)
    physician = services.users.add_from_operator(role="physician", name_latin="", **PHYSICIAN)
    return {"admin": admin, "nurse": nurse, "physician": physician}


@pytest.fixture
def make_window(qtbot, translations):
    """A shell attached to the services; ``idle_ms`` sets a short injectable idle timer."""
    from PySide6.QtCore import QTimer

    from app.ui.desk.window import MainWindow

    def make(services, idle_ms: int | None = None):
        timer = None
        if idle_ms is not None:
            timer = QTimer()
            timer.setInterval(idle_ms)
        window = MainWindow(translations, idle_timer=timer)
        qtbot.addWidget(window)
        window.attach(services)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts need the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    return make


@pytest.fixture
def people():
    return {"admin": ADMIN, "nurse": NURSE, "physician": PHYSICIAN}


@pytest.fixture
def setup_institution():
    return complete_setup


@pytest.fixture
def sign_in(qtbot):
    return lambda window, who: _sign_in(qtbot, window, who)


def _sign_in(qtbot, window, who: dict) -> None:
    login = window.login
    login.username.setText(who["username"])
    login.password.setText(who["password"])
    qtbot.mouseClick(login.button, Qt.LeftButton)
    assert window.session.actor is not None, login.error.text()
