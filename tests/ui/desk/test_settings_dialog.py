"""Settings: saved through the service; administrators for everything but the language."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.desk.settings_dialog import SettingsDialog



def dialog_for(qtbot, window):
    dialog = SettingsDialog(window.services, window.session, window)
    qtbot.addWidget(dialog)
    return dialog


def test_admin_saves_settings(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["admin"])
    dialog = dialog_for(qtbot, window)
    assert all(w.isEnabled() for w in dialog.admin_only)
    dialog.idle.setValue(15)
    dialog.zone.setCurrentIndex(dialog.zone.findData("Asia/Dubai"))
    dialog.emergency.setText("998")
    assert dialog.week.currentData() == "sunday"
    dialog.week.setCurrentIndex(dialog.week.findData("saturday"))  # the calendars' first day
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    s = services.settings.current()
    assert (s.idle_lock_minutes, s.time_zone, s.emergency_number) == (15, "Asia/Dubai", "998")
    assert s.week_starts_on == "saturday"
    window.settings_applied(s, dialog.changed_keys)
    assert window.watcher.timer.interval() == 15 * 60_000


def test_bad_value_is_refused_in_words(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["admin"])
    dialog = dialog_for(qtbot, window)
    dialog.emergency.setText("99x")
    dialog.save()
    assert not dialog.error.isHidden() and services.settings.current().emergency_number == "997"


def test_nurse_changes_only_the_language_and_it_applies_live(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["nurse"])
    dialog = dialog_for(qtbot, window)
    assert dialog.language.isEnabled()
    assert not any(w.isEnabled() for w in dialog.admin_only)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert services.settings.current().language == "en"
    window.settings_applied(services.settings.current(), dialog.changed_keys)
    assert QApplication.layoutDirection() == Qt.LeftToRight
    assert window.header.today.text() == "Today"
    assert window.today_page.title.text() == "Today at the desk"
    assert window.header.institution.text() == "Al Shifa Specialist Hospital"
