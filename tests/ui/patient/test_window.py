"""The patient screen: the patient's own acknowledgements and questions (the desk is told), the review
of what will be printed, signing (patient, representative, a mark with its witness), refusal, the
look (zoom, contrast), read-aloud with and without a voice, and the neutral screen after idling."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from app.documents.pdf_labels import REFUSAL_STATEMENT
from app.domain.errors import InvalidInput, InvalidState
from app.services.patient_session import PatientSession, risk_in_100
from app.ui.patient.read_aloud import ReadAloud
from app.ui.patient.window import PatientScreen
from tests.ui.flow_helpers import PASSWORD, draw_signature, flow_env  # noqa: F401  (flow_env is a fixture)

PATIENT_NAME = "فاطمة عبدالله الزهراني"


def ready_draft(env, *, interpreter: bool = False, indication: str = "osteoporotic") -> str:
    """A consent explained by the nurse (every section), ready to hand to the patient."""
    today = env.ctx.today()
    desk, nurse = env.services.consent, env.nurse
    draft_id = desk.start(nurse, {"name_ar": PATIENT_NAME, "name_latin": "Fatimah Alzahrani", "mrn": "MRN-5512",
                                  "national_id": "1012345678", "birth_date": "1948-05-02", "sex": "F"},
                          {"procedure": "vertebroplasty", "levels": ["T12", "L1"], "indication": indication,
                           "fracture_date": (today - dt.timedelta(days=20)).isoformat(),
                           "planned_date": today.isoformat(), "conservative_failed": ["analgesia"]},
                          interpreter=interpreter)
    desk.confirm_identity(nurse, draft_id)
    form = desk.form_of(desk.load(nurse, draft_id))
    for section in form.sections:
        desk.acknowledge(nurse, draft_id, section.id)
    return draft_id


def open_screen(qtbot, env, draft_id: str, **kwargs) -> PatientScreen:
    screen = PatientScreen(env.services, env.session, draft_id, **kwargs)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def read_everything(qtbot, screen: PatientScreen, *, question_at: int | None = None,
                    answer_choices: bool = True) -> None:
    """The patient answers every part: "I have a question" on one, then "I understood" on each."""
    for i in range(len(screen.form.sections)):
        assert screen.current_page() is screen.sections and screen.index == i
        if i == question_at:
            qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
            assert screen.index == i  # stays: someone comes to answer
        qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    assert screen.current_page() is screen.review
    if answer_choices:
        answer_the_choices(qtbot, screen)


def answer_the_choices(qtbot, screen: PatientScreen, answers=(("biopsy", "no"), ("extra_level", "yes"))) -> None:
    """The patient's own yes/no questions on the review page (a biopsy, an extra level)."""
    for choice_id, value in answers:
        widget = screen.review.choice_widgets[choice_id]
        qtbot.mouseClick(widget.yes if value == "yes" else widget.no, Qt.LeftButton)


def physician_signs_and_seals(env, draft_id: str):
    from app.services.demo import synthetic_signature

    env.services.consent.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(7, 2),
                              password=PASSWORD)
    sealed = env.services.consent.seal(env.nurse, draft_id)
    return env.services.records.record(env.nurse, sealed.record_id)


