"""Every shell screen, in both languages: every control has an accessible name, in that language.

Set DESK_SHOTS=/some/folder to save a picture of each screen (to look at them)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from app.ui.common import a11y
from app.ui.desk.settings_dialog import SettingsDialog
from app.ui.desk.window import FlowPlaceholder, OpeningPage


SHOTS = os.environ.get("DESK_SHOTS")


def check(widget: QWidget, language: str, shot: str) -> None:
    missing = a11y.controls_without_name(widget)
    assert not missing, a11y.describe(missing)
    wrong = a11y.names_not_in_language(widget, language)
    assert not wrong, a11y.describe(wrong)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{shot}_{language}.png"))


def test_helper_finds_a_control_without_a_name(qtbot, look):
    root = QWidget()
    qtbot.addWidget(root)
    unnamed = QLineEdit(root)
    named = QLineEdit(root)
    named.setAccessibleName("Name")
    QPushButton("OK", root)
    assert a11y.controls_without_name(root) == [unnamed]
    assert a11y.names_not_in_language(root, "ar")  # "Name" and "OK"... are English on an Arabic screen


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_shell_screen_in_both_languages(qtbot, services, make_window, tmp_path, language, people, sign_in, setup_institution):
    from app.services.demo import DemoService

    window = make_window(services)
    window.apply_language(language)
    opening = OpeningPage()
    qtbot.addWidget(opening)
    check(opening, language, "opening")
    check(window.first_run, language, "first_run")
    window.first_run.import_p12.setChecked(True)
    check(window.first_run, language, "first_run_import")

    setup_institution(services)
    services.users.add_from_operator(role="nurse", name_latin="", **people["nurse"])
    out = tmp_path / "out"
    out.mkdir()
    list(DemoService(services.ctx).run(out, 2, None, False))
    window.show_login()
    check(window, language, "login")
    sign_in(window, people["nurse"])
    window.today_page.search.setText("فاطمة")
    window.today_page.run_search()
    check(window, language, "today")
    window.lock_now()
    check(window.lock_screen, language, "lock")
    window.lock_screen.password.setText(people["nurse"]["password"])
    window.lock_screen.try_unlock()
    dialog = SettingsDialog(services, window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, language, "settings_nurse")
    placeholder = FlowPlaceholder()
    qtbot.addWidget(placeholder)
    check(placeholder, language, "flow_placeholder")
    window.sign_out()
    sign_in(window, people["admin"])
    admin_dialog = SettingsDialog(services, window.session, window)
    qtbot.addWidget(admin_dialog)
    admin_dialog.show()
    check(admin_dialog, language, "settings_admin")


def accessible_tree(widget) -> list:
    """Every object a screen reader can reach from the window (hidden ones included, as Qt reports them)."""
    found, todo = [], [QAccessible.queryAccessibleInterface(widget)]
    while todo:
        iface = todo.pop()
        if iface is None or not iface.isValid():
            continue
        found.append(iface.object())
        todo += [iface.child(i) for i in range(iface.childCount())]
    return found


def test_no_hidden_sign_in_field_stays_in_the_accessibility_tree(qtbot, services, staffed, make_window, people,
                                                                   sign_in):
    window = make_window(services)
    sign_in(window, people["nurse"])
    qtbot.wait(10)  # the sign-in page goes on the next turn of the event loop
    passwords = [w for w in accessible_tree(window) if isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.Password]
    assert passwords == []
    window.lock_now()
    assert [w for w in accessible_tree(window) if isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.Password]
    window.lock_screen.password.setText(people["nurse"]["password"])
    window.lock_screen.try_unlock()
    qtbot.wait(10)
    assert not [w for w in accessible_tree(window) if isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.Password]


def test_an_administrator_is_told_why_new_consent_is_greyed(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["admin"])
    for button in (window.header.new, window.today_page.new_button):
        assert not button.isEnabled() and "الممرضون والأطباء" in button.accessibleDescription()
    assert window.today_page.role_hint.isVisible() and window.today_page.role_hint.text()
    window.sign_out()
    sign_in(window, people["nurse"])
    assert window.header.new.isEnabled() and not window.today_page.role_hint.isVisible()
