"""First run on a computer that joins a shared database: the first-run page offers it, the station
dialog tests the connection against the real PostgreSQL server the tests start (a wrong password,
an empty database, a ready one) and saves the station file without the password; the station then
opens on the server and its name and kind are in the title bar. In Arabic, as the desk starts."""
from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt

from tests.pg import ROLE, ROLE_PASSWORD

pytestmark = pytest.mark.postgresql


def fill(dialog, server, database: str, password: str) -> None:
    dialog.name.setText("مكتب ما قبل الإجراء ٢")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("desk"))
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(server.port)
    dialog.database.setText(database)
    dialog.role.setText(ROLE)
    dialog.password.setText(password)
    dialog.ssl.setCurrentIndex(dialog.ssl.findData("disable"))


def test_the_first_run_page_offers_to_join_a_shared_database(qtbot, services, make_window, translations):
    from app.ui.desk.station_setup import add_join_button

    window = make_window(services)
    assert window.root.currentWidget() is window.first_run
    window.reopen_station = lambda: None  # run_desktop sets it before the page is built
    add_join_button(window)
    button = window.first_run.join_button
    qtbot.waitUntil(lambda: button.isVisibleTo(window), timeout=2000)  # shown once the event loop runs
    assert button.isVisibleTo(window) and button.text() == "ينضم هذا الحاسوب إلى قاعدة بيانات قائمة…"
    assert button.accessibleName() and button.accessibleName() != button.text()
    translations.switch("en")  # the page's own language choice: the button follows it
    qtbot.waitUntil(lambda: button.text() == "This computer &joins an existing database…", timeout=2000)


def test_test_the_connection_then_save_and_open_the_station(qtbot, translations, tmp_path, pg_server):
    """On a computer without an OS key store (tests/conftest.py: no_key_store) the password goes to
    the data folder's pgpass file."""
    from app.ui.desk.station_setup import StationDialog

    data = tmp_path / "desk-2"
    ready = pg_server.fresh_database()
    empty = pg_server.empty_database()
    dialog = StationDialog(data)
    qtbot.addWidget(dialog)
    dialog.show()

    fill(dialog, pg_server, ready, "not-the-password")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert dialog.outcome.text().startswith("رفض خادم قاعدة البيانات دخول هذا الحاسوب"), dialog.outcome.text()

    fill(dialog, pg_server, empty, ROLE_PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    # the server's name and version ("PostgreSQL 15.18 (Debian 15.18-0+deb12u1)") kept whole in the Arabic
    assert dialog.outcome.text().startswith("تم الاتصال: \u2068PostgreSQL 1"), dialog.outcome.text()
    assert "\u2069؛ " in dialog.outcome.text()
    assert "قاعدة البيانات فارغة" in dialog.outcome.text()

    fill(dialog, pg_server, ready, ROLE_PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert dialog.outcome.text().endswith("قاعدة البيانات جاهزة."), dialog.outcome.text()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.password.text() == ""
    saved = json.loads((data / "station.json").read_text(encoding="utf-8"))
    assert saved["kind"] == "desk" and saved["name"] == "مكتب ما قبل الإجراء ٢"
    assert ROLE_PASSWORD not in (data / "station.json").read_text(encoding="utf-8")
    assert saved["database"].endswith(f"/{ready}?sslmode=disable")
    pgpass = data / "pgpass"
    assert ROLE_PASSWORD in pgpass.read_text() and (os.name != "posix" or pgpass.stat().st_mode & 0o777 == 0o600)

    # The station opens on the server with the password from the pgpass file; the title bar says which.
    from app.ui.desk.window import MainWindow
    from app.ui.station_start import open_station_services

    services = open_station_services(data)
    try:
        assert services.ctx.db.shared and services.ctx.db.engine.url.database == ready
        window = MainWindow(translations)
        qtbot.addWidget(window)
        window.attach(services)
        assert "\u2068مكتب ما قبل الإجراء ٢\u2069 (مكتب)" in window.windowTitle(), window.windowTitle()
    finally:
        services.ctx.close()
