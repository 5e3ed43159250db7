"""The consent flow the shell embeds: patient → discussion → signing → record → readiness check.

The flow only routes between pages; every step is a ConsentDesk / ReadinessCheck call that
autosaves the draft, so ``resume(draft_id)`` reopens the page matching the saved step after a crash.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.domain.errors import ConsentError, NotFound

from ..common.messages import message_for
from ..common.layouts import ActionBar
from ..common.widgets import MARGIN, SPACING, Banner, hline
from .discussion_page import DiscussionPage
from .patient_page import PatientPage
from .readiness_page import ReadinessPage
from .record_page import RecordPage
from .signing_page import SigningPage

log = logging.getLogger(__name__)
SIGNING_STEPS = ("outcome", "signed")


class ConsentFlow(QWidget):
    finished = Signal()
    patient_notice = Signal(object)  # a patient_session.Notice from the patient screen (for the shell)

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.patient_screen = None  # the PatientScreen while it is up
        self.patient_idle_seconds = 0  # tests may set it; 0: the patient_idle_minutes setting
        self._patient_from: QWidget | None = None
        self._desk_disabled: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The steps, the patient and the two buttons on one line when there is room, else on two.
        header = ActionBar(self)
        header.setContentsMargins(MARGIN - 4, SPACING // 2, MARGIN - 4, SPACING // 2)
        steps = QWidget(header)
        steps_row = QHBoxLayout(steps)
        steps_row.setContentsMargins(0, 0, 0, 0)
        steps_row.setSpacing(SPACING)
        self.steps: list[QLabel] = []
        for text in (self.tr("1 Patient"), self.tr("2 Discussion"), self.tr("3 Signing"), self.tr("4 Record"),
                     self.tr("5 Verification")):
            label = QLabel(text, steps)
            self.steps.append(label)
            steps_row.addWidget(label)
        header.add(steps)
        header.stretch()
        self.summary = QLabel(self)  # the patient on two short lines: the name, then the MRN and the levels
        header.add(self.summary)
        self.patient_button = QPushButton(self.tr("Patient scr&een"), self)
        self.patient_button.setAccessibleName(self.tr("Open the patient screen for this consent"))
        self.patient_button.setToolTip(self.patient_button.accessibleName())
        self.patient_button.clicked.connect(self._patient_button_clicked)
        header.add(self.patient_button)
        self.today_button = QPushButton(self.tr("Back to &Today"), self)
        self.today_button.setAccessibleName(self.tr("Back to Today (the work is saved)"))
        self.today_button.setToolTip(self.today_button.accessibleName())
        self.today_button.clicked.connect(self.back_to_today)
        header.add(self.today_button)
        layout.addWidget(header)
        layout.addWidget(hline(self))
        self.notice = Banner(self)
        layout.addWidget(self.notice)
        from .handoff import attach_handoff_bar  # a patient tablet (several stations, issue 16)

        self.handoff_bar = attach_handoff_bar(self, layout)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.patient = self._new_patient_page()
        self.discussion = DiscussionPage(services, session, self)
        self.signing = SigningPage(services, session, self)
        self.record = RecordPage(services, session, self)
        self.readiness = ReadinessPage(services, session, self)
        for page in (self.discussion, self.signing, self.record, self.readiness):
            self.stack.addWidget(page)
        self.discussion.done.connect(self.open_signing)
        self.signing.sealed.connect(self.show_record)
        self.signing.handover.connect(self.open_patient_screen)
        session.changed.connect(self._session_changed)
        self.record.check_readiness.connect(self.open_readiness)
        self.record.back.connect(self.finished)
        self.readiness.show_record.connect(self.show_record)
        self._show(self.patient, 0)

    def _new_patient_page(self) -> PatientPage:
        page = PatientPage(self.services, self.session, self)
        page.started.connect(self.open_discussion)
        self.stack.insertWidget(0, page)
        return page

    def _show(self, page: QWidget, step: int, *, refusal: bool = False) -> None:
        """Show ``page`` and mark its step; after a refusal there is no verification: step 5 is struck out."""
        self.notice.clear()
        self.stack.setCurrentWidget(page)
        for i, label in enumerate(self.steps):
            font = QFont(label.font())
            font.setBold(i == step)
            font.setUnderline(i == step)
            skipped = refusal and i == len(self.steps) - 1
            font.setStrikeOut(skipped)
            label.setFont(font)
            label.setEnabled(not skipped)
            text = label.text().lstrip("▶ ")
            label.setText(("▶ " + text) if i == step else text)
            label.setAccessibleName(label.text() + (" " + self.tr("(current step)") if i == step else "")
                                    + (" " + self.tr("(not needed after a refusal)") if skipped else ""))
        self._update_patient_button()
        if self.handoff_bar is not None:
            self.handoff_bar.follow(page.draft.draft_id if page is self.signing and page.draft is not None else None)
        page.setFocus()

    def _summary(self, patient: dict, plan: dict) -> None:
        levels = ", ".join(plan.get("levels", []))
        # The Arabic name is isolated and the line takes the interface's direction, so that an English
        # desk reads "name · MRN · levels" from the left and an Arabic one from the right.
        mark = "\u200f" if self.layoutDirection() == Qt.RightToLeft else "\u200e"
        self.summary.setText(f"{mark}\u2068{patient.get('name_ar', '')}\u2069\n"
                             f"{mark}\u2066{patient.get('mrn', '')} · {levels}\u2069")
        self.summary.setAccessibleName(self.tr("Patient: %1").replace("%1", self.summary.text().replace("\n", " · ")))

    def _fail(self, exc: BaseException) -> None:
        self.notice.show_message("error", message_for(exc))

    # --- the contract with the shell -------------------------------------------------------------
    def save_now(self) -> None:
        """Keep what is typed on the patient page now (leaving, signing out, closing the program)."""
        if self.patient is not None and self.patient.draft_id is None:
            self.patient.flush()

    def back_to_today(self) -> None:
        self.save_now()
        self.finished.emit()

    def start_new(self) -> None:
        old = self.patient
        self.patient = self._new_patient_page()
        self.stack.removeWidget(old)
        old.deleteLater()
        self.summary.clear()
        self._show(self.patient, 0)
        self.patient.name_ar.setFocus()

    def resume(self, draft_id: str) -> None:
        actor = self.session.actor
        try:
            try:
                typed = self.services.consent.intake(actor, draft_id)
                if typed is not None:  # still being registered: go on typing
                    self.start_new()
                    self.patient.show_intake(draft_id, typed)
                    return
                draft = self.services.consent.load(actor, draft_id)
            except NotFound:
                self.services.readiness.load(actor, draft_id)
                self.open_readiness_draft(draft_id)
                return
        except ConsentError as exc:
            self._fail(exc)
            return
        self._summary(draft.patient, draft.plan)
        if not draft.identity_verified_by:
            self.start_new()
            self.patient.show_draft(draft)
            self._summary(draft.patient, draft.plan)
        elif draft.step in SIGNING_STEPS or draft.signatures:
            self.open_signing(draft_id)
        else:
            self.open_discussion(draft_id)

    def open_discussion(self, draft_id: str) -> None:
        try:
            self.discussion.load(draft_id)
        except ConsentError as exc:
            self._fail(exc)
            return
        self._summary(self.discussion.draft.patient, self.discussion.draft.plan)
        self._show(self.discussion, 1)

    def open_signing(self, draft_id: str) -> None:
        try:
            self.signing.load(draft_id)
        except ConsentError as exc:
            self._fail(exc)
            return
        self._summary(self.signing.draft.patient, self.signing.draft.plan)
        self._show(self.signing, 2, refusal=self.signing.draft.outcome == "refusal")

    def show_record(self, record_id: str) -> None:
        self.record.show_record(record_id)
        self._show(self.record, 4 if self.record.kind == "verification" else 3, refusal=self.record.kind == "refusal")

    def open_readiness(self, consent_record_id: str) -> None:
        """Resume the open readiness check of this consent, or start one."""
        actor = self.session.actor
        try:
            draft_id = self._open_readiness_for(consent_record_id)
            if draft_id is None:
                draft_id = self.services.readiness.start(actor, consent_record_id)
        except ConsentError as exc:
            self._fail(exc)
            return
        self.open_readiness_draft(draft_id)

    def open_readiness_draft(self, draft_id: str) -> None:
        try:
            self.readiness.load(draft_id)
        except ConsentError as exc:
            self._fail(exc)
            return
        self._summary(self.readiness.draft.patient, self.readiness.draft.procedure)
        self._show(self.readiness, 4)

    def _open_readiness_for(self, consent_record_id: str) -> str | None:
        # The services have no lookup by consent yet: scan today's open readiness-check drafts.
        actor = self.session.actor
        overview = self.services.today.overview(actor)
        for d in (*overview.in_progress, *overview.waiting_for_signature):
            if d.kind != "verification":
                continue
            try:
                if self.services.readiness.load(actor, d.draft_id).consent_record_id == consent_record_id:
                    return d.draft_id
            except ConsentError:
                continue
        return None

    # --- the patient screen ----------------------------------------------------------------------
    def _current_draft_id(self) -> str | None:
        page = self.stack.currentWidget()
        if page in (self.discussion, self.signing) and page.draft is not None:
            return page.draft.draft_id
        return None

    def _update_patient_button(self) -> None:
        page = self.stack.currentWidget()
        if self.patient_screen is not None:
            self.patient_button.setText(self.tr("End the patient scr&een"))
            self.patient_button.setAccessibleName(self.tr("End the patient screen (the patient's work is saved)"))
            self.patient_button.setVisible(True)
        else:
            self.patient_button.setText(self.tr("Patient scr&een"))
            self.patient_button.setAccessibleName(self.tr("Open the patient screen for this consent"))
            self.patient_button.setVisible(page in (self.discussion, self.signing))
        self.patient_button.setToolTip(self.patient_button.accessibleName())

    def _patient_button_clicked(self) -> None:
        if self.patient_screen is not None:
            self.close_patient_screen()
        else:
            draft_id = self._current_draft_id()
            if draft_id:
                self.open_patient_screen(draft_id)

    def open_patient_screen(self, draft_id: str) -> None:
        """Full screen on the screen chosen in settings (the desk's own when none is chosen or connected).

        On the desk's own screen the desk is disabled underneath; on another screen it stays usable,
        shows the patient's questions, and can end the patient screen (the staff member is signed in).
        """
        from ..patient.screens import find_screen, same_screen
        from ..patient.window import PatientScreen

        if self.patient_screen is not None:
            self.patient_screen.raise_()
            return
        try:
            idle_seconds = self.patient_idle_seconds or 60 * self.services.settings.current().patient_idle_minutes
            screen = PatientScreen(self.services, self.session, draft_id, idle_seconds=idle_seconds)
        except ConsentError as exc:
            self._fail(exc)
            return
        self.patient_screen = screen
        self._patient_from = self.stack.currentWidget()
        screen.notice.connect(self._patient_notice)
        screen.closed.connect(self._patient_closed)
        desk_screen = self.window().screen()
        target = find_screen(self.services.settings.current().patient_screen, desk_screen)
        if same_screen(target, desk_screen):
            self._desk_disabled = self.window()
            self._desk_disabled.setEnabled(False)
        self.notice.show_message("info", self.tr("The patient screen is open. A staff password closes it."))
        self._update_patient_button()
        screen.open_on(target)

    def close_patient_screen(self) -> None:
        """The desk ends the patient screen (its staff member is signed in at the desk)."""
        if self.patient_screen is not None:
            self.patient_screen.leave()

    def _patient_notice(self, notice) -> None:
        self.patient_notice.emit(notice)
        if notice.kind == "question":
            self.notice.show_message("warning", self.tr("The patient has a question about: %1")
                                     .replace("%1", notice.section_title), word=self.tr("Question"))
            QApplication.alert(self.window())
        elif notice.kind == "decision" and notice.outcome == "refusal":
            self.notice.show_message("warning", self.tr("The patient declines the procedure. The refusal is signed "
                                                        "on the patient screen."))
        elif notice.kind == "finished":
            self.notice.show_message("ok", self.tr("The patient's side has signed. Close the patient screen; the "
                                                   "physician signs here."))
            QApplication.alert(self.window())

    def _patient_closed(self, draft_id: str) -> None:
        screen, self.patient_screen = self.patient_screen, None
        if screen is not None:
            screen.deleteLater()
        if self._desk_disabled is not None:
            self._desk_disabled.setEnabled(True)
            self._desk_disabled = None
        came_from, self._patient_from = self._patient_from, None
        if self.session.actor is None:
            return
        try:
            draft = self.services.consent.load(self.session.actor, draft_id)
        except ConsentError as exc:
            self._fail(exc)
            return
        if draft.signatures or came_from is self.signing:
            self.open_signing(draft_id)
        else:
            self.open_discussion(draft_id)
        self._update_patient_button()

    def _session_changed(self) -> None:
        if self.session.actor is None and self.patient_screen is not None:
            self.patient_screen.leave()  # signed out at the desk: nothing stays on the patient's screen
