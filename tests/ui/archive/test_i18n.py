"""Every archive and administration screen in both languages: every control has an accessible name,
in the interface language; Arabic is right to left; archive_ar.ts is complete and compiles.

Set DESK_SHOTS=/some/folder to save a picture of each screen."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWidget

from app.paths import resource_path
from app.ui.admin.users_page import UserDialog
from app.ui.admin.window import AdminWindow
from app.ui.archive.export_dialog import ExportDialog
from app.ui.archive.outcome_dialogs import CorrectDialog, WithdrawDialog
from app.ui.archive.print_dialog import PrintDialog
from app.ui.archive.search import COLUMNS
from app.ui.archive.verify import VerifyDialog
from app.ui.archive.window import ArchiveWindow
from app.ui.common import a11y
from tests.ui.archive_helpers import FakeQueue, archive_env  # noqa: F401  (fixture)

SHOTS = os.environ.get("DESK_SHOTS")
ARABIC = re.compile("[\u0600-\u06ff]")


def check(qtbot, widget: QWidget, language: str, shot: str) -> None:
    if not widget.isVisible():
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    missing = a11y.controls_without_name(widget)
    assert not missing, (shot, a11y.describe(missing))
    wrong = a11y.names_not_in_language(widget, language)
    assert not wrong, (shot, a11y.describe(wrong))
    expected = Qt.RightToLeft if language == "ar" else Qt.LeftToRight
    assert widget.layoutDirection() == expected, shot
    if language == "ar":
        assert ARABIC.search(widget.windowTitle() or "ا"), shot
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{shot}_{language}.png"))


@pytest.fixture(params=["ar", "en"])
def language(request, translations, qapp):
    from app.ui.common.style import direction_for

    translations.switch(request.param)
    qapp.setLayoutDirection(direction_for(request.param))
    return request.param


def test_archive_screens(qtbot, archive_env, language):
    env = archive_env
    for role in ("admin", "nurse", "physician"):
        window = ArchiveWindow(env.services, env.session(role), print_backend=FakeQueue())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.bar.use_dates.setChecked(True)
        window.bar.button.click()
        assert len(window.rows()) == 3
        window.table.selectionModel().setCurrentIndex(
            window.model.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        window.open_current()
        qtbot.waitUntil(lambda: window.preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
        check(qtbot, window, language, f"archive_{role}")
        if language == "ar":
            assert ARABIC.search(window.model.headerData(0, Qt.Horizontal))
            assert ARABIC.search(window.model.data(window.model.index(0, COLUMNS.index("status"))))  # the status in words
    record = env.services.records.record(env.staff["nurse"], env.records[0])
    screens = {
        "print": PrintDialog(env.services, env.session("nurse"), env.records[:2], backend=FakeQueue()),
        "print_noqueue": PrintDialog(env.services, env.session("nurse"), [], backend=None),
        "export": ExportDialog(env.services, env.session("admin"), folder=env.tmp),
        "verify": VerifyDialog(env.services, env.session("admin"), env.records),
        "withdraw": WithdrawDialog(env.services, env.session("nurse"), record),
        "correct": CorrectDialog(env.services, env.session("physician"), record),
    }
    for name, dialog in screens.items():
        check(qtbot, dialog, language, f"archive_{name}")


def test_admin_screens(qtbot, archive_env, language):
    env = archive_env
    for role in ("admin", "physician"):
        window = AdminWindow(env.services, env.session(role))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        for n in range(window.pages.count()):
            window.pages.setCurrentIndex(n)
            key = list(window.page)[n]
            check(qtbot, window, language, f"admin_{key}_{role}")
    for mode in ("add", "password", "role"):
        check(qtbot, UserDialog(mode, None, "nurse.huda"), language, f"admin_user_{mode}")


def test_shell_entries_are_translated(qtbot, services, staffed, make_window, people, sign_in, language):
    services.settings.update(staffed["admin"], language=language)
    window = make_window(services)
    sign_in(window, people["admin"])
    for button in window.header.window_buttons():
        assert button.isVisible()
        assert bool(ARABIC.search(button.text())) == (language == "ar"), button.text()
    assert not a11y.controls_without_name(window.header)
    assert not a11y.names_not_in_language(window.header, language)


def test_archive_translations_are_complete_and_compile(tmp_path):
    from app.ui.common import i18n

    ts = resource_path("i18n", "archive_ar.ts")
    root = ET.parse(ts).getroot()
    missing = [m.findtext("source") for m in root.iter("message")
               if m.find("translation").get("type") in ("unfinished", "vanished")
               or not "".join(m.find("translation").itertext()).strip()]
    assert not missing, missing[:10]
    for m in root.iter("message"):  # placeholders survive translation
        src, tr = m.findtext("source"), "".join(m.find("translation").itertext())
        for ph in re.findall(r"%\d|%v|%m", src):
            assert ph in tr, (src, tr)
    qm = tmp_path / "archive_ar.qm"
    assert i18n.compile_ts(ts, qm) and qm.stat().st_size > 0
