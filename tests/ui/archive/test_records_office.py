"""The records office: a station of kind ``records`` is the archive for administrators and nothing
else. A nurse is turned away at sign-in with the reason; an administrator gets the records office page
and the archive, without Today, New consent or their shortcuts; the title bar names the station."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.connection import StationFile


def office(services):
    services.station = StationFile("مكتب السجلات الطبية", "records")
    return services


def test_a_nurse_is_turned_away_with_the_reason(qtbot, services, staffed, make_window, people, translations):
    window = make_window(office(services))
    assert "\u2068مكتب السجلات الطبية\u2069 (مكتب السجلات)" in window.windowTitle(), window.windowTitle()
    login = window.login
    login.username.setText(people["nurse"]["username"])
    login.password.setText(people["nurse"]["password"])
    qtbot.mouseClick(login.button, Qt.LeftButton)
    assert window.session.actor is None and window.root.currentWidget() is window.login
    assert login.error.isVisible() and login.error.text().startswith("هذا الحاسوب مكتب السجلات")
    assert window.archive_window is None


def test_an_administrator_gets_the_archive_and_no_consent_flow(qtbot, services, staffed, make_window, people,
                                                               sign_in, translations):
    window = make_window(office(services))
    sign_in(window, people["admin"])
    page = window.records_office_page
    assert window.pages.currentWidget() is page
    assert not window.header.today.isVisible() and not window.header.new.isVisible()
    assert not window.shortcuts["today"].isEnabled() and not window.shortcuts["new"].isEnabled()
    assert window.archive_window is not None and window.archive_window.isVisible()
    window.archive_window.close()
    assert page.title.text() == "مكتب السجلات"
    qtbot.mouseClick(page.open_archive, Qt.LeftButton)  # the page opens it again
    assert window.archive_window.isVisible()
    window.archive_window.close()
    translations.switch("en")
    qtbot.waitUntil(lambda: page.title.text() == "Records office", timeout=2000)
    assert page.open_archive.text() == "Open the &archive"
