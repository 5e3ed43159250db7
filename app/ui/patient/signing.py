"""Signing on the patient's screen: the patient (or a legal representative; or a mark, which then needs
a witness who attests that the content was read), the interpreter when one was used, each with the
printed name, the role, what the signature means and the time. The physician signs at the desk.

A view: the patient screen decides who signs next and calls the service.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ..common.widgets import add_row, form_content, name
from ..common.wrapping import WholeText, WrappingCheckBox, WrappingRadioButton
from .language import SpeaksPatientLanguage, patient_translate
from .signature_pad import SignaturePad


def role_names(obj=None) -> dict[str, str]:
    """Who signs, in the patient's language when ``obj`` is on the patient screen."""
    names = {"patient": QT_TRANSLATE_NOOP("PatientSigning", "Patient"),
             "representative": QT_TRANSLATE_NOOP("PatientSigning", "Legal representative"),
             "witness": QT_TRANSLATE_NOOP("PatientSigning", "Witness"),
             "interpreter": QT_TRANSLATE_NOOP("PatientSigning", "Interpreter"),
             "physician": QT_TRANSLATE_NOOP("PatientSigning", "Physician")}
    return {role: patient_translate(obj, "PatientSigning", text) for role, text in names.items()}


def local_time(iso: str, tz: str) -> str:
    """"2026-05-02T09:14:03+00:00" -> "2026-05-02 12:14" in the institution's time zone."""
    try:
        when = dt.datetime.fromisoformat(iso)
        return when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
    except (ValueError, TypeError, KeyError):
        return iso or ""


class SignedList(SpeaksPatientLanguage, QLabel):
    """Every signature so far: printed name, role, meaning, time."""

    def show_signatures(self, signatures: list[dict], tz: str, refusal_statement: str = "") -> None:
        names = role_names(self)
        lines = []
        for s in signatures:
            head = "✓ " + self.tr("%1: %2 — signed %3").replace("%1", names.get(s["role"], s["role"])) \
                .replace("%2", f"\u2068{s['name']}\u2069").replace("%3", f"\u2066{local_time(s['signed_at'], tz)}\u2069")
            if s.get("method") == "mark":
                head += " · " + self.tr("by a mark")
            meaning = refusal_statement if (refusal_statement and s["role"] in ("patient", "representative")) \
                else s.get("meaning", "")
            lines.append(head + ("\n    " + meaning if meaning else ""))
        self.setText("\n".join(lines))
        self.setAccessibleName(self.text() or self.tr("No signatures yet"))
        self.setVisible(bool(signatures))


