"""About: the version of pyproject.toml, the commit, the forms the program ships; F1 or the header's
icon; in Arabic, every string translated."""
from __future__ import annotations

import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.build_info import BuildInfo, FormShipped

ROOT = Path(__file__).resolve().parents[3]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def strip_isolates(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def test_f1_on_the_sign_in_screen_shows_version_commit_and_forms(qtbot, services, staffed, make_window):
    window = make_window(services)
    assert window.root.currentWidget() is window.login  # before anyone signs in
    qtbot.keyClick(window, Qt.Key_F1)
    about = window.about_dialog
    assert about is not None and about.isVisible()
    assert strip_isolates(about.version.text()) == VERSION
    assert strip_isolates(about.commit.text()) == about.info.commit != ""
    forms = about.forms.text().splitlines()
    assert len(forms) == len(list((ROOT / "forms").glob("*.yaml"))) == len(about.info.forms)
    assert any("رأب الفقرات" in line for line in forms) and any("رأب الحدبة" in line for line in forms)
    assert about.windowTitle() == "حول مكتب الموافقات" == about.accessibleName()
    close = about.buttons.button(QDialogButtonBox.Close)
    qtbot.mouseClick(close, Qt.LeftButton)
    assert not about.isVisible()


def test_the_header_icon_is_named_in_the_interface_language_and_opens_about(
        qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["nurse"])
    button = window.header.about
    assert button.isVisible() and button.accessibleName() == "حول البرنامج"
    assert "F1" in button.toolTip()
    qtbot.mouseClick(button, Qt.LeftButton)
    assert window.about_dialog.isVisible()
    window.about_dialog.reject()
    services.settings.update(services.auth.login(people["admin"]["username"], people["admin"]["password"]),
                             language="en")
    window.apply_language("en")
    assert button.accessibleName() == "About"
    assert window.about_dialog.rows[0].text() == "Version"


def test_no_about_over_the_lock_screen(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["nurse"])
    window.lock_now()
    qtbot.keyClick(window, Qt.Key_F1)
    assert window.about_dialog is None or not window.about_dialog.isVisible()


def test_a_form_line_names_procedure_language_version_and_hash(qtbot, translations):
    from app.ui.desk.about import AboutDialog

    info = BuildInfo("9.8.7", "abc123def456", (FormShipped("kyphoplasty", "ar", "2026.11-1", "f" * 64),))
    dialog = AboutDialog(info=info)
    qtbot.addWidget(dialog)
    assert strip_isolates(dialog.forms.text()) == "رأب الحدبة (العربية): الإصدار 2026.11-1، ffffffffffffffff"
    assert strip_isolates(dialog.commit.text()) == "abc123def456"


def test_every_string_of_the_about_box_is_in_the_arabic_translation(tmp_path):
    scratch = tmp_path / "scratch_ar.ts"
    subprocess.run(["pyside6-lupdate", str(ROOT / "app" / "ui" / "desk" / "about.py"),
                    str(ROOT / "app" / "ui" / "desk" / "window.py"), "-ts", str(scratch)], check=True,
                   capture_output=True)
    wanted = {(c.findtext("name"), m.findtext("source"))
              for c in ET.parse(scratch).getroot().iter("context") for m in c.iter("message")
              if c.findtext("name") == "AboutDialog" or m.findtext("source") == "About"}
    have = {(c.findtext("name"), m.findtext("source"))
            for c in ET.parse(ROOT / "resources" / "i18n" / "desk_ar.ts").getroot().iter("context")
            for m in c.iter("message") if (m.findtext("translation") or "").strip()}
    assert wanted and wanted <= have, sorted(wanted - have)
