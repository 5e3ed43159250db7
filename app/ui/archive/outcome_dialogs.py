"""After signing: a withdrawal (the patient, or the representative, signs on the pad and a second
staff member witnesses) and a correction (a physician gives the reason and the corrected details and
re-enters the password). Either needs the witness's username and password: a witness who is not the
one entering it. Each is sealed as a new record that refers to the original, which stays
untouched (``OutcomesService``); sealing runs off the UI thread.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from app.domain.errors import InvalidInput

from ..common.messages import message_for
from ..common.widgets import Banner
from ..common.layouts import scrolling
from ..common.screen_fit import fit_to_screen
from ..common.words import isolate
from ..common.worker import run_in_background
from ..patient.signature_pad import SignaturePad

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    buddy.setAccessibleName(text.replace("&", ""))
    return label


class _PadBox(QGroupBox):
    """A signature pad with its own Clear button."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.pad = SignaturePad(self)
        self.pad.setMinimumSize(420, 140)
        self.pad.setAccessibleName(title)
        self.clear = QPushButton(self.tr("Clear"), self)
        self.clear.setAccessibleName(self.tr("Clear: %1").replace("%1", title))
        self.clear.clicked.connect(self.pad.clear)
        box = QVBoxLayout(self)
        box.addWidget(self.pad, 1)
        box.addWidget(self.clear, 0, Qt.AlignTrailing)


class _SealingDialog(QDialog):
    """Shared: a banner, the seal / cancel buttons, the background work and its result."""

    def __init__(self, services, session, record: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session, self.record = services, session, record
        self.sealed = None  # SealedRecord once sealed
        self.error = Banner(self)
        self.seal_button = QPushButton(self)
        self.seal_button.setObjectName("primary")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.seal_button.clicked.connect(self.seal)
        patient = record.get("patient", {})
        self.subject = QLabel(self.tr("Record %1 · %2 · MRN %3").replace("%1", isolate(record.get("record_id", "")))
                              .replace("%2", isolate(patient.get("name_ar", "")))
                              .replace("%3", isolate(patient.get("mrn", ""))), self)
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.witness_name = QLineEdit(self)
        self.witness_name.setObjectName("witnessUsername")
        self.witness_name.setLayoutDirection(Qt.LeftToRight)  # user names are Latin
        self.witness_password = QLineEdit(self)
        self.witness_password.setObjectName("witnessPassword")
        self.witness_password.setEchoMode(QLineEdit.Password)

    def add_witness_rows(self, form: QFormLayout) -> None:
        form.addRow(_label(self.tr("&Witness (another staff member's username)"), self.witness_name),
                    self.witness_name)
        form.addRow(_label(self.tr("Witness's pass&word"), self.witness_password), self.witness_password)

    def witness(self) -> dict:
        """The witness's sign-in for the service; the password field is emptied at once."""
        out = {"witness_username": self.witness_name.text().strip(), "witness_password": self.witness_password.text()}
        self.witness_password.clear()
        return out

    def buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.seal_button)
        row.addWidget(self.cancel_button)
        return row

    def work(self):  # the service call, on the worker thread
        raise NotImplementedError

    def seal(self) -> None:
        self.error.clear()
        try:
            work = self.work()
        except Exception as exc:  # noqa: BLE001 - input refused before any work
            self.error.show_message("error", message_for(exc))
            return
        self.seal_button.setEnabled(False)

        def done(sealed) -> None:
            self.sealed = sealed
            self.seal_button.setEnabled(True)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.seal_button.setEnabled(True)
            self.error.show_message("error", message_for(exc))

        self.progress = run_in_background(self, work, done, failed, label=self.tr("Sealing the record…"))


class WithdrawDialog(_SealingDialog):
    def __init__(self, services: "DeskServices", session: "StaffSession", record: dict,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, session, record, parent)
        from app.services.outcomes import WITHDRAWAL_STATEMENT

        self.setObjectName("withdrawDialog")
        self.setWindowTitle(self.tr("Withdrawal of consent"))
        fit_to_screen(self, QSize(820, 760))
        self.statement = QLabel(WITHDRAWAL_STATEMENT, self)
        self.statement.setWordWrap(True)
        self.statement.setObjectName("subtitle")
        self.signer = QComboBox(self)
        self.signer.addItem(self.tr("The patient"), "patient")
        self.signer.addItem(self.tr("The legal representative"), "representative")
        self.name = QLineEdit(record.get("patient", {}).get("name_ar", ""), self)
        self.relationship = QLineEdit(self)
        self.rep_reason = QLineEdit(self)
        self.method = QComboBox(self)
        self.method.addItem(self.tr("Signature"), "drawn")
        self.method.addItem(self.tr("Mark (cannot write; the text was read aloud)"), "mark")
        self.reason = QPlainTextEdit(self)
        self.reason.setMaximumHeight(70)
        form = QFormLayout()
        form.addRow(_label(self.tr("Who &withdraws"), self.signer), self.signer)
        form.addRow(_label(self.tr("&Name of the signer"), self.name), self.name)
        self.rel_label = _label(self.tr("&Relationship to the patient"), self.relationship)
        form.addRow(self.rel_label, self.relationship)
        self.rep_label = _label(self.tr("Why the patient cannot &decide"), self.rep_reason)
        form.addRow(self.rep_label, self.rep_reason)
        form.addRow(_label(self.tr("Signed &by"), self.method), self.method)
        form.addRow(_label(self.tr("Reason given (optional)"), self.reason), self.reason)
        self.add_witness_rows(form)
        self.patient_box = _PadBox(self.tr("Signature of the patient or representative"), self)
        self.witness_box = _PadBox(self.tr("Signature of the witness"), self)
        self.seal_button.setText(self.tr("&Seal the withdrawal"))
        self.seal_button.setAccessibleName(self.tr("Seal the withdrawal"))
        self.signer.currentIndexChanged.connect(self._signer_changed)
        self._signer_changed()

        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addWidget(self.subject)
        box.addWidget(self.statement)
        box.addLayout(form)
        box.addWidget(self.patient_box, 1)
        box.addWidget(self.witness_box, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(inner, self), 1)
        outer.addWidget(self.error)
        outer.addLayout(self.buttons())

    def _signer_changed(self) -> None:
        rep = self.signer.currentData() == "representative"
        for w in (self.relationship, self.rep_reason, self.rel_label, self.rep_label):
            w.setVisible(rep)

    def work(self):
        if self.patient_box.pad.is_empty() or self.witness_box.pad.is_empty():
            raise InvalidInput("signature_blank", "a pad is empty")  # said at once, before any work
        actor, record_id = self.session.actor, self.record["record_id"]
        kwargs = dict(patient_strokes=self.patient_box.pad.strokes(), witness_strokes=self.witness_box.pad.strokes(),
                      signer_role=self.signer.currentData(), name=self.name.text().strip(),
                      method=self.method.currentData(), reason=self.reason.toPlainText().strip(), **self.witness())
        if kwargs["signer_role"] == "representative":
            kwargs.update(relationship=self.relationship.text().strip(),
                          representative_reason=self.rep_reason.text().strip())
        outcomes = self.services.outcomes
        return lambda: outcomes.withdraw(actor, record_id, **kwargs)


