"""The pre-procedure readiness check: inputs by kind, answers saved at once, INR above 1.5 shown as
blocking with its reason, the physician's override, reconfirmation and sealing."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.desk.readiness_page import ReadinessPage
from tests.ui.flow_helpers import answer_dialog, flow_env, physician_confirms, sealed_consent  # noqa: F401

CLEAR = {"identity_two_identifiers": "yes", "levels_confirmed": "yes", "recent_fracture_imaging": "mri_stir",
         "inr": "1.1", "platelets": "180", "haemoglobin": "12.5", "egfr": "80", "diabetic": "no",
         "blood_thinners": "none", "fasting_hours": "8", "allergy_status": "none_known",
         "active_infection_or_fever": "no", "temperature": "36.8", "bp_systolic": "130", "bp_diastolic": "80",
         "heart_rate": "78", "oxygen_saturation": "97", "can_lie_prone": "yes", "sedation_plan": "local_sedation",
         "airway_risk": "no_concern", "implanted_devices": "none", "iv_line": "yes", "antibiotic_prophylaxis": "given",
         "imaging_in_room": "yes", "escort_and_companion": "yes"}
PHYSICIAN_CLEAR = {"level_localisation": "counted_from_sacrum", "tenderness_matches_level": "yes",
                   "neuro_exam_baseline": "normal", "posterior_wall_canal": "intact"}


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
    if kind == "entries":
        if value == "none":
            editor.entries.none.setChecked(True)
        return
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
    overnight = page.rows["overnight_plan"][2]
    assert not overnight.parentWidget().isVisible()
    assert not page.rows["pregnancy"][2].parentWidget().isVisible()  # a male patient
    give(page, "escort_and_companion", "no")
    assert overnight.parentWidget().isVisible()  # no escort: where will the patient spend the night?
    assert "Staff only" in page.rows["blood_thinners"][1].accessibleName()


def test_complete_after_reconfirming_and_readiness_is_shown(qtbot, flow_env):
    page = make(qtbot, flow_env)
    for item_id, value in CLEAR.items():
        give(page, item_id, value)
    for item_id, value in PHYSICIAN_CLEAR.items():  # the physician's items: the physician signs in for them
        answer_dialog(physician_confirms())
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


def test_staff_guidance_has_a_drawn_sign_and_readable_words(qtbot, flow_env, look):  # the desk's style sheet
    page = make(qtbot, flow_env)
    notes = [row[1] for row in page.rows.values() if row[1].accessibleName()]
    assert notes
    for note in notes:
        words = note.findChild(QLabel, "staffHelp")
        assert "ⓘ" not in words.text()  # the font has no such glyph: it showed as an empty box
        assert any(label.pixmap() is not None and not label.pixmap().isNull() for label in note.findChildren(QLabel))
        words.ensurePolished()  # an item hidden until it applies (high clot risk) is styled when shown
        assert words.font().pointSizeF() >= 11


def test_the_overriding_physician_is_named_not_by_username(qtbot, flow_env):
    page = make(qtbot, flow_env)
    give(page, "inr", "1.9")
    answer_dialog(physician_confirms(reason="نزيف مسيطر عليه بعد مراجعة طبيب الدم"))
    assert page.override("inr", "INR")
    shown = " ".join(page.blocks.itemAt(i).widget().text.text() for i in range(page.blocks.count())
                     if page.blocks.itemAt(i).widget() is not None)
    assert "أحمد الشهري" in shown and "dr.ahmad" not in shown


# --- the reviewed checklist in the desk -----------------------------------------------------------------------
def test_several_blood_thinners_each_with_its_last_dose(qtbot, flow_env):
    import datetime as dt

    page = make(qtbot, flow_env)
    editor = page.rows["blood_thinners"][2].entries
    assert not page.rows["high_clot_risk"][2].parentWidget().isVisible()
    for n, (drug, hold) in enumerate((("aspirin", "held_as_instructed"), ("clopidogrel", "not_held"))):
        line = editor.add_line()
        combo = line.inputs["drug"]
        combo.setCurrentIndex(combo.findData(drug))
        combo.activated.emit(combo.currentIndex())
        saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
        # a line without its last dose is not saved (the list saved so far stays as it was)
        assert len((saved.answers.get("blood_thinners") or {"value": []})["value"]) == n
        line.inputs["last_dose"].set_value(dt.date(2026, 11, 20 + n))
        line.inputs["last_dose"].editingFinished.emit()
        hold_combo = line.inputs["hold"]
        hold_combo.setCurrentIndex(hold_combo.findData(hold))
        hold_combo.activated.emit(hold_combo.currentIndex())
    saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
    assert saved.answers["blood_thinners"]["value"] == [
        {"drug": "aspirin", "last_dose": "2026-11-20", "hold": "held_as_instructed"},
        {"drug": "clopidogrel", "last_dose": "2026-11-21", "hold": "not_held"}]
    assert page.rows["blood_thinners"][4].text().startswith("⛔")  # not held as instructed
    assert page.rows["high_clot_risk"][2].parentWidget().isVisible()
    editor.lines[1].remove_button.click()  # the clopidogrel line was a mistake
    saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
    assert [e["drug"] for e in saved.answers["blood_thinners"]["value"]] == ["aspirin"]
    assert not page.rows["blood_thinners"][4].text().startswith("⛔")
    editor.none.setChecked(True)
    saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
    assert saved.answers["blood_thinners"]["value"] == "none" and editor.lines == []


def test_a_physicians_item_asks_the_physician_to_sign_in(qtbot, flow_env):
    page = make(qtbot, flow_env)
    assert "(physician)" in page.rows["neuro_exam_baseline"][0].text()
    answer_dialog(lambda dialog: dialog.reject())  # the physician is not there: nothing saved
    give(page, "neuro_exam_baseline", "normal")
    assert "neuro_exam_baseline" not in flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id).answers
    assert page.rows["neuro_exam_baseline"][2].combo.currentData() is None  # and none shows as given
    answer_dialog(lambda dialog: dialog.reject())
    give(page, "tenderness_matches_level", "yes")  # a yes/no item: the radio does not stay on
    tenderness = page.rows["tenderness_matches_level"][2]
    assert not tenderness.yes.isChecked() and not tenderness.no.isChecked()
    seen = {}

    def dialog_check(dialog):
        seen["reason_shown"] = dialog.reason.isVisibleTo(dialog)
        physician_confirms()(dialog)
    answer_dialog(dialog_check)
    give(page, "neuro_exam_baseline", "not_done")
    assert seen["reason_shown"] is False  # an answer, not an override: no reason asked
    saved = flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id)
    assert saved.answers["neuro_exam_baseline"] == {**saved.answers["neuro_exam_baseline"], "by": "dr.ahmad",
                                                    "value": "not_done"}
    assert page.rows["neuro_exam_baseline"][4].text().startswith("⛔")
    answer_dialog(physician_confirms(reason="فحص عصبي في الجناح قبل ساعة وموثق"))
    assert page.override("neuro_exam_baseline", "neuro")
    assert "neuro_exam_baseline" not in flow_env.services.readiness.open_blocks(page.draft)


def test_choices_and_ranges_follow_the_patient(qtbot, flow_env):
    page = make(qtbot, flow_env)  # an osteoporotic fracture
    imaging = page.rows["recent_fracture_imaging"][2].combo
    assert imaging.findData("not_a_fracture_indication") < 0  # not offered for a fracture
    assert imaging.findData("mri_stir") > 0
    assert "30–45" in page.rows["temperature"][3].text() and "°C" in page.rows["temperature"][3].text()
    give(page, "temperature", "375")  # a typing error
    assert "between 30 and 45" in page.error.text.text()
    assert "temperature" not in flow_env.services.readiness.load(flow_env.nurse, page.draft.draft_id).answers
    give(page, "allergy_status", "known")
    assert page.rows["latex_allergy"][2].parentWidget().isVisible()
    give(page, "latex_allergy", "yes_not_prepared")
    assert page.rows["latex_allergy"][4].text().startswith("⛔")


def test_staff_texts_in_english_when_the_interface_is_english(qtbot, flow_env, qapp, tmp_path):
    from tests.ui.flow_helpers import Language

    english = Language(qapp, "en", tmp_path)  # the English interface (left to right, no translation)
    try:
        _english_texts(qtbot, flow_env)
    finally:
        english.close()


def _english_texts(qtbot, flow_env):
    page = make(qtbot, flow_env)
    assert page.rows["inr"][0].text() == "INR"
    assert page.rows["platelets"][0].text() == "Platelet count"
    assert "Common target 50" in page.rows["platelets"][1].accessibleName()  # the staff help, in English
    combo = page.rows["allergy_status"][2].combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["None known", "Allergies present (recorded below)"]
    give(page, "inr", "1.9")
    assert "The INR is above the limit" in page.rows["inr"][4].text()
    entries = page.rows["blood_thinners"][2].entries
    assert entries.none.text() == "Takes no blood thinner"
