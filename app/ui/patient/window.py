"""The patient screen: full screen on the screen chosen in settings, the patient reads (or hears) each
part of the form, answers "I understood" or "I have a question" (the desk is told), reviews what will be
printed, then signs, or declines (a refusal, signed and sealed like a consent).

One top-level window over a stack of pages (``review``, ``signing``, ``kiosk``). While
it is up it is a kiosk: keys, shortcuts and closing that would lead away are refused; a staff member's
password returns to the patient or leaves; after the idle time the screen turns neutral and keeps the
session. Every step is a ``PatientSession`` call (autosaved in the draft, recorded as the patient's).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget,
)

from app.documents.pdf_labels import REFUSAL_STATEMENT
from app.domain.errors import ConsentError
from app.paths import resource_path
from app.services.patient_session import PatientSession

from ..common.messages import message_for
from .kiosk import KioskGuard, KioskIdle, NeutralPage, StaffPage
from .language import PatientLanguage, SpeaksPatientLanguage, patient_translate
from .read_aloud import ReadAloud
from .review import DeclinePage, ReviewPage, SectionPage, section_plain
from .screens import place_full_screen
from .signing import DonePage, PatientSigningPage

log = logging.getLogger(__name__)

BASE_POINTS, MIN_POINTS, MAX_POINTS, STEP = 20, 14, 40, 2
IDLE_SECONDS = 180  # to the neutral screen; the desk's own idle lock is separate

COLOURS = {
    "normal": {"BG": "#f6f4ef", "FG": "#1b1b1b", "CARD": "#ffffff", "BAR": "#12344d", "BAR_FG": "#ffffff",
               "ACCENT": "#0b6e4f", "ACCENT_FG": "#ffffff", "BORDER": "#8a939c", "FOCUS": "#1565c0",
               "MUTED": "#505a64", "DISABLED": "#b9c0c7", "TITLE_FG": "#12344d", "RISK_BG": "#eef6f2",
               "DECLINE": "#9b1c1c", "ERR_FG": "#8a1c1c", "ERR_BG": "#fdecea"},
    "high": {"BG": "#000000", "FG": "#ffffff", "CARD": "#000000", "BAR": "#000000", "BAR_FG": "#ffff00",
             "ACCENT": "#ffff00", "ACCENT_FG": "#000000", "BORDER": "#ffffff", "FOCUS": "#00ffff",
             "MUTED": "#e0e0e0", "DISABLED": "#6e6e6e", "TITLE_FG": "#ffff00", "RISK_BG": "#000000",
             "DECLINE": "#ff8080", "ERR_FG": "#ffff00", "ERR_BG": "#000000"},
}
_TEMPLATE: str | None = None


def patient_stylesheet(points: int, contrast: str) -> str:
    global _TEMPLATE
    if _TEMPLATE is None:
        try:
            _TEMPLATE = resource_path("styles", "patient.qss").read_text(encoding="utf-8")
        except OSError:
            log.warning("the patient stylesheet is missing")
            _TEMPLATE = ""
    sizes = {"FONT": points, "SMALL": max(11, points - 4), "TINY": max(10, points - 8), "BIG": points + 4,
             "TITLE": points + 4}
    text = _TEMPLATE
    for key, value in {**COLOURS[contrast], **{k: str(v) for k, v in sizes.items()}}.items():
        text = text.replace(f"@{key}@", value)
    return text


class PatientScreen(SpeaksPatientLanguage, QWidget):
    notice = Signal(object)  # a patient_session.Notice for the desk (question, decision, signed, finished)
    closed = Signal(str)  # the draft id, once a staff member has left the patient screen
    refused = Signal(str)  # an attempt to leave without the password ("close", "key", "shortcut")

    def __init__(self, services, session, draft_id: str, *, patient_session: PatientSession | None = None,
                 idle_seconds: int = IDLE_SECONDS, idle_timer: QTimer | None = None, speech: ReadAloud | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.services, self.session, self.draft_id = services, session, draft_id
        self.patients = patient_session or PatientSession(services.consent)
        self._unlisten = self.patients.listen(self.notice.emit)
        self.setObjectName("patientScreen")
        self.setAttribute(Qt.WA_DeleteOnClose, False)
        self.draft = self.form = self.summary = None
        self.index = 0
        self.points = BASE_POINTS
        self.contrast = "normal"
        self._may_close = False
        self._return_to: QWidget | None = None
        self.tz = services.settings.current().time_zone
        self.speech = speech
        self.guard = KioskGuard(self, self)
        self.guard.refused.connect(self.refused)
        self.idle = KioskIdle(self, idle_seconds, idle_timer, self)
        self.idle.idle.connect(self.go_neutral)
        # The patient's language (the form's) and its direction, whatever the desk's: set before any word.
        self.form_language = services.consent.form_of(services.consent.load(session.actor, draft_id)).language
        self.patient_language = PatientLanguage(self.form_language, self)
        self.setLayoutDirection(self.patient_language.direction)
        self._build()
        self.load()

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = QFrame(self)
        self.bar.setObjectName("patientBar")
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(16, 8, 16, 8)
        self.who = QLabel(self.bar)
        self.who.setObjectName("patientWho")
        bar.addWidget(self.who, 1)
        self.read_button = QPushButton(self.tr("Read aloud"), self.bar)
        self.read_button.setAccessibleName(self.tr("Read this page aloud"))
        self.smaller = QPushButton(self.tr("A−"), self.bar)
        self.smaller.setAccessibleName(self.tr("Smaller text"))
        self.larger = QPushButton(self.tr("A+"), self.bar)
        self.larger.setAccessibleName(self.tr("Larger text"))
        self.contrast_button = QPushButton(self.tr("High contrast"), self.bar)
        self.contrast_button.setCheckable(True)
        self.contrast_button.setAccessibleName(self.tr("High contrast: light text on black"))
        self.staff_button = QPushButton(self.tr("Staff"), self.bar)
        self.staff_button.setObjectName("staffButton")
        self.staff_button.setAccessibleName(self.tr("Staff only: leave the patient screen with a password"))
        for b in (self.read_button, self.smaller, self.larger, self.contrast_button, self.staff_button):
            b.setFocusPolicy(Qt.StrongFocus)
            bar.addWidget(b)

        self.stack = QStackedWidget(self)
        self.sections = SectionPage(self.stack)
        self.review = ReviewPage(self.stack)
        self.decline = DeclinePage(self.stack)
        self.signing = PatientSigningPage(self.stack)
        self.done = DonePage(self.stack)
        self.neutral = NeutralPage(self.stack)
        # No username is filled in where the patient can read it: the staff member types their own.
        self.staff = StaffPage(self.services.auth, "", self.stack)
        # Each page scrolls when it is taller than the screen (a small tablet, a large zoom); its row of
        # actions ("I understood", "Sign"...) stays under it, in view, whatever the scrolling.
        self._wrappers: dict[QWidget, QWidget] = {}
        self._pages: dict[QWidget, QWidget] = {}
        for page in (self.sections, self.review, self.decline, self.signing, self.done, self.neutral, self.staff):
            page.setContentsMargins(24, 8, 24, 8)
            holder = QWidget(self.stack)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            wrapper = QScrollArea(holder)
            wrapper.setObjectName("patientPageScroll")
            wrapper.setWidgetResizable(True)
            wrapper.setFrameShape(QFrame.NoFrame)
            wrapper.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            wrapper.setWidget(page)
            wrapper.setAccessibleName(self.tr("Page"))
            column.addWidget(wrapper, 1)
            actions = getattr(page, "action_row", None)
            if actions is not None:
                page.layout().removeWidget(actions)
                actions.setParent(holder)
                actions.setContentsMargins(24, 4, 24, 12)
                column.addWidget(actions)
            self._wrappers[page] = holder
            self._pages[holder] = page
            self.stack.addWidget(holder)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.bar)
        box.addWidget(self.stack, 1)

        if self.speech is None:
            self.speech = ReadAloud(self.form_language, self)
        self.read_button.setVisible(self.speech.available)
        self.speech.availability_changed.connect(self.read_button.setVisible)
        self.speech.speaking_changed.connect(self._speaking)
        self.read_button.clicked.connect(self.read_aloud)
        self.smaller.clicked.connect(lambda: self.zoom(-STEP))
        self.larger.clicked.connect(lambda: self.zoom(STEP))
        self.contrast_button.toggled.connect(lambda on: self.set_contrast("high" if on else "normal"))
        self.staff_button.clicked.connect(lambda: self.ask_staff(can_cancel=True))

        self.sections.previous.connect(lambda: self.show_section(self.index - 1))
        self.sections.following.connect(self.next_section)
        self.sections.understood.connect(self.understood)
        self.sections.question.connect(self.question)
        self.review.agree.connect(lambda: self.decide("consent"))
        self.review.decline.connect(lambda: self._show(self.decline))
        self.review.back.connect(lambda: self.show_section(self.index))
        self.review.go_to_section.connect(self.show_section_id)
        self.review.chose.connect(self.choose)
        self.decline.back.connect(self.show_review)
        self.decline.confirmed.connect(lambda: self.decide("refusal"))
        self.signing.accept_requested.connect(self.accept_signature)
        self.signing.changed.connect(self._prepare_signer)
        self.neutral.staff_requested.connect(lambda: self.ask_staff(can_cancel=False))
        self.staff.resumed.connect(self.resume)
        self.staff.cancelled.connect(self.resume)
        self.staff.left.connect(self.leave)
        self._apply_look()

    # --- state ------------------------------------------------------------------------------------
    def load(self) -> None:
        self.draft, self.form = self.patients.load(self.session.actor, self.draft_id)
        self.summary = self.patients.summary(self.draft, self.form)
        self.who.setText(self.tr("Consent for: %1").replace("%1", f"\u2068{self.draft.patient['name_ar']}\u2069"))
        self.who.setAccessibleName(self.who.text())
        signed = {s["role"] for s in self.draft.signatures}
        if signed & {"patient", "representative"}:
            self.show_signing()
            return
        answered = self.patients.understood(self.draft) | self.patients.asked(self.draft, self.form)
        todo = [i for i, s in enumerate(self.form.sections) if s.id not in answered]
        if todo:
            self.show_section(todo[0])
        else:
            self.show_review()

    def _reload(self, draft) -> None:
        self.draft = draft
        self.summary = self.patients.summary(draft, self.form)

    def _call(self, fn, *args, **kwargs) -> bool:
        try:
            self._reload(fn(self.session.actor, self.draft_id, *args, **kwargs))
        except ConsentError as exc:
            self._error(exc)
            return False
        return True

    def _error(self, exc: BaseException) -> None:
        text = patient_message_for(exc, self)
        page = self.current_page()
        if page is self.signing:
            self.signing.show_error(text)
        else:
            self.sections.status.setText(text)
            self.review.missing.setText(text)
            self.review.missing.show()

    def _show(self, page: QWidget) -> None:
        if self.speech is not None and self.speech.speaking:
            self.speech.stop()
        self.stack.setCurrentWidget(self._wrappers[page])
        private = page in (self.neutral, self.staff)
        self.who.setVisible(not private)
        for b in (self.read_button, self.smaller, self.larger, self.contrast_button, self.staff_button):
            b.setVisible(not private and (b is not self.read_button or self.speech.available))
        page.setFocus(Qt.OtherFocusReason)

    def current_page(self) -> QWidget:
        return self._pages[self.stack.currentWidget()]

    # --- reading ----------------------------------------------------------------------------------
    def show_section(self, index: int) -> None:
        self.index = max(0, min(index, len(self.form.sections) - 1))
        sid = self.form.sections[self.index].id
        self.sections.show_section(self.form, self.draft.plan["indication"], self.index, self.summary,
                                   understood=sid in self.patients.understood(self.draft),
                                   asked=sid in self.patients.asked(self.draft, self.form))
        self._show(self.sections)
        self.sections.understood_button.setFocus(Qt.OtherFocusReason)

    def show_section_id(self, section_id: str) -> None:
        ids = [s.id for s in self.form.sections]
        if section_id in ids:
            self.show_section(ids.index(section_id))

    def next_section(self) -> None:
        if self.index >= len(self.form.sections) - 1:
            self.show_review()
        else:
            self.show_section(self.index + 1)

    def understood(self) -> None:
        if self._call(self.patients.understand, self.form.sections[self.index].id):
            self.next_section()

    def question(self) -> None:
        if self._call(self.patients.ask, self.form.sections[self.index].id):
            self.show_section(self.index)

    def show_review(self) -> None:
        self.review.show_summary(self.form, self.summary)
        self._show(self.review)

    # --- deciding and signing ---------------------------------------------------------------------
    def choose(self, choice_id: str, value: str) -> None:
        """The patient's yes or no to one of the separate questions (a biopsy, an extra level)."""
        if self._call(self.patients.choose, choice_id, value):
            self.show_review()

    def decide(self, outcome: str) -> None:
        if self._call(self.patients.decide, outcome):
            self.show_signing()

    def refusal(self) -> bool:
        return self.draft.outcome == "refusal"

    def next_role(self) -> str | None:
        return self.patients.next_signer(self.draft, representative=self.signing.as_rep.isChecked())

    def show_signing(self) -> None:
        if self.next_role() is None:
            self.show_done()
            return
        self._prepare_signer()
        self._show(self.signing)

    def _prepare_signer(self) -> None:
        role = self.next_role()
        if role is None:
            return
        first = role in ("patient", "representative")
        statement = REFUSAL_STATEMENT if self.refusal() else self.form.certification
        mark = first and self.signing.mark.isChecked()
        meaning = "" if (first and self.refusal()) else self.patients.meaning_for(self.draft, self.form, role, mark)
        attestation = ""
        if role == "witness" and self.draft.patient_mark:
            attestation = self.tr("I attest that the whole content of this form was read to the patient, and that "
                                  "the patient made the mark in front of me.")
        elif role == "interpreter":
            attestation = self.tr("I attest that I interpreted this form and the discussion faithfully.")
        self.signing.prepare(role, statement=statement, meaning=meaning, first=first,
                             patient_name=self.draft.patient["name_ar"], needs_attestation=bool(attestation),
                             attestation=attestation)
        self.signing.signed.show_signatures(self.draft.signatures, self.tz,
                                            REFUSAL_STATEMENT if self.refusal() else "")

    def accept_signature(self) -> None:
        page = self.signing
        role = self.next_role()
        if role is None:
            return
        method = "mark" if role in ("patient", "representative") and page.mark.isChecked() else "drawn"
        ok = self._call(self.patients.sign, role=role, strokes=page.pad.strokes(), name=page.signer_name.text(),
                        method=method, relationship=page.relationship.text(), reason=page.reason.text(),
                        language=page.language.text(),
                        attested=page.attest.isChecked() and page.attest.isVisibleTo(page))
        if not ok:
            return
        page.role = ""  # the next signer starts with an empty pad
        self.show_signing()

    def show_done(self) -> None:
        self.done.show_done(self.draft.signatures, self.tz, self.refusal(), REFUSAL_STATEMENT)
        self._show(self.done)

    # --- look -------------------------------------------------------------------------------------
    def zoom(self, step: int) -> None:
        self.points = max(MIN_POINTS, min(MAX_POINTS, self.points + step))
        self._apply_look()

    def set_contrast(self, contrast: str) -> None:
        self.contrast = contrast
        if self.contrast_button.isChecked() != (contrast == "high"):
            self.contrast_button.setChecked(contrast == "high")
        self._apply_look()

    def _apply_look(self) -> None:
        self.setStyleSheet(patient_stylesheet(self.points, self.contrast))
        if self.contrast == "high":
            self.signing.pad.set_ink("#000000", "#ffffff", "#000000", "#000000")
        else:
            self.signing.pad.set_ink("#0d2a5c", "#ffffff", "#e9e6df", "#8a8a8a")
        self.smaller.setEnabled(self.points > MIN_POINTS)
        self.larger.setEnabled(self.points < MAX_POINTS)

    # --- reading aloud ----------------------------------------------------------------------------
    def page_text(self) -> str:
        page = self.current_page()
        if page is self.sections:
            return section_plain(self.form, self.draft.plan["indication"], self.index)
        if page is self.review:
            return "\n".join([self.summary.procedure_name, *self.summary.risks,
                              *(q for _, q, _ in self.summary.choices), self.summary.certification])
        if page is self.signing:
            return "\n".join(t for t in (self.signing.statement.toPlainText(), self.signing.meaning.text()) if t)
        return ""

    def read_aloud(self) -> None:
        if self.speech.speaking:
            self.speech.stop()
        else:
            self.speech.speak(self.page_text())

    def _speaking(self, speaking: bool) -> None:
        self.read_button.setText(self.tr("Stop reading") if speaking else self.tr("Read aloud"))

    # --- kiosk ------------------------------------------------------------------------------------
    def open_on(self, screen) -> None:
        """Full screen on ``screen``, locked until a staff member leaves."""
        place_full_screen(self, screen)
        self.raise_()
        self.activateWindow()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.guard.engage()
        if self.current_page() not in (self.neutral, self.staff):
            self.idle.start()

    def go_neutral(self) -> None:
        """Idle: nothing of the patient stays on the screen; the session (draft, page, ink) is kept."""
        if self.current_page() in (self.neutral, self.staff):
            return
        self._return_to = self.current_page()
        self.idle.stop()
        self._show(self.neutral)

    def ask_staff(self, *, can_cancel: bool) -> None:
        if self.current_page() is not self.staff and self.current_page() is not self.neutral:
            self._return_to = self.current_page()
        self.idle.stop()
        self.staff.prepare(can_cancel=can_cancel)
        self._show(self.staff)

    def resume(self) -> None:
        page = self._return_to or self.sections
        self._return_to = None
        self._show(page)
        self.idle.start()

    def leave(self, actor=None) -> None:
        """A staff member unlocked: the window closes and the desk takes over."""
        self._may_close = True
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self._may_close:
            event.ignore()
            self.refused.emit("close")
            return
        self.guard.release()
        self.idle.stop()
        if self.speech is not None:
            self.speech.stop()
        self._unlisten()
        super().closeEvent(event)
        self.closed.emit(self.draft_id)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape:  # also when the guard is not engaged (never leaves)
            event.accept()
            self.refused.emit("key")
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.WindowStateChange and not self._may_close and self.isMinimized():
            QTimer.singleShot(0, self.showFullScreen)  # minimised by the window manager: back
        super().changeEvent(event)


def patient_message_for(exc: BaseException, screen=None) -> str:
    """The patient screen's own error codes, then the desk's table; in the patient's language."""
    from PySide6.QtCore import QT_TRANSLATE_NOOP

    def say(context: str, text: str) -> str:
        return patient_translate(screen, context, text)

    code = getattr(exc, "code", "")
    own = {
        "witness_attestation_required": QT_TRANSLATE_NOOP(
            "PatientScreen", "The witness must attest that the content was read to the patient."),
        "interpreter_attestation_required": QT_TRANSLATE_NOOP(
            "PatientScreen", "The interpreter must attest the translation."),
        "role_not_on_patient_screen": QT_TRANSLATE_NOOP(
            "PatientScreen", "This person signs at the desk."),
    }
    return say("PatientScreen", own[code]) if code in own else message_for(exc, say)
