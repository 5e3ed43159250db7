"""The whole consent flow through the widgets, from the patient page to a sealed consent and a sealed
readiness check; and recovery of a draft after a crash (a new program on the same data folder)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.desk.consent_flow import ConsentFlow
from tests.ui.flow_helpers import (  # noqa: F401  (flow_env is a fixture)
    answer_dialog,
    draw_signature,
    fill_patient,
    flow_env,
    physician_confirms,
    wait_for_pdf,
)
from tests.ui.desk.test_readiness_page import CLEAR, PHYSICIAN_CLEAR, give


def make(qtbot, env) -> ConsentFlow:
    flow = ConsentFlow(env.services, env.session)
    qtbot.addWidget(flow)
    flow.resize(1280, 800)
    flow.show()
    qtbot.waitExposed(flow)
    return flow


def patient_answers(disc) -> None:
    """The patient's own yes or no (a biopsy, an extra level), told to the nurse at the desk."""
    for choice_id in disc._choices:
        disc.set_choice(choice_id, "no")


def test_from_the_patient_to_a_sealed_consent_and_readiness_check(qtbot, flow_env):
    flow = make(qtbot, flow_env)
    flow.start_new()
    page = flow.patient
    fill_patient(page, levels=())
    QTest.mouseClick(page.spine, Qt.LeftButton, Qt.NoModifier, page.spine.level_rect("L1").center().toPoint())
    page.mrn.clear()
    qtbot.keyClicks(page.mrn, "MRN-7731")  # typed (QTest types ASCII only; Arabic is set directly)
    qtbot.mouseClick(page.continue_button, Qt.LeftButton)
    assert flow.stack.currentWidget() is flow.discussion, page.error.text.text()

    disc = flow.discussion
    assert "1-3%" in disc.risk_text.text()
    for _ in range(12):
        qtbot.mouseClick(disc.explained, Qt.LeftButton)
    assert disc.progress.text().startswith("12 of 12")
    # The patient's own yes/no, told to the nurse at the desk (the patient screen asks them too).
    qtbot.mouseClick(disc._choices["biopsy"][1], Qt.LeftButton)
    qtbot.mouseClick(disc._choices["extra_level"][0], Qt.LeftButton)
    assert {k: v["value"] for k, v in disc.draft.choices.items()} == {"biopsy": "no", "extra_level": "yes"}
    assert disc.draft.choices["biopsy"]["by"] == "staff"
    disc.question.setPlainText("هل سأحتاج إلى تخدير عام؟")
    disc.answer.setPlainText("غالباً تهدئة فقط.")
    qtbot.mouseClick(disc.add_question_button, Qt.LeftButton)
    edit = disc._teach["main_aim"][0]
    edit.setText("تخفيف الألم")
    edit.editingFinished.emit()
    draft = flow_env.services.consent.load(flow_env.nurse, disc.draft.draft_id)
    assert len(draft.questions) == 1 and draft.teach_back[0]["id"] == "main_aim"
    disc.zoom(4)
    assert disc.reader.document().defaultFont().pointSize() == 20
    qtbot.mouseClick(disc.continue_button, Qt.LeftButton)
    assert flow.stack.currentWidget() is flow.signing

    sign = flow.signing
    assert sign.next_role() == "patient" and sign.signer_name.text() == "فاطمة عبدالله الزهراني"
    draw_signature(sign.pad)
    qtbot.mouseClick(sign.accept_button, Qt.LeftButton)
    assert sign.next_role() == "physician", sign.error.text.text()
    draw_signature(sign.pad, strokes=1)
    answer_dialog(physician_confirms())
    qtbot.mouseClick(sign.accept_button, Qt.LeftButton)
    assert sign.next_role() is None and sign.seal_button.isEnabled()
    with qtbot.waitSignal(sign.sealed, timeout=30000) as sealed:
        qtbot.mouseClick(sign.seal_button, Qt.LeftButton)
        assert sign.progress.isVisible()  # the window keeps running while the seal is made
    consent_id = sealed.args[0]
    record = flow_env.services.records.record(flow_env.nurse, consent_id)
    assert record["kind"] == "consent" and record["procedure"]["levels"] == ["L1"]
    assert {s["role"] for s in record["signatures"]} == {"patient", "physician"}
    assert record["staff"]["physician"]["username"] == "dr.ahmad"

    assert flow.stack.currentWidget() is flow.record
    wait_for_pdf(qtbot, flow.record.document)
    qtbot.mouseClick(flow.record.copy_given, Qt.LeftButton)
    qtbot.mouseClick(flow.record.readiness_button, Qt.LeftButton)
    assert flow.stack.currentWidget() is flow.readiness

    ver = flow.readiness
    for item_id, value in CLEAR.items():
        give(ver, item_id, value)
    for item_id, value in PHYSICIAN_CLEAR.items():  # the physician signs in for each of their items
        answer_dialog(physician_confirms())
        give(ver, item_id, value)
    give(ver, "pregnancy", "not_possible")  # asked for a woman only
    qtbot.mouseClick(ver.reconfirm_button, Qt.LeftButton)
    with qtbot.waitSignal(ver.sealed, timeout=30000) as done:
        qtbot.mouseClick(ver.complete_button, Qt.LeftButton)
    verification = flow_env.services.records.record(flow_env.nurse, done.args[0])
    assert verification["refers_to"] == consent_id and verification["ready"] is True
    assert "Ready" in ver.result.text.text()
    qtbot.mouseClick(ver.record_button, Qt.LeftButton)
    assert flow.stack.currentWidget() is flow.record and flow.record.kind == "verification"
    with qtbot.waitSignal(flow.finished):
        qtbot.mouseClick(flow.record.back_button, Qt.LeftButton)


