"""Signing: the patient (or a representative; or a mark with a witness), the interpreter when one was
used, and the physician (who confirms with their own password; a nurse hands over to the physician).
Then the record is sealed in the background while a progress indicator shows.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConsentError, InvalidState

from ..common.layouts import ActionBar, ReflowGrid, scrolling
from ..common.messages import message_for
from ..common.widgets import MARGIN, SPACING, Banner, add_row, heading, name, note, warning_text
from ..common.worker import run_in_background
from ..common.wrapping import WrappingCheckBox, WrappingRadioButton
from ..patient.signature_pad import SignaturePad
from .override_dialog import ask_physician


class SigningPage(QWidget):
    sealed = Signal(str)  # record id
    handover = Signal(str)  # draft id: the patient signs on the patient screen

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.draft = None
        self.form = None
        self.busy = False
        self._build()

    def role_names(self) -> dict[str, str]:
        return {"patient": self.tr("Patient"), "representative": self.tr("Representative"),
                "witness": self.tr("Witness"), "interpreter": self.tr("Interpreter"), "physician": self.tr("Physician")}

    # --- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        self.setAccessibleName(self.tr("Signatures"))  # the step bar above names the step; no heading
        # What is signed and who signs beside the pad (one under the other on a narrow screen): the pad is in
        # view as the page opens, even on a short screen.
        columns = ReflowGrid(2, 900, body)
        content.addWidget(columns)
        left = QWidget(body)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        # What is signed, whole (never a small box to scroll): the page scrolls instead.
        self.statement = QLabel(left)
        self.statement.setWordWrap(True)
        self.statement.setTextFormat(Qt.PlainText)
        self.statement.setStyleSheet("QLabel { border: 1px solid #9a9a9a; border-radius: 4px; padding: 8px;"
                                     " background: #fbfbf8; font-size: 13pt; }")
        left_column.addWidget(self.statement)
        self.warnings = Banner(left)
        left_column.addWidget(self.warnings)
        self.override_button = QPushButton(self.tr("Physician: &accept with a reason…"), left)
        self.override_button.setAccessibleName(self.tr("Physician: accept the warning with a reason"))
        left_column.addWidget(self.override_button, 0, Qt.AlignTrailing)

        who = QGroupBox(self.tr("Who signs for the patient"), left)
        wl = QVBoxLayout(who)
        self.signer_group = QButtonGroup(self)
        self.as_patient = name(WrappingRadioButton(self.tr("The &patient"), who), self.tr("The patient signs"))
        self.as_rep = name(WrappingRadioButton(self.tr("A legal &representative"), who),
                           self.tr("A legal representative signs"))
        for b in (self.as_patient, self.as_rep):
            self.signer_group.addButton(b)
            wl.addWidget(b)
        self.as_patient.setChecked(True)
        self.mark = name(WrappingCheckBox(self.tr("Cannot write: signs with a &mark (a witness is then required)"),
                                          who), self.tr("Signs with a mark; a witness is required"))
        wl.addWidget(self.mark)
        rep = QFormLayout()
        rep.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.relationship = QLineEdit(who)
        self.relationship_label = add_row(rep, self.tr("Re&lationship to the patient"), self.relationship)
        self.rep_reason = QLineEdit(who)
        self.rep_reason_label = add_row(rep, self.tr("Why the patient cannot decide"), self.rep_reason)
        wl.addLayout(rep)
        wl.addSpacing(SPACING)
        wl.addWidget(note(self.tr("Signatures needed:"), who))
        self.status = QLabel(who)
        self.status.setWordWrap(True)
        wl.addWidget(self.status)
        left_column.addWidget(who)
        left_column.addStretch(1)
        columns.add(left)

        pad_box = QGroupBox(self.tr("Signature"), body)
        pl = QVBoxLayout(pad_box)
        self.now_signing = heading("", pad_box, 1.15)
        pl.addWidget(self.now_signing)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.signer_name = QLineEdit(pad_box)
        add_row(form, self.tr("&Name of the signer"), self.signer_name)
        self.language = QLineEdit(pad_box)
        self.language_label = add_row(form, self.tr("Lan&guage interpreted"), self.language)
        pl.addLayout(form)
        self.pad = SignaturePad(pad_box)
        self.pad.setMinimumHeight(200)
        pl.addWidget(self.pad, 1)
        columns.add(pad_box)
        content.addStretch(1)
        outer.addWidget(scrolling(body, self), 1)

        # The pad's buttons and the seal stay in view under the scrolling page.
        self.error = Banner(self)
        outer.addWidget(self.error)
        bottom = ActionBar(self)
        self.undo = QPushButton(self.tr("&Undo stroke"), self)
        self.undo.setAccessibleName(self.tr("Undo the last stroke"))
        self.clear = QPushButton(self.tr("Clea&r"), self)
        self.clear.setAccessibleName(self.tr("Clear the pad"))
        self.accept_button = QPushButton(self.tr("&Accept signature"), self)
        self.accept_button.setAccessibleName(self.tr("Accept signature"))
        self.handover_button = QPushButton(self.tr("Hand over to the patient &screen…"), self)
        self.handover_button.setAccessibleName(self.tr("Hand over to the patient screen"))
        self.handover_button.setToolTip(self.tr("The patient reads, confirms each part and signs on the patient "
                                                "screen; a staff password brings it back."))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Sealing in progress"))
        self.progress.setFormat(self.tr("Sealing…"))
        self.progress.hide()
        self.seal_button = QPushButton(self.tr("&Seal the record"), self)
        self.seal_button.setObjectName("primary")
        self.seal_button.setAccessibleName(self.tr("Seal the record"))
        bottom.add(self.undo, self.clear)
        bottom.stretch()
        bottom.add(self.handover_button, self.accept_button, self.progress, self.seal_button)
        outer.addWidget(bottom)

        self.signer_group.buttonToggled.connect(lambda *_: self._refresh())
        self.mark.toggled.connect(lambda *_: self._refresh())
        self.undo.clicked.connect(self.pad.undo)
        self.clear.clicked.connect(self.pad.clear)
        self.accept_button.clicked.connect(self.accept_signature)
        self.seal_button.clicked.connect(self.seal)
        self.override_button.clicked.connect(self.override_warning)
        self.handover_button.clicked.connect(lambda: self.draft is not None and self.handover.emit(self.draft.draft_id))
        self.pad.changed.connect(self._pad_changed)

    # --- state ---------------------------------------------------------------------------------
    def load(self, draft_id: str) -> None:
        same = self.draft is not None and self.draft.draft_id == draft_id
        self.draft = self.services.consent.load(self.session.actor, draft_id)
        self.form = self.services.consent.form_of(self.draft)
        if not same:  # back to the same consent (from Today, the patient screen): what was entered stays
            self.pad.clear()
            for edit in (self.signer_name, self.relationship, self.rep_reason, self.language):
                edit.clear()
        self._refresh()

    def next_role(self) -> str | None:
        signed = {s["role"] for s in self.draft.signatures}
        if not signed & {"patient", "representative"}:
            return "representative" if self.as_rep.isChecked() else "patient"
        missing = self.draft.missing_signatures()
        return missing[0] if missing else None

    def _refresh(self) -> None:
        if self.draft is None:
            return
        d = self.draft
        refusal = d.outcome == "refusal"
        self.statement.setText(self.tr("Refusal: the patient declines the procedure after the explanation.")
                               if refusal else self.form.certification)
        self.statement.setLayoutDirection(Qt.RightToLeft if self.form.language == "ar" else Qt.LeftToRight)
        self.statement.setAlignment(Qt.AlignAbsolute | (Qt.AlignRight if self.form.language == "ar" else Qt.AlignLeft))
        self.statement.setAccessibleName(self.statement.text()[:200])
        warnings = d.open_warnings(self.form)
        if warnings:
            self.warnings.show_message("warning", " ".join(warning_text(w) for w in warnings))
        else:
            self.warnings.clear()
        self.override_button.setVisible(bool(warnings))
        first_signed = any(s["role"] in ("patient", "representative") for s in d.signatures)
        for w in (self.as_patient, self.as_rep, self.mark):
            w.setEnabled(not first_signed)
        role = self.next_role()
        rep = role == "representative"
        for w in (self.relationship, self.relationship_label, self.rep_reason, self.rep_reason_label):
            w.setVisible(rep)
        self.language.setVisible(role == "interpreter")
        self.language_label.setVisible(role == "interpreter")
        names = self.role_names()
        lines = []
        required = list(d.required_roles())
        if not first_signed:
            required[0] = "representative" if self.as_rep.isChecked() else "patient"
            if self.mark.isChecked() and "witness" not in required:
                required.insert(1, "witness")
        signed = {s["role"]: s for s in d.signatures}
        for r in required:
            if r in signed:
                lines.append("✓ " + self.tr("%1: signed (%2)").replace("%1", names[r]).replace("%2", signed[r]["name"]))
            else:
                lines.append("○ " + self.tr("%1: waiting").replace("%1", names[r]))
        self.status.setText("\n".join(lines))
        self.status.setAccessibleName(self.status.text())
        # "Seal" is enabled before the pad's buttons go grey, so that the keyboard moves on to it (not round
        # to the header's first button) when the last signature is accepted.
        self.seal_button.setEnabled(role is None and not self.busy)
        self.pad.setEnabled(role is not None)
        for w in (self.undo, self.clear, self.accept_button, self.signer_name):
            w.setEnabled(role is not None)
        if role is None:
            self.now_signing.setText(self.tr("All signatures are in. Seal the record."))
            self.accept_button.setText(self.tr("Accept signature"))
        else:
            self.now_signing.setText(self.tr("Now signing: %1").replace("%1", names[role]))
            if role == "patient" and not self.signer_name.text():
                self.signer_name.setText(d.patient["name_ar"])
            if role == "physician":
                self.signer_name.setText(self.session.actor.name_ar if self.session.actor.role == "physician"
                                         else "")
                self.signer_name.setPlaceholderText(self.tr("Filled in from the physician's account"))
            self.signer_name.setReadOnly(role == "physician")
            self.accept_button.setText(self.tr("Physician signs…") if role == "physician"
                                       else self.tr("&Accept signature"))
        self.now_signing.setAccessibleName(self.now_signing.text())
        self.accept_button.setAccessibleName(self.accept_button.text().replace("&", ""))
        self.seal_button.setEnabled(role is None and not self.busy)
        # The patient's side (patient or representative, the witness of a mark, the interpreter) may sign
        # on the patient screen; the physician signs here, with the password.
        self.handover_button.setEnabled(role is not None and role != "physician" and not self.busy)
        self._pad_changed()

    def _pad_changed(self) -> None:
        """The pad applies the domain's blank rule: a dot or a tiny scribble cannot be accepted."""
        if self.draft is None:
            return
        state = self.pad.state()
        hint = {"empty": "", "too_small": self.tr("Too small to be a signature: please sign again."), "ok": ""}[state]
        self.pad.setToolTip(hint)
        self.pad.setAccessibleDescription(hint or self.tr("Sign with the pen, a finger or the mouse."))

    # --- actions -------------------------------------------------------------------------------
    def accept_signature(self) -> None:
        role = self.next_role()
        if role is None:
            return
        strokes = self.pad.strokes()
        try:
            if role == "physician":
                actor = self.session.actor
                confirmation = ask_physician(
                    self.services.auth, self, title=self.tr("Physician's signature"),
                    subject=self.tr("The physician confirms the signature with their own password."),
                    need_reason=False, username=actor.username if actor.role == "physician" else "",
                    lock_username=actor.role == "physician", purpose="handover")
                if confirmation is None:
                    return
                self.draft = self.services.consent.sign(confirmation.actor, self.draft.draft_id, role="physician",
                                                        strokes=strokes, password=confirmation.password)
                confirmation.password = ""
            else:
                if role in ("patient", "representative") and self.draft.outcome == "consent" and \
                        self.draft.unanswered_choices(self.form):
                    # Sealing would refuse it, and a signed consent can no longer take the answers.
                    raise InvalidState("patient_choices_missing", "the patient's own yes/no questions first")
                method = "mark" if role in ("patient", "representative") and self.mark.isChecked() else "drawn"
                self.draft = self.services.consent.sign(
                    self.session.actor, self.draft.draft_id, role=role, strokes=strokes,
                    name=self.signer_name.text(), method=method, relationship=self.relationship.text(),
                    reason=self.rep_reason.text(), language=self.language.text())
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        self.error.clear()
        self.pad.clear()
        self.signer_name.clear()
        self._refresh()
        (self.seal_button if self.next_role() is None else self.pad).setFocus(Qt.OtherFocusReason)

    def override_warning(self) -> None:
        warnings = self.draft.open_warnings(self.form)
        if not warnings:
            return
        w = warnings[0]
        actor = self.session.actor
        confirmation = ask_physician(self.services.auth, self, title=self.tr("Physician override"),
                                     subject=warning_text(w),
                                     username=actor.username if actor.role == "physician" else "",
                                     lock_username=actor.role == "physician")
        if confirmation is None:
            return
        try:
            self.draft = self.services.consent.override_warning(confirmation.actor, confirmation.password,
                                                                self.draft.draft_id, w["code"], confirmation.reason)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        self._refresh()

    def seal(self) -> None:
        if self.busy or self.next_role() is not None:
            return
        self.busy = True
        self.seal_button.setEnabled(False)
        self.progress.show()
        actor, draft_id = self.session.actor, self.draft.draft_id
        run_in_background(self, lambda: self.services.consent.seal(actor, draft_id), self._sealed, self._failed,
                          label=self.tr("Sealing the record…"))

    def _sealed(self, record) -> None:
        self.busy = False
        self.progress.hide()
        self.sealed.emit(record.record_id)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.error.show_message("error", message_for(exc))
        self._refresh()

