"""Signing in: errors in words, one answer for every failure, every attempt audited; accounts changed
outside the program named and refused."""
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