def test_the_patients_acknowledgements_and_questions_land_in_the_record(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    assert screen.read_button.isHidden()  # no speech engine on this machine (or no Arabic voice)
    notices = []
    screen.notice.connect(notices.append)
    # A part must be answered before the next one.
    assert not screen.sections.next_button.isEnabled()
    read_everything(qtbot, screen, question_at=7)  # "risks"
    question = [n for n in notices if n.kind == "question"]
    assert len(question) == 1 and question[0].section == "risks" and question[0].section_title
    # The review shows what will be printed, with the certification sentence.
    review = screen.review
    text = review.summary.toPlainText()
    assert "T12" in text and "L1" in text and "لدي سؤال عن" in text
    # In the form's language (Arabic), whatever the desk's, and said one way: "X in every 100".
    assert "من 1 إلى 3 من كل 100" in review.risk.text.text() and "%" not in review.risk.text.text()
    assert screen.form.certification in text and screen.form.procedure_name in text
    assert "1" in review.risk.text.text() and "3" in review.risk.text.text() and review.agree_button.isEnabled()
    qtbot.mouseClick(review.agree_button, Qt.LeftButton)
    page = screen.signing
    assert screen.current_page() is page and page.signer_name.text() == PATIENT_NAME
    assert page.meaning.text().endswith(screen.form.signature_meanings["patient"])
    assert not page.accept_button.isEnabled()
    draw_signature(page.pad)
    assert page.accept_button.isEnabled()
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is screen.done, page.error.text()
    assert "✓" in screen.done.signed.text() and PATIENT_NAME in screen.done.signed.text()
    assert [n.kind for n in notices][-2:] == ["signed", "finished"]

    record = physician_signs_and_seals(flow_env, draft_id)
    acks = record["discussion"]["acknowledged"]
    by_patient = {a["section"] for a in acks if a["by"] == "patient"}
    by_staff = {a["section"] for a in acks if a["by"] == "staff"}
    assert by_patient == by_staff == {s.id for s in screen.form.sections}
    assert any(q["text"].startswith("لدي سؤال عن") for q in record["discussion"]["questions"])
    patient_sig = record["signatures"][0]
    assert patient_sig["role"] == "patient" and patient_sig["name"] == PATIENT_NAME
    assert patient_sig["method"] == "drawn" and len(patient_sig["strokes"]) == 2


def test_agreeing_needs_every_part_understood_and_review_points_to_the_missing(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    for _ in range(len(screen.form.sections)):
        qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
        qtbot.mouseClick(screen.sections.next_button, Qt.LeftButton)
    review = screen.review
    assert screen.current_page() is review and not review.agree_button.isEnabled()
    assert review.missing.isVisible() and review.decline_button.isEnabled()
    qtbot.mouseClick(review.missing_button, Qt.LeftButton)
    assert screen.current_page() is screen.sections and screen.index == 0
    # A question asked twice is recorded once.
    qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
    draft = flow_env.services.consent.load(flow_env.nurse, draft_id)
    assert len(draft.questions) == len(screen.form.sections)


def test_a_mark_requires_a_witness_who_attests_the_reading(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    read_everything(qtbot, screen)
    qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
    page = screen.signing
    page.mark.setChecked(True)
    draw_signature(page.pad, strokes=2)  # an X
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is page and page.role == "witness", page.error.text()
    assert page.meaning.text().endswith(screen.form.signature_meanings["witness_mark"])
    # Without the witness the record cannot be sealed...
    with pytest.raises(InvalidState) as err:
        flow_env.services.consent.seal(flow_env.nurse, draft_id)
    assert err.value.code in ("signatures_missing",)
    # ...and the witness cannot sign without attesting that the content was read.
    page.signer_name.setText("نورة السبيعي")
    draw_signature(page.pad)
    assert page.attest.isVisible() and not page.accept_button.isEnabled()
    with pytest.raises(InvalidInput) as err:
        PatientSession(flow_env.services.consent).sign(flow_env.nurse, draft_id, role="witness",
                                                       strokes=page.pad.strokes(), name="نورة السبيعي")
    assert err.value.code == "witness_attestation_required"
    page.attest.setChecked(True)
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is screen.done, page.error.text()
    record = physician_signs_and_seals(flow_env, draft_id)
    sigs = {s["role"]: s for s in record["signatures"]}
    assert sigs["patient"]["method"] == "mark"
    assert sigs["witness"]["meaning"] == screen.form.signature_meanings["witness_mark"]


def test_a_representative_signs_with_relationship_and_reason(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    read_everything(qtbot, screen)
    qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
    page = screen.signing
    page.as_rep.setChecked(True)
    assert page.role == "representative" and page.relationship.isVisible() and not page.signer_name.isReadOnly()
    page.signer_name.setText("خالد عبدالله الزهراني")
    page.relationship.setText("ابن")
    page.reason.setText("المريضة لا تستطيع التواصل بعد الجلطة")
    draw_signature(page.pad)
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is screen.done, page.error.text()
    sig = flow_env.services.consent.load(flow_env.nurse, draft_id).signatures[0]
    assert sig["role"] == "representative" and sig["relationship"] == "ابن" and sig["reason"]


def test_an_interpreter_signs_after_the_patient_with_language_and_attestation(qtbot, flow_env):
    draft_id = ready_draft(flow_env, interpreter=True)
    screen = open_screen(qtbot, flow_env, draft_id)
    read_everything(qtbot, screen)
    qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
    page = screen.signing
    draw_signature(page.pad)
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert page.role == "interpreter" and page.language.isVisible() and page.attest.isVisible()
    page.signer_name.setText("سامي حداد")
    page.language.setText("الأردية")
    draw_signature(page.pad)
    assert not page.accept_button.isEnabled()
    page.attest.setChecked(True)
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is screen.done, page.error.text()
    sigs = flow_env.services.consent.load(flow_env.nurse, draft_id).signatures
    assert [s["role"] for s in sigs] == ["patient", "interpreter"] and sigs[1]["language"] == "الأردية"


def test_refusal_on_the_patient_screen_is_signed_sealed_and_archived(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    notices = []
    screen.notice.connect(notices.append)
    qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    for _ in range(len(screen.form.sections) - 1):
        qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
        qtbot.mouseClick(screen.sections.next_button, Qt.LeftButton)
    qtbot.mouseClick(screen.review.decline_button, Qt.LeftButton)  # declining never needs "understood"
    assert screen.current_page() is screen.decline
    qtbot.mouseClick(screen.decline.back_button, Qt.LeftButton)
    assert screen.current_page() is screen.review
    qtbot.mouseClick(screen.review.decline_button, Qt.LeftButton)
    qtbot.mouseClick(screen.decline.confirm_button, Qt.LeftButton)
    page = screen.signing
    assert screen.current_page() is page and page.statement.toPlainText() == REFUSAL_STATEMENT
    assert any(n.kind == "decision" and n.outcome == "refusal" for n in notices)
    assert flow_env.services.consent.load(flow_env.nurse, draft_id).outcome == "refusal"
    draw_signature(page.pad)
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is screen.done
    # Once signed, the decision cannot change (the refusal was chosen before signing).
    with pytest.raises(InvalidState):
        PatientSession(flow_env.services.consent).decide(flow_env.nurse, draft_id, "consent")
    record = physician_signs_and_seals(flow_env, draft_id)
    assert record["kind"] == "refusal" and record["record_id"].startswith("RF")
    assert [s["role"] for s in record["signatures"]] == ["patient", "physician"]
    found = flow_env.services.records.record(flow_env.nurse, record["record_id"])
    assert found["kind"] == "refusal"


def test_a_resumed_screen_opens_where_the_patient_was(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    for _ in range(3):
        qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    screen.leave()
    again = open_screen(qtbot, flow_env, draft_id)
    assert again.current_page() is again.sections and again.index == 3


def test_zoom_and_high_contrast(qtbot, flow_env):
    screen = open_screen(qtbot, flow_env, ready_draft(flow_env))
    assert "font-size: 20pt" in screen.styleSheet()
    for _ in range(20):
        qtbot.mouseClick(screen.larger, Qt.LeftButton)
    assert screen.points == 40 and not screen.larger.isEnabled() and "font-size: 40pt" in screen.styleSheet()
    qtbot.mouseClick(screen.smaller, Qt.LeftButton)
    assert screen.points == 38
    qtbot.mouseClick(screen.contrast_button, Qt.LeftButton)
    assert screen.contrast == "high" and "#000000" in screen.styleSheet()
    assert screen.signing.pad.ink.name() == "#000000"
    qtbot.mouseClick(screen.contrast_button, Qt.LeftButton)
    assert screen.contrast == "normal"


class FakeSpeech(QObject):
    """An engine with an Arabic voice, standing in for QTextToSpeech."""

    stateChanged = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


def test_read_aloud_is_offered_only_with_a_voice(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    silent = open_screen(qtbot, flow_env, draft_id)
    assert not ReadAloud("ar").available or silent.read_button.isVisible()
    assert silent.read_button.isHidden() == (not silent.speech.available)
    engine = FakeSpeech()
    speaking = open_screen(qtbot, flow_env, draft_id, speech=ReadAloud("ar", engine=engine))
    assert speaking.read_button.isVisible()
    qtbot.mouseClick(speaking.read_button, Qt.LeftButton)
    assert engine.said and engine.said[0].startswith(speaking.form.sections[0].title)


def test_the_patient_answers_the_biopsy_and_extra_level_questions_before_agreeing(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    notices = []
    screen.notice.connect(notices.append)
    read_everything(qtbot, screen, answer_choices=False)
    review = screen.review
    assert set(review.choice_widgets) == {"biopsy", "extra_level"}
    assert "عينة" in review.choice_widgets["biopsy"].question.text()
    assert not review.agree_button.isEnabled() and review.missing.isVisible()  # yes or no first
    answer_the_choices(qtbot, screen, (("biopsy", "yes"),))
    assert not review.agree_button.isEnabled()
    assert review.choice_widgets["biopsy"].yes.text().startswith("✓")
    answer_the_choices(qtbot, screen, (("extra_level", "no"),))
    assert review.agree_button.isEnabled()
    answer_the_choices(qtbot, screen, (("biopsy", "no"),))  # changed before signing
    assert [n.kind for n in notices].count("choice") == 3
    text = review.summary.toPlainText()
    for shown in ("011-234-5678", "011-234-9999", "997", "IR-VP-AR-02", "تخدير موضعي مع دواء مهدئ"):
        assert shown in text, shown
    qtbot.mouseClick(review.agree_button, Qt.LeftButton)
    draw_signature(screen.signing.pad)
    qtbot.mouseClick(screen.signing.accept_button, Qt.LeftButton)
    record = physician_signs_and_seals(flow_env, draft_id)
    assert [(c["id"], c["value"], c["by"]) for c in record["choices"]] == [("biopsy", "no", "patient"),
                                                                          ("extra_level", "no", "patient")]


def test_idle_turns_neutral_and_keeps_the_session(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    screen = open_screen(qtbot, flow_env, draft_id)
    read_everything(qtbot, screen)
    qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
    draw_signature(screen.signing.pad, strokes=1)
    ink = screen.signing.pad.strokes()
    screen.idle.expire()
    assert screen.current_page() is screen.neutral
    assert screen.who.isHidden() and PATIENT_NAME not in screen.neutral.text.text()
    qtbot.mouseClick(screen.neutral.button, Qt.LeftButton)
    assert screen.current_page() is screen.staff and screen.staff.cancel_button.isHidden()
    screen.staff.username.setText(flow_env.nurse.username)
    screen.staff.password.setText(PASSWORD)
    qtbot.mouseClick(screen.staff.resume_button, Qt.LeftButton)
    assert screen.current_page() is screen.signing and screen.signing.pad.strokes() == ink
    assert screen.idle.active


def test_risk_in_plain_numbers():
    assert risk_in_100("1-3%") == ("1", "3")
    assert risk_in_100("2%") == ("2", "2")
    assert risk_in_100("about five percent") is None
