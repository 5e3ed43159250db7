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


def test_the_teams_numbers_and_trainee_policy(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["admin"])
    dialog = dialog_for(qtbot, window)
    assert {dialog.team_day, dialog.team_after, dialog.trainees} <= set(dialog.admin_only)
    dialog.team_day.setText("011 234 5678")  # spaces would come out in the wrong order in Arabic text
    dialog.save()
    assert not dialog.error.isHidden() and "011-234-5678" in dialog.error.text()  # the example, in words
    assert services.settings.current().team_phone_day == ""
    dialog.team_day.setText("011-234-5678")
    dialog.team_after.setText("0112349999")
    dialog.trainees.setChecked(False)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    s = services.settings.current()
    assert (s.team_phone_day, s.team_phone_after_hours, s.trainees_take_part) == ("011-234-5678", "0112349999", False)


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