def test_a_draft_resumes_where_it_was_after_a_crash(qtbot, flow_env):
    flow = make(qtbot, flow_env)
    fill_patient(flow.patient)
    flow.patient.submit()
    disc = flow.discussion
    for _ in range(3):
        disc.acknowledge_current()
    disc.question.setPlainText("هل الإجراء مؤلم؟")
    disc.record_question()
    draft_id = disc.draft.draft_id

    restarted = flow_env.rebuild()  # a new program on the same data folder
    try:
        again = make(qtbot, restarted)
        again.resume(draft_id)
        assert again.stack.currentWidget() is again.discussion
        assert again.discussion.progress.text().startswith("3 of 12")
        assert again.discussion.question_list.count() == 1
        assert again.discussion.sections.currentRow() == 3  # the first section not yet explained

        for _ in range(9):
            again.discussion.acknowledge_current()
        patient_answers(again.discussion)
        again.discussion.go_on()
        draw_signature(again.signing.pad)
        again.signing.accept_signature()
        third = flow_env.rebuild()
        try:
            last = make(qtbot, third)
            last.resume(draft_id)
            assert last.stack.currentWidget() is last.signing
            assert last.signing.next_role() == "physician"
            assert "✓" in last.signing.status.text()
        finally:
            third.ctx.close()
    finally:
        restarted.ctx.close()


def test_open_readiness_resumes_the_open_one(qtbot, flow_env):
    from tests.ui.flow_helpers import sealed_consent

    consent_id = sealed_consent(flow_env)
    flow = make(qtbot, flow_env)
    flow.open_readiness(consent_id)
    first = flow.readiness.draft.draft_id
    give(flow.readiness, "inr", "1.2")
    flow.start_new()
    flow.open_readiness(consent_id)
    assert flow.readiness.draft.draft_id == first
    assert flow.readiness.rows["inr"][2].edit.text() == "1.2"
    flow.resume(first)
    assert flow.stack.currentWidget() is flow.readiness


def test_the_keyboard_stays_on_the_page_after_the_physicians_dialog(qtbot, tmp_path, make_window, sign_in):
    """It jumped to the header's Archive button when the physician's dialog closed."""
    from tests.ui.conftest import complete_setup
    from tests.ui.flow_helpers import PASSWORD, make_env

    env = make_env(tmp_path)
    try:
        complete_setup(env.services)
        window = make_window(env.services)
        sign_in(window, {"username": env.nurse.username, "password": PASSWORD})
        window.new_consent()
        flow = window.flow
        fill_patient(flow.patient)
        flow.patient.submit()
        for _ in range(len(flow.discussion.form.sections)):
            flow.discussion.acknowledge_current()
        patient_answers(flow.discussion)
        flow.discussion.go_on()
        sign = flow.signing
        draw_signature(sign.pad)
        sign.accept_signature()
        draw_signature(sign.pad, strokes=1)
        sign.accept_button.setFocus()
        answer_dialog(physician_confirms())
        qtbot.mouseClick(sign.accept_button, Qt.LeftButton)
        assert sign.next_role() is None
        qtbot.wait(50)
        focused = window.focusWidget()  # where the keyboard is (or goes back to when the window is active)
        chain, w = [], focused
        while w is not None:
            chain.append(f"{type(w).__name__}:{w.objectName()}")
            w = w.parentWidget()
        assert focused is not window.header.archive and sign.isAncestorOf(focused), chain
    finally:
        env.ctx.close()


