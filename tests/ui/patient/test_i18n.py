"""The patient screen speaks the patient's language (the form's, Arabic here) whatever the desk uses: with
the desk in Arabic or in English, every page is Arabic and right to left, every control has an accessible
name in Arabic, the key risk sentence keeps its order; patient_screen_ar.ts is complete and matches the
source (every tr() string of the patient-screen modules is in it)."""
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
from tests.ui.patient.test_window import answer_the_choices, ready_draft

TS = ROOT / "resources" / "i18n" / "patient_screen_ar.ts"
MODULES = ["patient/window.py", "patient/review.py", "patient/signing.py", "patient/kiosk.py", "patient/read_aloud.py",
           "patient/screens.py"]
ARABIC = re.compile("[\u0600-\u06ff]")


def check(widget, language: str, where: str) -> None:
    missing = a11y.controls_without_name(widget)
    assert not missing, (where, a11y.describe(missing))
    wrong = a11y.names_not_in_language(widget, language)
    assert not wrong, (where, a11y.describe(wrong))


@pytest.mark.parametrize("desk_language", ["ar", "en"])
def test_every_patient_page_in_the_forms_language(qtbot, tmp_path, translations, desk_language):
    translations.switch(desk_language)
    QApplication.instance().setLayoutDirection(Qt.RightToLeft if desk_language == "ar" else Qt.LeftToRight)
    language = "ar"  # the form's: the patient's language, whatever the desk's
    env = make_env(tmp_path)
    try:
        screen = PatientScreen(env.services, env.session, ready_draft(env, interpreter=True))
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        assert screen.layoutDirection() == Qt.RightToLeft
        assert screen.sections.understood_button.text() == "فهمت"
        assert screen.sections.question_button.text() == "لدي سؤال"
        assert screen.staff_button.text() != "Staff" and ARABIC.search(screen.staff_button.text())
        check(screen, language, "sections")
        qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
        check(screen, language, "sections after a question")
        for _ in range(len(screen.form.sections)):
            qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
        check(screen, language, "review")
        summary = screen.review.summary.toPlainText()
        assert "Level" not in summary and ARABIC.search(summary.split("\n")[1])  # the levels line is Arabic
        # What the reviewed content added speaks the form's language too: the patient's own questions with
        # their big Yes and No, the numbers to call, the planned anaesthesia.
        for question in screen.review.choice_widgets.values():
            assert ARABIC.search(question.yes.text()) and ARABIC.search(question.no.text())
        assert "أرقام للاتصال" in summary and "Numbers to call" not in summary
        assert "التخدير المخطط لك" in summary and "Anaesthesia" not in summary
        assert ARABIC.search(screen.review.missing.text())  # "answer the questions above" first
        qtbot.mouseClick(screen.review.decline_button, Qt.LeftButton)
        check(screen, language, "decline")
        qtbot.mouseClick(screen.decline.back_button, Qt.LeftButton)
        answer_the_choices(qtbot, screen)
        qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
        assert screen.current_page() is screen.signing
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
        assert screen.staff.username.text() == ""  # no staff username shown to the patient
        screen.staff.username.setText(env.nurse.username)
        screen.staff.password.setText(PASSWORD)
        qtbot.mouseClick(screen.staff.resume_button, Qt.LeftButton)
        screen.signing.signer_name.setText("سامي حداد")
        screen.signing.language.setText("الأردية")
        screen.signing.attest.setChecked(True)
        draw_signature(screen.signing.pad)
        qtbot.mouseClick(screen.signing.accept_button, Qt.LeftButton)
        assert screen.current_page() is screen.done
        check(screen, language, "done")
        assert ARABIC.search(screen.done.text.text())
        screen.leave()
    finally:
        env.ctx.close()


def test_the_translation_file_is_complete_and_matches_the_source(tmp_path):
    root = ET.parse(TS).getroot()
    assert root.get("language") == "ar"
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not "".join(m.find("translation").itertext()).strip()]
    assert not unfinished, unfinished[:10]
    # Placeholders survive translation (in every plural form of a numerus message).
    for m in root.iter("message"):
        forms = [f.text or "" for f in m.iter("numerusform")] or [m.findtext("translation")]
        for ph in ("%1", "%2", "%3", "%n"):
            for form in forms:
                assert (ph in m.findtext("source")) == (ph in form) or (ph == "%n" and m.get("numerus")), \
                    m.findtext("source")
    # Every string of the modules is in the file (lupdate on the sources, into a scratch file).
    scratch = tmp_path / "scratch_ar.ts"
    ui = ROOT / "app" / "ui"
    subprocess.run(["pyside6-lupdate", *[str(ui / m) for m in MODULES], "-ts", str(scratch)], check=True,
                   capture_output=True)
    wanted = {(c.findtext("name"), m.findtext("source"))
              for c in ET.parse(scratch).getroot().iter("context") for m in c.iter("message")}
    have = {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}
    assert wanted <= have, sorted(wanted - have)[:10]
