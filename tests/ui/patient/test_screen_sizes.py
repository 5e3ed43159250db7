"""The patient screen, full screen on a 1024x768 tablet, a 1280x720 one (a 1920x1080 tablet at 150%)
and 1920x1080, with the desk in Arabic or in English: every page's words and buttons are whole and in
view as the page opens (the statement to sign is read whole, the pad's "Sign" is there), and leaving
with a staff password shows whole buttons ("Return to the patient", never "urn to the pat")."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.flow_helpers import draw_signature, make_env
from tests.ui.layout_checks import SCREENS, check_screen
from tests.ui.patient.test_window import answer_the_choices, open_screen, ready_draft


@pytest.mark.parametrize("desk_language", ["ar", "en"])
def test_every_patient_page_fits_every_tablet(qtbot, tmp_path, translations, desk_language):
    translations.switch(desk_language)
    QApplication.instance().setLayoutDirection(Qt.RightToLeft if desk_language == "ar" else Qt.LeftToRight)
    env = make_env(tmp_path)
    try:
        screen = open_screen(qtbot, env, ready_draft(env, interpreter=True))
        found = []

        def look(name, actions):
            found.extend(check_screen(screen, f"patient_{name}_{desk_language}", actions, SCREENS, pinned=False))

        s = screen.sections
        look("section", [s.understood_button, s.question_button, s.next_button, screen.staff_button])
        for _ in range(len(screen.form.sections)):
            qtbot.mouseClick(s.understood_button, Qt.LeftButton)
        review = screen.review
        choices = [b for w in review.choice_widgets.values() for b in (w.yes, w.no)]
        assert len(choices) == 4  # a biopsy, an extra level: a big Yes and No each
        look("review", [review.agree_button, review.decline_button])
        answer_the_choices(qtbot, screen)
        assert review.agree_button.isEnabled()
        look("review_answered", [review.agree_button, review.decline_button])
        qtbot.mouseClick(screen.review.decline_button, Qt.LeftButton)
        look("decline", [screen.decline.confirm_button, screen.decline.back_button])
        qtbot.mouseClick(screen.decline.back_button, Qt.LeftButton)
        qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
        sign = screen.signing
        draw_signature(sign.pad)
        look("signing", [sign.accept_button, sign.undo_button, sign.clear_button, sign.mark])
        # A representative or an interpreter has more to fill in beside the pad: on a short screen those fields
        # scroll (whole, never sideways) while the pad and "Sign" stay in view.
        sign.as_rep.setChecked(True)
        look("signing_representative", [sign.accept_button, sign.pad])
        sign.as_patient.setChecked(True)
        draw_signature(sign.pad)
        qtbot.mouseClick(sign.accept_button, Qt.LeftButton)
        assert sign.role == "interpreter"
        look("signing_interpreter", [sign.accept_button, sign.pad])
        screen.idle.expire()
        look("neutral", [screen.neutral.button])
        qtbot.mouseClick(screen.neutral.button, Qt.LeftButton)
        st = screen.staff
        look("staff", [st.resume_button, st.leave_button, st.username, st.password])
        qtbot.mouseClick(screen.staff_button, Qt.LeftButton) if screen.staff_button.isVisible() else None
        screen.leave()
        assert not found, "\n".join(found)
    finally:
        env.ctx.close()
