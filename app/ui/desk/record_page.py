"""A sealed record: the PDF on screen (QtPdf, from the database's bytes), print, save a copy, and
for a consent the patient's copy (given or declined); then on to the readiness check or back to Today.
Above the PDF, the seal as ``verify`` sees it: its level (B-B, B-T, B-LT, B-LTA), the trusted time,
the signer and the trust anchor, or why it is not valid.

Printing renders each page in the background onto the printer; the print is audited.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import ConsentError

from ..common.file_dialogs import ask_save_path
from ..common.layouts import ActionBar
from ..common.messages import message_for
from ..common.pdf_printing import render_to_printer
from ..common.widgets import MARGIN, Banner, heading
from ..common.worker import run_in_background

class RecordPage(QWidget):
    check_readiness = Signal(str)  # consent record id: on to the pre-procedure readiness check
    back = Signal()
    printed = Signal(int)  # pages printed

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.record_id = ""
        self.kind = ""
        self.data = b""
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        top = QHBoxLayout()
        self.title = heading(self.tr("Sealed record"), self)
        top.addWidget(self.title, 1)
        self.record_label = QLabel(self)
        self.record_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        top.addWidget(self.record_label)
        outer.addLayout(top)
        self.notice = Banner(self)
        outer.addWidget(self.notice)
        self.seal_facts = QLabel(self)
        self.seal_facts.setObjectName("sealFacts")
        self.seal_facts.setWordWrap(True)
        self.seal_facts.setTextInteractionFlags(Qt.TextSelectableByMouse)
        outer.addWidget(self.seal_facts)
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("The sealed record (PDF)"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        outer.addWidget(self.view, 1)
        self.error = Banner(self)
        outer.addWidget(self.error)
        row = ActionBar(self)  # wraps onto a second line on a narrow screen; always in view
        self.print_button = self._button(self.tr("&Print…"), self.tr("Print the record"), row)
        self.save_button = self._button(self.tr("Save a &copy…"), self.tr("Save a copy of the PDF"), row)
        self.copy_given = self._button(self.tr("Copy &given to the patient"), self.tr("Copy given to the patient"), row)
        self.copy_declined = self._button(self.tr("Patient &declined a copy"), self.tr("Patient declined a copy"), row)
        row.stretch()
        self.back_button = self._button(self.tr("&Back to Today"), self.tr("Back to Today"), row)
        self.readiness_button = self._button(self.tr("Continue to the &verification"),
                                          self.tr("Continue to the pre-procedure verification"), row)
        outer.addWidget(row)
        self.print_button.clicked.connect(self.print_record)
        self.save_button.clicked.connect(self.save_record)
        self.copy_given.clicked.connect(lambda: self.record_copy(True))
        self.copy_declined.clicked.connect(lambda: self.record_copy(False))
        self.back_button.clicked.connect(self.back)
        self.readiness_button.clicked.connect(lambda: self.check_readiness.emit(self.record_id))

    def _button(self, text: str, accessible: str, row: ActionBar) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        row.add(button)
        return button

    # --- showing -------------------------------------------------------------------------------
    def show_record(self, record_id: str) -> None:
        actor = self.session.actor
        self.error.clear()
        self.notice.clear()
        try:
            record = self.services.records.record(actor, record_id)
            self.data = self.services.records.pdf(actor, record_id)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        self.record_id, self.kind = record_id, record["kind"]
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.data))
        self._buffer.open(QIODevice.ReadOnly)
        self.document.load(self._buffer)
        kinds = {"consent": self.tr("Signed consent"), "refusal": self.tr("Signed refusal"),
                 "verification": self.tr("Pre-procedure verification")}
        self.title.setText(kinds.get(self.kind, self.tr("Sealed record")))
        self.title.setAccessibleName(self.title.text())
        self.record_label.setText(record_id)
        self.record_label.setAccessibleName(self.tr("Record number %1").replace("%1", record_id))
        patient_copy = self.kind in ("consent", "refusal")
        for b in (self.copy_given, self.copy_declined):
            b.setVisible(patient_copy)
            b.setEnabled(True)
        self.readiness_button.setVisible(self.kind == "consent")
        self.show_seal(record_id)
        if record.get("demo"):
            self.notice.show_message("info", self.tr("Training record: marked as a demonstration, not for a real patient."))
        if patient_copy:
            self.notice.show_message("info", self.tr("Offer the patient a copy, then record whether it was given."))

    def show_seal(self, record_id: str) -> None:
        from ..common.words import local_time, reason_word

        try:
            check = self.services.records.seal_status(self.session.actor, record_id)
        except ConsentError as exc:
            self.seal_facts.setText(message_for(exc))
            return
        if not check.valid:
            text = self.tr("Seal NOT valid: %1").replace("%1", reason_word(check.reason))
        elif check.demo:
            text = self.tr("Demonstration seal (level %1): it proves nothing about a patient.").replace("%1", check.level)
        else:
            tz = self.services.settings.current().time_zone
            when = (self.tr("trusted time %1").replace("%1", local_time(check.trusted_time.isoformat(), tz))
                    if check.trusted_time else
                    self.tr("no trusted time (the signing time it states proves nothing)"))
            text = (self.tr("Seal valid, level %1; %2; signer: %3; trust anchor: %4")
                    .replace("%1", check.level).replace("%2", when).replace("%3", check.signer or "-")
                    .replace("%4", check.anchor or "-"))
        self.seal_facts.setText(text)
        self.seal_facts.setAccessibleName(text)

    # --- actions -------------------------------------------------------------------------------
    def print_record(self) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAccessibleName(self.tr("Print the record"))
        if dialog.exec() != QDialog.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        data, record_id, actor = self.data, self.record_id, self.session.actor
        self.print_button.setEnabled(False)

        def done(pages: int) -> None:
            self.print_button.setEnabled(True)
            try:
                self.services.records.printed(actor, record_id, copies=max(1, printer.copyCount()),
                                              printer=printer.printerName() or printer.outputFileName())
            except ConsentError as exc:
                self.error.show_message("error", message_for(exc))
                return
            self.notice.show_message("ok", self.tr("Sent to the printer."))
            self.printed.emit(pages)

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            self.error.show_message("error", message_for(exc))

        run_in_background(self, lambda: render_to_printer(data, printer), done, failed,
                          label=self.tr("Printing…"))

    def save_record(self) -> None:
        path = ask_save_path(self, self.tr("Save a copy"), f"{self.record_id}.pdf", self.tr("PDF files (*.pdf)"))
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            self.services.records.save_copy(self.session.actor, self.record_id, path)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return False
        # The path is isolated left to right: its slashes stay in place inside an Arabic sentence.
        self.notice.show_message("ok", self.tr("A copy was saved to %1").replace("%1", f"\u2066{path}\u2069"))
        return True

    def record_copy(self, given: bool) -> None:
        try:
            self.services.consent.record_copy(self.session.actor, self.record_id, given)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        for b in (self.copy_given, self.copy_declined):
            b.setEnabled(False)
        self.notice.show_message("ok", self.tr("Recorded: copy given to the patient.") if given
                                 else self.tr("Recorded: the patient declined a copy."))
