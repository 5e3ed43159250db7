"""Patient and procedure: validation shown next to the form, nothing stored on error; the
eight-week banner; levels by text; indication "other"; training mode for an unapproved form."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.ui.desk.patient_page import PatientPage
from tests.ui.flow_helpers import fill_patient, flow_env, make_env, type_date  # noqa: F401  (fixture)


def make(qtbot, env) -> PatientPage:
    page = PatientPage(env.services, env.session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def test_errors_are_shown_next_to_the_form_and_nothing_is_stored(qtbot, flow_env):
    page = make(qtbot, flow_env)
    page.identity_checked.setChecked(True)
    qtbot.mouseClick(page.continue_button, Qt.LeftButton)
    assert page.error.isVisible() and page.error.kind == "error"
    assert "Name (Arabic)" in page.error.text.text()
    assert flow_env.services.consent.open_drafts(flow_env.nurse) == []
    fill_patient(page)
    type_date(page.birth_date, "1948-13-40")
    page.submit()
    assert "year-month-day" in page.error.text.text()
    assert page.draft_id is None


def test_two_identifiers_must_be_confirmed(qtbot, flow_env):
    page = make(qtbot, flow_env)
    fill_patient(page, identity=False)
    page.submit()
    assert "identity" in page.error.text.text()
    assert page.draft_id is None
    page.identity_checked.setChecked(True)
    with qtbot.waitSignal(page.started) as sig:
        page.submit()
    draft = flow_env.services.consent.load(flow_env.nurse, sig.args[0])
    assert draft.identity_verified_by == "nurse.sara"
    assert draft.plan["levels"] == ["T12", "L1"] and draft.plan["conservative_failed"] == ["analgesia"]


def test_eight_week_banner_with_text_and_icon(qtbot, flow_env):
    page = make(qtbot, flow_env)
    fill_patient(page, fracture_days=70, planned_in=0)
    assert page.age_banner.isVisible()
    assert "10 weeks" in page.age_banner.text.text() and page.age_banner.icon.pixmap() is not None
    page.fracture_date.set_value(flow_env.ctx.today() - dt.timedelta(days=30))
    assert not page.age_banner.isVisible()


def test_levels_typed_as_text_update_the_picture(qtbot, flow_env):
    page = make(qtbot, flow_env)
    page.levels_text.setText("l2, t12 ,L1")
    page.levels_text.editingFinished.emit()
    assert page.spine.levels() == ["T12", "L1", "L2"]
    assert page.levels_text.text() == "T12, L1, L2"
    page.levels_text.setText("X9")
    page.levels_text.editingFinished.emit()
    assert page.error.isVisible()


def test_indication_other_asks_the_physicians_figure(qtbot, flow_env):
    page = make(qtbot, flow_env)
    fill_patient(page, indication="other", fracture_days=None)
    assert page.stated_risk.isVisible() and not page.fracture_date.isVisible()
    page.submit()
    assert "complication figure" in page.error.text.text()
    page.stated_risk.setText("2-4%")
    page.submit()
    draft = flow_env.services.consent.load(flow_env.nurse, page.draft_id)
    assert draft.plan["stated_risk"] == "2-4%"


def test_unapproved_form_needs_training_mode(qtbot, tmp_path, qapp):
    env = make_env(tmp_path, approve=False)
    try:
        page = make(qtbot, env)
        assert page.approval.isVisible() and page.approval.kind == "warning"
        fill_patient(page)
        page.submit()
        assert "not approved" in page.error.text.text()
        page.training.setChecked(True)
        page.submit()
        assert env.services.consent.load(env.nurse, page.draft_id).demo is True
    finally:
        env.ctx.close()


def date_editor(widget) -> QLineEdit:
    """The box a nurse types the date into (whatever widget holds it)."""
    return widget.findChild(QLineEdit)


def test_dates_are_typed_as_a_nurse_types_them(qtbot, flow_env):
    page = make(qtbot, flow_env)
    fill_patient(page, fracture_days=None)
    today = flow_env.ctx.today()
    fracture = today - dt.timedelta(days=70)
    edit = date_editor(page.fracture_date)
    qtbot.mouseClick(edit, Qt.LeftButton)
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)  # select what is there, then type over it
    qtbot.keyClicks(edit, fracture.isoformat())
    qtbot.keyClick(edit, Qt.Key_Tab)
    assert page.fracture_date.value() == fracture
    assert "10 weeks" in page.age_banner.text.text()
    qtbot.mouseClick(edit, Qt.LeftButton)
    qtbot.keyClick(edit, Qt.Key_End)
    qtbot.keyClick(edit, Qt.Key_Backspace)  # backspace and type the digit again
    assert page.fracture_date.value() is None
    qtbot.keyClicks(edit, fracture.isoformat()[-1])
    assert page.fracture_date.value() == fracture
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(edit, fracture.isoformat())
    qtbot.keyClick(edit, Qt.Key_Up)  # a stray arrow key changes nothing
    assert page.fracture_date.value() == fracture


def test_an_implausible_fracture_date_is_refused_before_it_is_used(qtbot, flow_env):
    page = make(qtbot, flow_env)
    fill_patient(page, fracture_days=None)
    edit = date_editor(page.fracture_date)
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(edit, "1990-12-31")
    qtbot.keyClick(edit, Qt.Key_Tab)
    assert page.fracture_date.value() is None
    assert not page.age_banner.isVisible()  # never "a fracture 1,874 weeks old"
    page.submit()
    assert page.draft_id is None and page.error.kind == "error" and "Fracture date" in page.error.message()


def test_what_is_typed_is_kept_from_the_first_keystroke(qtbot, flow_env):
    from app.ui.desk.consent_flow import ConsentFlow

    flow = ConsentFlow(flow_env.services, flow_env.session)
    qtbot.addWidget(flow)
    flow.resize(1280, 800)
    flow.show()
    flow.start_new()
    page = flow.patient
    qtbot.keyClicks(page.mrn, "MRN-4471")  # the first keystrokes...
    qtbot.keyClicks(page.name_latin, "Nora Alharbi")
    page.anaesthesia.buttons()[page.anaesthesia.findData("general_anaesthesia") - 1].click()  # issue 14's
    qtbot.keyClicks(page.consultant, "Khalid")  # choices are kept the same way

    def listed():
        return [d for d in flow_env.services.today.overview(flow_env.nurse).in_progress if d.mrn == "MRN-4471"]
    qtbot.waitUntil(lambda: bool(listed()), timeout=3000)  # ...are a draft, listed on Today
    in_progress = listed()
    with qtbot.waitSignal(flow.finished):
        qtbot.mouseClick(flow.today_button, Qt.LeftButton)  # "Back to Today (the work is saved)"
    draft_id = in_progress[0].draft_id

    restarted = flow_env.rebuild()  # even after the program stops
    try:
        again = ConsentFlow(restarted.services, restarted.session)
        qtbot.addWidget(again)
        again.resume(draft_id)
        assert again.stack.currentWidget() is again.patient
        assert again.patient.mrn.text() == "MRN-4471" and again.patient.name_latin.text() == "Nora Alharbi"
        assert again.patient.anaesthesia.currentData() == "general_anaesthesia"
        assert again.patient.consultant.text() == "Khalid"
        fill_patient(again.patient, mrn="MRN-4471")
        again.patient.name_latin.setText("Nora Alharbi")
        again.patient.submit()
        assert again.stack.currentWidget() is again.discussion, again.patient.error.message()
        assert again.discussion.draft.draft_id == draft_id  # the same draft, now a consent
        assert restarted.services.consent.load(restarted.nurse, draft_id).patient["mrn"] == "MRN-4471"
    finally:
        restarted.ctx.close()


def test_a_page_emptied_again_leaves_no_draft(qtbot, flow_env):
    page = make(qtbot, flow_env)
    qtbot.keyClicks(page.mrn, "M")
    assert page.intake_id is not None
    qtbot.keyClick(page.mrn, Qt.Key_Backspace)
    page.flush()
    assert page.intake_id is None and flow_env.services.today.overview(flow_env.nurse).in_progress == ()
def test_the_planned_anaesthesia_is_chosen_and_the_consultant_named(qtbot, flow_env, qapp, tmp_path):
    from tests.ui.flow_helpers import Language

    english = Language(qapp, "en", tmp_path)  # the staff's English interface
    try:
        _anaesthesia_and_consultant(qtbot, flow_env)
    finally:
        english.close()


def _anaesthesia_and_consultant(qtbot, flow_env):
    page = make(qtbot, flow_env)
    fill_patient(page)
    page.anaesthesia.setCurrentIndex(0)  # "Choose the anaesthesia"
    page.submit()
    assert "anaesthesia" in page.error.text.text() and page.draft_id is None
    assert page.anaesthesia.isAncestorOf(page.focusWidget())  # one of its choices, to tap at once
    page.anaesthesia.setCurrentIndex(page.anaesthesia.findData("general_anaesthesia"))
    page.submit()
    assert page.draft_id is not None, page.error.text.text()
    draft = flow_env.services.consent.load(flow_env.nurse, page.draft_id)
    assert draft.plan["anaesthesia"] == "general_anaesthesia" and draft.plan["consultant"] == "خالد الشمري"
    # The staff see the form's treatment choices and anaesthesia types in the interface language (English).
    assert page.anaesthesia.itemText(page.anaesthesia.findData("local_sedation")) == "Local anaesthesia with sedation"
    assert page.conservative["brace"].text() == "Back brace"
    assert page.indication.itemText(page.indication.findData("haemangioma")) == "Painful vertebral haemangioma"
