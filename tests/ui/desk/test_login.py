"""Signing in: errors in words, five failures lock the account, every attempt audited."""
from __future__ import annotations

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


def test_wrong_password_then_lockout_after_five(qtbot, services, staffed, make_window, people):
    window = make_window(services)
    login = window.login
    for attempt in range(5):
        login.username.setText(people["nurse"]["username"])
        login.password.setText("wrong-password-1")
        qtbot.mouseClick(login.button, Qt.LeftButton)
        assert window.session.actor is None
        assert login.error.isVisible()
        assert login.password.text() == ""
    assert "مقفل" in login.error.text()  # locked, said in Arabic
    # even the right password is refused while the account is locked
    login.password.setText(people["nurse"]["password"])
    qtbot.mouseClick(login.button, Qt.LeftButton)
    assert window.session.actor is None and "مقفل" in login.error.text()
    actions = audit_actions(services)
    assert actions.count("login.failed") == 6


def test_empty_username_is_asked_for(qtbot, services, staffed, make_window):
    window = make_window(services)
    qtbot.mouseClick(window.login.button, Qt.LeftButton)
    assert window.login.error.isVisible() and window.session.actor is None