def test_the_done_list_has_one_mark_and_the_count_reads_well(qtbot, flow_env, translations):
    translations.switch("ar")
    flow = make(qtbot, flow_env)
    fill_patient(flow.patient)
    flow.patient.submit()
    disc = flow.discussion
    for _ in range(len(disc.form.sections)):
        disc.acknowledge_current()
    item = disc.sections.item(0)
    assert item.text().startswith("✓") and item.icon().isNull()  # a ✓ in words, no green check beside it
    assert disc.progress.text() == "شُرح 12 من 12 قسماً"  # not «أقسام» after eleven


def test_after_a_refusal_the_verification_step_is_struck_out(qtbot, flow_env):
    flow = make(qtbot, flow_env)
    fill_patient(flow.patient)
    flow.patient.submit()
    disc = flow.discussion
    disc.refuses.setChecked(True)
    disc.go_on()
    assert flow.stack.currentWidget() is flow.signing
    last = flow.steps[-1]
    assert last.font().strikeOut() and not last.isEnabled()
    assert flow.steps[2].text().startswith("▶") and not last.text().startswith("▶")


def test_a_question_typed_but_not_recorded_stays_with_its_own_consent(qtbot, flow_env):
    flow = make(qtbot, flow_env)
    fill_patient(flow.patient)
    flow.patient.submit()
    first = flow.discussion.draft.draft_id
    flow.discussion.question.setPlainText("هل سأحتاج إلى تخدير عام؟")
    flow.back_to_today()
    flow.resume(first)  # back from Today: still there
    assert flow.discussion.question.toPlainText() == "هل سأحتاج إلى تخدير عام؟"
    flow.start_new()
    fill_patient(flow.patient, mrn="MRN-99001", name_ar="نورة إبراهيم الدوسري")
    flow.patient.submit()
    assert flow.discussion.draft.draft_id != first
    assert flow.discussion.question.toPlainText() == ""  # never carried to another patient


def test_the_patients_own_questions_come_before_the_patient_signs_at_the_desk(qtbot, flow_env):
    """Sealing refuses a consent without the patient's yes or no (a biopsy, an extra level), and a signed
    consent can no longer take them: the desk's pad asks for them first, and the decision tab opens by
    itself once every section is explained."""
    flow = make(qtbot, flow_env)
    flow.start_new()
    fill_patient(flow.patient)
    flow.patient.submit()
    disc = flow.discussion
    for _ in range(len(disc.form.sections)):
        qtbot.mouseClick(disc.explained, Qt.LeftButton)
    assert disc.side.currentIndex() == disc.side.count() - 1  # the decision, with the questions
    qtbot.mouseClick(disc.continue_button, Qt.LeftButton)  # on to signing without them
    sign = flow.signing
    draw_signature(sign.pad)
    qtbot.mouseClick(sign.accept_button, Qt.LeftButton)
    assert sign.next_role() == "patient" and "biopsy" in sign.error.text.text()
    assert flow_env.services.consent.load(flow_env.nurse, disc.draft.draft_id).signatures == []
    flow.open_discussion(disc.draft.draft_id)  # back to the discussion: the answers can still be given
    qtbot.mouseClick(disc._choices["biopsy"][1], Qt.LeftButton)
    qtbot.mouseClick(disc._choices["extra_level"][1], Qt.LeftButton)
    qtbot.mouseClick(disc.continue_button, Qt.LeftButton)
    draw_signature(sign.pad)
    qtbot.mouseClick(sign.accept_button, Qt.LeftButton)
    assert sign.next_role() == "physician", sign.error.text.text()