PATIENT_FIELDS = ("name_ar", "name_latin", "mrn", "national_id", "birth_date")
PROCEDURE_FIELDS = ("levels", "planned_date", "fracture_date")


class CorrectDialog(_SealingDialog):
    def __init__(self, services: "DeskServices", session: "StaffSession", record: dict,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, session, record, parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(self.tr("Correct a record"))
        fit_to_screen(self, QSize(760, 700))
        patient, procedure = record.get("patient", {}), record.get("procedure", {})
        self.fields: dict[str, QWidget] = {}
        self.original: dict[str, str] = {}
        labels = {"name_ar": self.tr("Name (Arabic)"), "name_latin": self.tr("Name (Latin)"),
                  "mrn": self.tr("Medical record number"), "national_id": self.tr("National ID"),
                  "birth_date": self.tr("Birth date (YYYY-MM-DD)"), "sex": self.tr("Sex"),
                  "levels": self.tr("Levels (e.g. T12, L1)"), "planned_date": self.tr("Procedure date (YYYY-MM-DD)"),
                  "fracture_date": self.tr("Fracture date (YYYY-MM-DD)")}
        form = QFormLayout()
        for key in PATIENT_FIELDS + ("sex",) + PROCEDURE_FIELDS:
            source = procedure if key in PROCEDURE_FIELDS else patient
            value = source.get(key)
            text = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
            if key == "sex":
                w = QComboBox(self)
                w.addItem(self.tr("Female"), "F")
                w.addItem(self.tr("Male"), "M")
                w.setCurrentIndex(max(0, w.findData(text)))
            else:
                w = QLineEdit(text, self)
                if key not in ("name_ar",):
                    w.setLayoutDirection(Qt.LeftToRight)
            w.setObjectName(f"correct_{key}")
            self.fields[key] = w
            self.original[key] = text
            form.addRow(_label(labels[key], w), w)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("correctReason")
        self.reason.setMaximumHeight(80)
        self.password = QLineEdit(self)
        self.password.setObjectName("correctPassword")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(_label(self.tr("&Reason for the correction"), self.reason), self.reason)
        form.addRow(_label(self.tr("Your &password (to sign the correction)"), self.password), self.password)
        self.add_witness_rows(form)
        self.hint = QLabel(self.tr("The original record stays as it is; the corrected record refers to it and "
                                   "carries the reason."), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.seal_button.setText(self.tr("&Seal the correction"))
        self.seal_button.setAccessibleName(self.tr("Seal the correction"))
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addWidget(self.subject)
        box.addWidget(self.hint)
        box.addLayout(form)
        box.addStretch(1)
        outer = QVBoxLayout(self)  # the form scrolls on a short screen; the buttons stay in view
        outer.addWidget(scrolling(inner, self), 1)
        outer.addWidget(self.error)
        outer.addLayout(self.buttons())

    def value(self, key: str) -> str:
        w = self.fields[key]
        return w.currentData() if isinstance(w, QComboBox) else w.text().strip()

    def changes(self) -> dict:
        out = {}
        for key in self.fields:
            new = self.value(key)
            if new == self.original[key]:
                continue
            section = "procedure" if key in PROCEDURE_FIELDS else "patient"
            if key == "levels":
                out[f"{section}.{key}"] = [p.strip() for p in new.replace("،", ",").split(",") if p.strip()]
            else:
                out[f"{section}.{key}"] = new
        return out

    def work(self):
        actor, record_id = self.session.actor, self.record["record_id"]
        password, reason, changes = self.password.text(), self.reason.toPlainText().strip(), self.changes()
        outcomes, witness = self.services.outcomes, self.witness()
        self.password.clear()
        return lambda: outcomes.correct(actor, password, record_id, reason=reason, changes=changes, **witness)
