"""Printing from the archive: the chosen records or every record of a date range, as one bundle with
an index sheet first (``ExportService.print_bundle``), sent to a system print queue (CUPS) or, when
there is none, to a printer chosen in Qt's print dialog. The bundle is built off the UI thread with a
progress bar and can be cancelled; the temporary bundle is removed afterwards; the print is audited
(``ArchiveService.printed``: one event per record, who, which printer, how many copies).
"""
from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..common.date_field import first_day_of_week
from ..common.messages import message_for
from ..common.screen_fit import available
from ..common.widgets import Banner
from ..common.words import date_edit, iso, isolate
from ..common.worker import GeneratorDialog, GeneratorThread
from .printing import QtPrinterBackend, detect_backend

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

log = logging.getLogger(__name__)
SYSTEM_DIALOG = "\x00qt"  # the combo's data for "another printer (Qt's print dialog)"


class PrintDialog(GeneratorDialog):
    printed = Signal(int)  # records printed

    def __init__(self, services: "DeskServices", session: "StaffSession", record_ids: list[str] | None = None, *,
                 date_from: dt.date | None = None, date_to: dt.date | None = None, backend="detect",
                 printer_factory: Callable[[], QPrinter | None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.services, self.session = services, session
        self.record_ids = list(record_ids or [])
        self.backend = detect_backend() if backend == "detect" else backend
        self.printer_factory = printer_factory or self._ask_printer
        self.thread: GeneratorThread | None = None
        self.job = None
        self.folder: Path | None = None
        self.result_records = 0
        self.setMinimumWidth(min(620, available(self).width() - 40))
        self.setWindowTitle(self.tr("Print records"))

        what = QGroupBox(self.tr("What to print"), self)
        self.chosen = QRadioButton(self.tr("The chosen records (%1)").replace("%1", str(len(self.record_ids))))
        self.chosen.setObjectName("printChosen")
        self.by_range = QRadioButton(self.tr("Every record signed between these days"))
        self.by_range.setObjectName("printRange")
        self.group = QButtonGroup(self)
        self.group.addButton(self.chosen)
        self.group.addButton(self.by_range)
        today = services.ctx.today()
        first_day = first_day_of_week(services.settings.current())
        self.date_from = date_edit(date_from or today, self, first_day=first_day)
        self.date_from.setAccessibleName(self.tr("From"))
        self.date_to = date_edit(date_to or today, self, first_day=first_day)
        self.date_to.setAccessibleName(self.tr("To"))
        days = QHBoxLayout()
        self.from_label, self.to_label = QLabel(self.tr("&From")), QLabel(self.tr("&To"))
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)
        for w in (self.from_label, self.date_from, self.to_label, self.date_to):
            days.addWidget(w)
        days.addStretch(1)
        box = QVBoxLayout(what)
        box.addWidget(self.chosen)
        box.addWidget(self.by_range)
        box.addLayout(days)
        self.chosen.setEnabled(bool(self.record_ids))
        (self.chosen if self.record_ids else self.by_range).setChecked(True)
        self.by_range.toggled.connect(self._scope_changed)
        self._scope_changed()

        self.printer = QComboBox(self)
        self.printer.setObjectName("printerChoice")
        self.printer.setAccessibleName(self.tr("Printer"))
        queues = self.backend.queues() if self.backend is not None else []
        for q in queues:
            self.printer.addItem(q, q)
        self.printer.addItem(self.tr("Another printer (choose in the print dialog)…"), SYSTEM_DIALOG)
        if queues:
            default = self.backend.default_queue()
            self.printer.setCurrentIndex(max(0, self.printer.findData(default)))
        self.copies = QSpinBox(self)
        self.copies.setObjectName("printCopies")
        self.copies.setRange(1, 20)
        self.copies.setAccessibleName(self.tr("Copies"))
        form = QFormLayout()
        self.printer_label, self.copies_label = QLabel(self.tr("&Printer")), QLabel(self.tr("&Copies"))
        self.printer_label.setBuddy(self.printer)
        self.copies_label.setBuddy(self.copies)
        form.addRow(self.printer_label, self.printer)
        form.addRow(self.copies_label, self.copies)
        self.hint = QLabel(self.tr("An index sheet (record, patient, date, integrity check) is printed first."))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        if not queues:
            self.hint.setText(self.hint.text() + " " + self.tr(
                "No system print queue was found; the print dialog will ask for the printer."))

        self.progress = QProgressBar(self)
        self.progress.setObjectName("printProgress")
        self.progress.setAccessibleName(self.tr("Progress of the print"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.banner = Banner(self)
        self.print_button = QPushButton(self.tr("&Print"), self)
        self.print_button.setObjectName("primary")
        self.print_button.setAccessibleName(self.tr("Print"))
        self.print_button.clicked.connect(self.start)
        buttons = self.action_row(self.print_button)

        outer = QVBoxLayout(self)
        outer.addWidget(what)
        outer.addLayout(form)
        outer.addWidget(self.hint)
        outer.addWidget(self.progress)
        outer.addWidget(self.banner)
        outer.addLayout(buttons)
        self.print_button.setDefault(True)

    def _scope_changed(self) -> None:
        for w in (self.date_from, self.date_to):
            w.setEnabled(self.by_range.isChecked())

    # ------------------------------------------------------------------ the work
    @staticmethod
    def _ask_printer(parent: QWidget) -> QPrinter | None:
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setAccessibleName(parent.windowTitle())
        return printer if dialog.exec() == QDialog.Accepted else None

    def start(self) -> None:
        """Choose the printer, build the bundle in the background, then send it."""
        if self.busy:
            return
        self.banner.clear()
        queue = self.printer.currentData()
        if queue == SYSTEM_DIALOG:
            printer = self.printer_factory(self)
            if printer is None:
                return
            backend, queue = QtPrinterBackend(printer), ""
            label = printer.printerName() or printer.outputFileName() or "printer"
        else:
            backend, label = self.backend, queue
        self.folder = Path(tempfile.mkdtemp(prefix="desk-print-"))
        try:
            if self.chosen.isChecked():
                self.job = self.services.export.print_bundle(self.session.actor, self.folder / "print.pdf",
                                                             record_ids=self.record_ids)
            else:
                self.job = self.services.export.print_bundle(self.session.actor, self.folder / "print.pdf",
                                                             date_from=iso(self.date_from), date_to=iso(self.date_to))
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self._cleanup()
            self.banner.show_message("error", message_for(exc))
            return
        if not self.job.items:
            self._cleanup()
            self.banner.show_message("info", self.tr("No record was signed in these days."))
            return
        job, copies = self.job, self.copies.value()
        title = f"consent-records-{len(job.items)}"
        sent: dict = {}

        def steps():
            for step in job.run():
                yield ("build", step)
            if job.result is None:
                return
            yield ("send", None)
            sent["ref"] = backend.submit(job.out_pdf, queue, copies, title)
            yield ("sent", sent["ref"])

        self.progress.setRange(0, job.total + 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Preparing %v of %m…"))
        self.progress.show()
        self._set_busy(True)
        self.thread = GeneratorThread(steps, job.cancel, self)
        self.thread.step.connect(self._step)
        self.thread.succeeded.connect(lambda: self._sent(job, label, copies))
        self.thread.cancelled.connect(self._cancelled)
        self.thread.failed.connect(self._failed)
        self.thread.start()

    def _step(self, item) -> None:
        what, value = item
        if what == "build":
            self.progress.setValue(value.done)
        elif what == "send":
            self.progress.setValue(self.progress.maximum() - 1)
            self.progress.setFormat(self.tr("Sending to the printer…"))
        else:
            self.progress.setValue(self.progress.maximum())

    def _sent(self, job, label: str, copies: int) -> None:
        ids = [i.record_id for i in job.items]
        try:
            self.services.archive.printed(self.session.actor, ids, printer=label, copies=copies)
        except Exception as exc:  # noqa: BLE001
            self._finish()
            self.banner.show_message("error", message_for(exc))
            return
        self.result_records = len(ids)
        self._finish()
        self.progress.setFormat(self.tr("Done"))
        result = job.result
        self.banner.show_message("ok", self.tr("Sent to %1: %2 records, %3 pages with the index sheet.")
                                 .replace("%1", isolate(label)).replace("%2", str(len(ids)))
                                 .replace("%3", str(result.pages)))
        self.work_done()
        self.printed.emit(len(ids))

    def _cancelled(self) -> None:
        self._finish()
        self.progress.hide()
        self.banner.show_message("info", self.tr("The print was cancelled; nothing was sent."))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.progress.hide()
        self.banner.show_message("error", message_for(exc))

    def _set_busy(self, busy: bool) -> None:
        for w in (self.print_button, self.printer, self.copies, self.chosen, self.by_range):
            w.setEnabled(not busy and (w is not self.chosen or bool(self.record_ids)))
        if busy:
            self.date_from.setEnabled(False)
            self.date_to.setEnabled(False)
        else:
            self._scope_changed()

    def _finish(self) -> None:
        self._set_busy(False)
        self._cleanup()

    def _cleanup(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