class PatientSigningPage(SpeaksPatientLanguage, QWidget):
    accept_requested = Signal()
    changed = Signal()  # who signs (patient, representative, mark) changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientSigningPage")
        self.role = ""
        self.title = QLabel(self)
        self.title.setObjectName("patientTitle")
        # What is signed, whole: never a small box to scroll, whose last line hides under its edge.
        self.statement = WholeText(self)
        self.statement.setObjectName("statementBox")
        self.statement.setAccessibleName(self.tr("What you sign"))

        self.who = QFrame(self)
        who = QVBoxLayout(self.who)
        who.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.as_patient = name(WrappingRadioButton(self.tr("I am the patient"), self.who), self.tr("The patient signs"))
        self.as_rep = name(WrappingRadioButton(self.tr("I am the legal representative"), self.who),
                           self.tr("A legal representative signs"))
        for b in (self.as_patient, self.as_rep):
            self.group.addButton(b)
            row.addWidget(b)
        row.addStretch(1)
        who.addLayout(row)
        self.as_patient.setChecked(True)
        self.mark = name(WrappingCheckBox(self.tr("I cannot write: I make a mark (a witness then signs)"), self.who),
                         self.tr("Sign with a mark; a witness is then required"))
        who.addWidget(self.mark)

        fields = QFormLayout()
        fields.setLabelAlignment(Qt.AlignLeading | Qt.AlignVCenter)
        self.signer_name = QLineEdit(self)
        self.name_label = add_row(fields, self.tr("Printed &name"), self.signer_name, self.tr("Printed name of the signer"))
        self.relationship = QLineEdit(self)
        self.relationship_label = add_row(fields, self.tr("&Relationship to the patient"), self.relationship)
        self.reason = QLineEdit(self)
        self.reason_label = add_row(fields, self.tr("Why the patient cannot decide"), self.reason)
        self.language = QLineEdit(self)
        self.language_label = add_row(fields, self.tr("&Language interpreted"), self.language)

        self.meaning = QLabel(self)
        self.meaning.setObjectName("meaning")
        self.meaning.setWordWrap(True)
        self.attest = WrappingCheckBox(self.tr("Yes, I attest this"), self)
        self.attest.setObjectName("attest")
        self.attest.setAccessibleName(self.tr("Attestation"))
        self.pad = SignaturePad(self)
        self.pad.setMinimumSize(420, 150)
        self.pad_state = QLabel(self)
        self.pad_state.setObjectName("patientStatus")
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setAccessibleName(self.tr("Undo the last stroke"))
        self.clear_button = QPushButton(self.tr("Start again"), self)
        self.clear_button.setAccessibleName(self.tr("Clear the pad and start again"))
        self.accept_button = QPushButton(self.tr("Sign"), self)
        self.accept_button.setObjectName("understoodButton")
        self.accept_button.setAccessibleName(self.tr("Accept this signature"))
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.signed = SignedList(self)
        self.signed.setObjectName("signedList")
        self.signed.setWordWrap(True)

        # What is signed across the page, whole; who signs beside the pad under it (its box keeps 3:1): on a
        # 1024x768 or 1280x720 tablet the statement, the pad and "Sign" are all in view at once.
        box = QVBoxLayout(self)
        box.setSpacing(8)
        box.addWidget(self.title)
        box.addWidget(self.statement)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        info = QVBoxLayout()
        info.setSpacing(6)
        info.addWidget(self.who)
        info.addLayout(fields)
        info.addWidget(self.meaning)
        info.addWidget(self.attest)
        info.addStretch(1)
        columns.addLayout(info, 1)
        columns.addWidget(self.pad, 1, Qt.AlignTop)  # at the top: in view even when the fields beside it scroll
        box.addLayout(columns, 1)
        box.addWidget(self.signed)
        # The error and the pad's buttons, kept in view under the page by the patient screen.
        self.action_row = QWidget(self)
        under = QVBoxLayout(self.action_row)
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.pad_state, 1)
        buttons.addWidget(self.accept_button)
        under.addLayout(buttons)
        box.addWidget(self.action_row)

        self.undo_button.clicked.connect(self.pad.undo)
        self.clear_button.clicked.connect(self.pad.clear)
        self.accept_button.clicked.connect(self.accept_requested)
        self.pad.changed.connect(self._refresh_state)
        self.attest.toggled.connect(self._refresh_state)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.mark.toggled.connect(lambda *_: self.changed.emit())

    # --- what the page shows ----------------------------------------------------------------------
    def prepare(self, role: str, *, statement: str, meaning: str, first: bool, patient_name: str,
                needs_attestation: bool, attestation: str) -> None:
        """Set the page for the next signer (``first``: the patient's or the representative's)."""
        changed_role = role != self.role
        self.role = role
        names = role_names(self)
        self.title.setText(self.tr("Now signing: %1").replace("%1", names.get(role, role)))
        self.title.setAccessibleName(self.title.text())
        self.statement.setPlainText(statement)
        form_content(self.statement).setAccessibleName(statement[:200])
        self.who.setVisible(first)
        rep = role == "representative"
        for w in (self.relationship, self.relationship_label, self.reason, self.reason_label):
            w.setVisible(rep)
        self.language.setVisible(role == "interpreter")
        self.language_label.setVisible(role == "interpreter")
        if changed_role:
            self.pad.clear()
            self.attest.setChecked(False)
            self.signer_name.setText(patient_name if role == "patient" else "")
        self.signer_name.setReadOnly(role == "patient")  # the patient's name comes from the registration
        self.meaning.setText(self.tr("What this signature means: %1").replace("%1", meaning) if meaning else "")
        self.meaning.setVisible(bool(meaning))
        self.meaning.setAccessibleName(self.meaning.text())
        self.attest.setVisible(needs_attestation)
        # The box confirms the meaning shown above it; its accessible name says the attestation in full.
        self.attest.setAccessibleName(attestation or self.tr("Attestation"))
        self.attest.setToolTip(attestation)
        self.error.hide()
        self._refresh_state()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setAccessibleName(text)
        self.error.show()

    def _refresh_state(self) -> None:
        state = self.pad.state()
        self.pad_state.setText({"empty": self.tr("Sign inside the white box."),
                                "too_small": self.tr("This is too small to be a signature. Please sign again."),
                                "ok": ""}[state])
        self.pad_state.setAccessibleName(self.pad_state.text() or self.tr("Signature ready"))
        attested = self.attest.isChecked() or not self.attest.isVisibleTo(self)
        self.accept_button.setEnabled(state == "ok" and attested)
        self.undo_button.setEnabled(state != "empty")
        self.clear_button.setEnabled(state != "empty")


class DonePage(SpeaksPatientLanguage, QWidget):
    """After the signatures made on this screen: thank the patient; the desk does the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("donePage")
        self.title = QLabel(self.tr("Thank you"), self)
        self.title.setObjectName("patientTitle")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.signed = SignedList(self)
        self.signed.setObjectName("signedList")
        self.signed.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.text)
        box.addSpacing(16)
        box.addWidget(self.signed)
        box.addStretch(2)

    def show_done(self, signatures: list[dict], tz: str, refusal: bool, refusal_statement: str) -> None:
        self.text.setText(self.tr("Your decision not to have the procedure is signed. Please give the screen back "
                                  "to the team; the physician signs at the desk.") if refusal else
                          self.tr("Your signature is recorded. Please give the screen back to the team; the physician "
                                  "signs at the desk."))
        self.signed.show_signatures(signatures, tz, refusal_statement if refusal else "")
