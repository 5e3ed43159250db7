"""Signing in: errors in words, one answer for every failure, every attempt audited; accounts changed
outside the program named and refused; the seal's PIN asked while the seal is locked at this station."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text


def audit_actions(services) -> list[str]:
    with services.ctx.db.transaction(read_only=True) as s:
        return [r[0] for r in s.execute(text("select action from audit_events order by seq"))]


def test_login_and_sign_out(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    assert window.root.currentWidget() is window.login
    sign_in(window, people["nurse"])
    assert window.pages.currentWidget() is window.today_page
    assert people["nurse"]["name_ar"] in window.header.user.text()
    assert "ممرض" in window.header.user.text()
    qtbot.mouseClick(window.header.sign_out, Qt.LeftButton)
    assert window.session.actor is None and window.root.currentWidget() is window.login


def test_wrong_password_then_the_account_waits_after_five(qtbot, services, staffed, make_window, people):
    window = make_window(services)
    login = window.login
    for attempt in range(5):
        login.username.setText(people["nurse"]["username"])
        login.password.setText("wrong-password-1")
        qtbot.mouseClick(login.button, Qt.LeftButton)
        assert window.session.actor is None
        assert login.error.isVisible()
        assert login.password.text() == ""
    said = login.error.text()
    assert "الانتظار" in said  # in Arabic, the one answer for every failure
    # even the right password is refused while the account waits, with the same words
    login.password.setText(people["nurse"]["password"])
    qtbot.mouseClick(login.button, Qt.LeftButton)
    assert window.session.actor is None and login.error.text() == said
    actions = audit_actions(services)
    assert actions.count("login.failed") == 6


def test_empty_username_is_asked_for(qtbot, services, staffed, make_window):
    window = make_window(services)
    qtbot.mouseClick(window.login.button, Qt.LeftButton)
    assert window.login.error.isVisible() and window.session.actor is None


def test_an_account_changed_outside_the_program_is_named_and_refused(qtbot, services, staffed, make_window,
                                                                       people, tmp_path):
    """A nurse made administrator by a direct edit of the database: the sign-in screen names the
    account at start-up, and the right password is refused with why (an administrator resolves it)."""
    import sqlite3

    from app.services.startup import start_desk

    con = sqlite3.connect(services.ctx.data_dir / "consent.db")
    con.execute("UPDATE users SET role = 'admin' WHERE username = ?", (people["nurse"]["username"],))
    con.commit()
    con.close()
    services.unresolved_accounts = start_desk(services.ctx, background=False)
    assert services.unresolved_accounts == [people["nurse"]["username"]]
    window = make_window(services)
    login = window.login
    assert login.unresolved.isVisible() and people["nurse"]["username"] in login.unresolved.text()
    login.username.setText(people["nurse"]["username"])
    login.password.setText(people["nurse"]["password"])
    qtbot.mouseClick(login.button, Qt.LeftButton)
    assert window.session.actor is None and "خارج البرنامج" in login.error.text()
    window.resize(1024, 768)
    window.grab().save(str(tmp_path / "login_unresolved_ar.png"))
    assert audit_actions(services)[-1] == "login.failed"


# --------------------------------------------------------------------------- the seal's PIN at sign-in
# A sealing station whose seal is on a real token (SoftHSM2) and locked: nothing given in this process,
# no CONSENT_DESK_SEAL_PIN (tests/ui/conftest.py sets it for every other test), no key store.

WRONG_PIN = "Wrong-Pin-7345"


@pytest.fixture
def locked_token(services, staffed, hsm_token, monkeypatch):
    monkeypatch.delenv("CONSENT_DESK_SEAL_PIN")
    services.institution.configure_pkcs11(staffed["admin"], hsm_token["module"], hsm_token["token"],
                                          hsm_token["key"], hsm_token["pin"])
    services.ctx.seal.unlock(None)  # the desk started again
    assert services.institution.locked_seal() == "pkcs11"
    return hsm_token


def seal_events(services) -> list[tuple[str, str, str]]:
    with services.ctx.db.transaction(read_only=True) as s:
        return [tuple(r) for r in s.execute(text(
            "select action, actor, details_json from audit_events where action like 'seal.%' order by seq"))]


def type_and_sign_in(qtbot, window, who: dict, pin: str) -> None:
    login = window.login
    login.username.setText(who["username"])
    login.password.setText(who["password"])
    login.seal_pin.setText(pin)
    qtbot.mouseClick(login.button, Qt.LeftButton)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_locked_seal_asks_for_its_pin_named_in_the_interface_language(qtbot, services, staffed, locked_token,
                                                                         make_window, language):
    from PySide6.QtWidgets import QLineEdit

    from app.ui.common import a11y

    services.settings.update(staffed["admin"], language=language)
    window = make_window(services)
    login = window.login
    assert login.seal_box.isVisible() and login.seal_pin.echoMode() == QLineEdit.Password
    assert login.seal_pin.accessibleName() == {"ar": "الرمز السري للختم", "en": "Seal PIN"}[language]
    assert login.seal_hint.isVisible() and login.seal_pin.accessibleDescription() == login.seal_hint.text()
    assert {"ar": "حتى إغلاق البرنامج", "en": "until the program is closed"}[language] in login.seal_hint.text()
    assert not a11y.controls_without_name(login), a11y.describe(a11y.controls_without_name(login))
    assert not a11y.names_not_in_language(login, language), a11y.describe(a11y.names_not_in_language(login, language))
    # Return in the password field goes on to the PIN (shown, so not skipped unseen); Return there signs in
    login.password.setFocus()
    qtbot.keyClick(login.password, Qt.Key_Return)
    assert login.seal_pin.hasFocus() and window.session.actor is None


def test_the_right_pin_at_sign_in_unlocks_the_seal_for_the_session(qtbot, services, staffed, locked_token,
                                                                    make_window, people):
    window = make_window(services)
    type_and_sign_in(qtbot, window, people["nurse"], locked_token["pin"])
    assert window.session.actor is not None and window.session.actor.username == people["nurse"]["username"]
    assert services.institution.locked_seal() == ""
    assert services.ctx.seal.signer().source == "pkcs11"  # the next consent is sealed with the token's key
    banner = window.today_page.seal_banner
    assert banner.isVisible() and banner.kind == "ok" and "فُتح ختم المؤسسة" in banner.message()
    (action, actor, details), = seal_events(services)
    assert (action, actor) == ("seal.unlocked", people["nurse"]["username"]) and '"sign-in"' in details
    assert locked_token["pin"] not in details
    # signed out and in again: nothing more to ask, nothing said
    window.sign_out()
    assert not window.login.seal_box.isVisible()
    type_and_sign_in(qtbot, window, people["physician"], "")
    assert window.session.actor is not None and not window.today_page.seal_banner.isVisible()


def test_a_wrong_pin_signs_in_and_says_the_seal_stays_locked(qtbot, services, staffed, locked_token,
                                                              make_window, people, tmp_path):
    window = make_window(services)
    login = window.login
    login.username.setText(people["nurse"]["username"])
    login.password.setText("not-her-password-1")
    login.seal_pin.setText(locked_token["pin"])
    qtbot.mouseClick(login.button, Qt.LeftButton)
    # a refused password: the PIN is not tried, and not kept in the field
    assert window.session.actor is None and login.seal_pin.text() == "" and seal_events(services) == []
    type_and_sign_in(qtbot, window, people["nurse"], WRONG_PIN)
    assert window.session.actor is not None  # signed in all the same
    assert services.institution.locked_seal() == "pkcs11"
    banner = window.today_page.seal_banner
    assert banner.kind == "warning" and banner.isVisible()
    assert "يبقى مقفلًا" in banner.message() and "رفض الجهاز الأمني الرمز" in banner.message()
    assert [(a, u) for a, u, _ in seal_events(services)] == [("seal.unlock_refused", people["nurse"]["username"])]
    assert WRONG_PIN not in seal_events(services)[0][2]
    window.resize(1024, 768)
    window.grab().save(str(tmp_path / "today_seal_still_locked_ar.png"))
    window.sign_out()  # still locked: asked again, the field empty
    assert window.login.seal_box.isVisible() and window.login.seal_pin.text() == ""


def test_the_pin_is_not_asked_when_the_seal_is_not_locked(qtbot, services, staffed, make_window, monkeypatch):
    window = make_window(services)  # the hospital's PKCS#12, its passphrase in the environment
    assert services.institution.locked_seal() == "" and not window.login.seal_box.isVisible()
    window.close()
    monkeypatch.delenv("CONSENT_DESK_SEAL_PIN")
    services.ctx.seal.unlock(None)
    window = make_window(services)  # the PKCS#12's passphrase is asked for as such
    assert window.login.seal_box.isVisible()
    assert window.login.seal_pin.accessibleName() == "عبارة مرور الختم"
    window.close()
    (services.ctx.seal.folder / "institution.p12").unlink()  # no institution seal: demonstration only
    window = make_window(services)
    assert services.institution.locked_seal() == "" and not window.login.seal_box.isVisible()
