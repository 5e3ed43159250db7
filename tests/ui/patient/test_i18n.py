"""Every page of the patient screen in Arabic and in English: every control has an accessible name in
the interface language, the layout follows the language, and patient_screen_ar.ts is complete and
matches the source (every tr() string of the patient-screen modules is in it)."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.common import a11y
from app.ui.patient.window import PatientScreen
from tests.ui.flow_helpers import PASSWORD, ROOT, draw_signature, make_env
from tests.ui.patient.test_window import ready_draft

TS = ROOT / "resources" / "i18n" / "patient_screen_ar.ts"
MODULES = ["patient/window.py", "patient/review.py", "patient/signing.py", "patient/kiosk.py", "patient/read_aloud.py",
           "patient/screens.py"]
ARABIC = re.compile("[\u0600-\u06ff]")


def check(widget, language: str, where: str) -> None:
    missing = a11y.controls_without_name(widget)
    assert not missing, (where, a11y.describe(missing))
    wrong = a11y.names_not_in_language(widget, language)
    assert not wrong, (where, a11y.describe(wrong))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_patient_page_in_both_languages(qtbot, tmp_path, translations, language):
    translations.switch(language)
    direction = Qt.RightToLeft if language == "ar" else Qt.LeftToRight
    QApplication.instance().setLayoutDirection(direction)
    env = make_env(tmp_path)
    try:
        screen = PatientScreen(env.services, env.session, ready_draft(env, interpreter=True))
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        assert screen.layoutDirection() == direction
        assert bool(ARABIC.search(screen.sections.understood_button.text())) == (language == "ar")
        if language == "ar":
            assert screen.sections.understood_button.text() == "فهمت"
            assert screen.sections.question_button.text() == "لدي سؤال"
        check(screen, language, "sections")
        qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
        check(screen, language, "sections after a question")
        for _ in range(len(screen.form.sections)):
            qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
        check(screen, language, "review")
        qtbot.mouseClick(screen.review.decline_button, Qt.LeftButton)
        check(screen, language, "decline")
        qtbot.mouseClick(screen.decline.back_button, Qt.LeftButton)
        qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
        check(screen, language, "signing: patient")
        screen.signing.as_rep.setChecked(True)
        check(screen, language, "signing: representative")
        screen.signing.as_patient.setChecked(True)
        draw_signature(screen.signing.pad)
        qtbot.mouseClick(screen.signing.accept_button, Qt.LeftButton)
        assert screen.signing.role == "interpreter"
        check(screen, language, "signing: interpreter")
        screen.idle.expire()
        check(screen, language, "neutral")
        qtbot.mouseClick(screen.neutral.button, Qt.LeftButton)
        check(screen, language, "staff")
        screen.staff.password.setText(PASSWORD)
        qtbot.mouseClick(screen.staff.resume_button, Qt.LeftButton)
        screen.signing.signer_name.setText("سامي حداد")
        screen.signing.language.setText("الأردية")
        screen.signing.attest.setChecked(True)
        draw_signature(screen.signing.pad)
        qtbot.mouseClick(screen.signing.accept_button, Qt.LeftButton)
        assert screen.current_page() is screen.done
        check(screen, language, "done")
        assert bool(ARABIC.search(screen.done.text.text())) == (language == "ar")
        screen.leave()
    finally:
        env.ctx.close()


def test_the_translation_file_is_complete_and_matches_the_source(tmp_path):
    root = ET.parse(TS).getroot()
    assert root.get("language") == "ar"
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert not unfinished, unfinished[:10]
    for m in root.iter("message"):
        for ph in ("%1", "%2", "%3"):
            assert (ph in m.findtext("source")) == (ph in m.findtext("translation")), m.findtext("source")
    # Every string of the modules is in the file (lupdate on the sources, into a scratch file).
    scratch = tmp_path / "scratch_ar.ts"
    ui = ROOT / "app" / "ui"
    subprocess.run(["pyside6-lupdate", *[str(ui / m) for m in MODULES], "-ts", str(scratch)], check=True,
                   capture_output=True)
    wanted = {(c.findtext("name"), m.findtext("source"))
              for c in ET.parse(scratch).getroot().iter("context") for m in c.iter("message")}
    have = {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}
    assert wanted <= have, sorted(wanted - have)[:10]
