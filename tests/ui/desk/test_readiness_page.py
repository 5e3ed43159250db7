"""The pre-procedure readiness check: inputs by kind, answers saved at once, INR above 1.5 shown as
blocking with its reason, the physician's override, reconfirmation and sealing."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.desk.readiness_page import ReadinessPage
from tests.ui.flow_helpers import answer_dialog, flow_env, physician_confirms, sealed_consent  # noqa: F401

CLEAR = {"identity_two_identifiers": "yes", "levels_confirmed": "yes", "recent_fracture_imaging": "mri_stir",
         "inr": "1.1", "platelets": "180", "anticoagulant": "none", "fasting_hours": "8",
         "allergy_cement_or_contrast": "no", "active_infection_or_fever": "no", "temperature": "36.8",
         "can_lie_prone": "yes", "escort_and_companion": "yes", "iv_line": "yes", "vital_signs": "BP 130/80"}


def make(qtbot, env, record_id=None) -> ReadinessPage:
    record_id = record_id or sealed_consent(env)
    draft_id = env.services.readiness.start(env.nurse, record_id)
    page = ReadinessPage(env.services, env.session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.load(draft_id)
    return page


def give(page, item_id, value) -> None:
    """Answer through the item's own input, as a nurse would."""
    editor = page.rows[item_id][2]
    kind = editor.item.kind
    if kind == "yesno":
        (editor.yes if value == "yes" else editor.no).click()
    elif kind == "choice":
        index = editor.combo.findData(value)
        editor.combo.setCurrentIndex(index)
        editor.combo.activated.emit(index)
    else:
        editor.edit.setText(value)
        editor.edit.editingFinished.emit()


def test_inr_above_the_threshold_blocks_with_its_reason(qtbot, flow_env):
    page = make(qtbot, flow_env)
    assert "1.5" in page.rows["inr"][3].text()  # the threshold hint
    give(page, "inr", "2.1")
    status = page.rows["inr"][4].text()
    assert status.startswith("⛔") and "INR" in status  # icon and the form's reason
    saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
    assert saved.answers["inr"]["value"] == 2.1 and saved.answers["inr"]["by"] == "nurse.sara"
    banners = [page.blocks.itemAt(i).layout().itemAt(0).widget().text.text() for i in range(page.blocks.count())]
    assert any("INR" in b for b in banners)


def test_physician_override_clears_the_block(qtbot, flow_env):
    page = make(qtbot, flow_env)
    give(page, "inr", "1.9")
    answer_dialog(physician_confirms(reason="نزيف مسيطر عليه بعد مراجعة طبيب الدم"))
    assert page.override("inr", "INR")
    assert "inr" not in flow_env.services.readiness.open_blocks(page.draft)
    assert page.draft.overrides[0]["by"] == "dr.ahmad"
    assert "Overridden" in page.blocks.itemAt(0).widget().text.text()


def test_a_nurse_cannot_override(qtbot, flow_env):
    page = make(qtbot, flow_env)
    give(page, "inr", "1.9")
    seen = {}

    def as_nurse(dialog):
        dialog.username.setText("nurse.sara")
        dialog.password.setText("Desk-Test-Pass-2026")
        dialog.reason.setPlainText("a reason long enough")
        dialog.accept()
        seen["error"] = dialog.error.text.text()
        dialog.reject()
    answer_dialog(as_nurse)
    assert not page.override("inr", "INR")
    assert "role" in seen["error"]
    assert "inr" in flow_env.services.readiness.open_blocks(page.draft)


def test_items_that_do_not_apply_are_hidden_and_staff_help_shown(qtbot, flow_env):
    page = make(qtbot, flow_env)
    last_dose = page.rows["anticoagulant_last_dose"][2]
    assert not last_dose.parentWidget().isVisible()
    assert not page.rows["pregnancy"][2].parentWidget().isVisible()  # a male patient
    give(page, "anticoagulant", "warfarin")
    assert last_dose.parentWidget().isVisible()
    assert "Staff only" in page.rows["anticoagulant"][1].accessibleName()


def test_complete_after_reconfirming_and_readiness_is_shown(qtbot, flow_env):
    page = make(qtbot, flow_env)
    for item_id, value in CLEAR.items():
        give(page, item_id, value)
    page.complete()  # not reconfirmed yet: refused with a clear message
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=15000)
    assert "Reconfirm" in page.error.text.text()
    qtbot.mouseClick(page.reconfirm_button, Qt.LeftButton)
    assert page.draft.reconfirmed_by == "nurse.sara"
    with qtbot.waitSignal(page.sealed, timeout=30000) as sig:
        qtbot.mouseClick(page.complete_button, Qt.LeftButton)
    record = flow_env.services.records.record(flow_env.nurse, sig.args[0])
    assert record["kind"] == "verification" and record["ready"] is True
    assert page.result.kind == "ok" and page.record_button.isVisibleTo(page)


def test_eight_week_warning_is_carried_over(qtbot, flow_env):
    page = make(qtbot, flow_env, sealed_consent(flow_env, fracture_days=70))
    texts = [page.blocks.itemAt(i).layout().itemAt(0).widget().text.text() for i in range(page.blocks.count())]
    assert any("eight weeks" in t for t in texts)


def test_an_answer_given_through_a_screen_reader_is_saved(qtbot, flow_env):
    """A screen reader toggles a radio button through its accessibility action, without a click."""
    from PySide6.QtGui import QAccessible, QAccessibleActionInterface

    page = make(qtbot, flow_env)
    yes = page.rows["can_lie_prone"][2].yes
    iface = QAccessible.queryAccessibleInterface(yes)
    actions = iface.actionInterface()
    name = (QAccessibleActionInterface.toggleAction() if QAccessibleActionInterface.toggleAction()
            in actions.actionNames() else QAccessibleActionInterface.pressAction())
    actions.doAction(name)
    qtbot.waitUntil(lambda: yes.isChecked(), timeout=2000)
    saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
    assert saved.answers["can_lie_prone"]["value"] == "yes"


def test_staff_guidance_has_a_drawn_sign_and_readable_words(qtbot, flow_env):
    page = make(qtbot, flow_env)
    notes = [row[1] for row in page.rows.values() if row[1].accessibleName()]
    assert notes
    for note in notes:
        words = note.findChild(QLabel, "staffHelp")
        assert "ⓘ" not in words.text()  # the font has no such glyph: it showed as an empty box
        assert any(label.pixmap() is not None and not label.pixmap().isNull() for label in note.findChildren(QLabel))
        assert words.font().pointSizeF() >= 11


def test_the_overriding_physician_is_named_not_by_username(qtbot, flow_env):
    page = make(qtbot, flow_env)
    give(page, "inr", "1.9")
    answer_dialog(physician_confirms(reason="نزيف مسيطر عليه بعد مراجعة طبيب الدم"))
    assert page.override("inr", "INR")
    shown = " ".join(page.blocks.itemAt(i).widget().text.text() for i in range(page.blocks.count())
                     if page.blocks.itemAt(i).widget() is not None)
    assert "أحمد الشهري" in shown and "dr.ahmad" not in shown
