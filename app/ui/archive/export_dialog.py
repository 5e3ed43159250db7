"""Exporting a date range: one print-ready PDF (index sheet, then every record's pages) and a CSV
manifest, built by ``ExportService.export_range`` off the UI thread with a progress bar. Cancel stops
the job at the next record and the core removes its temporary files: nothing partial is left behind.
Administrators only (the service checks; the archive window shows the action to them alone).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from ..common.date_field import first_day_of_week
from ..common.file_dialogs import ask_save_path, documents_folder
from ..common.messages import message_for
from ..common.screen_fit import available
from ..common.widgets import Banner
from ..common.words import date_edit, iso, isolate
from ..common.worker import GeneratorDialog, GeneratorThread

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession


class ExportDialog(GeneratorDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, services: "DeskServices", session: "StaffSession", *, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.services, self.session = services, session
        self.thread: GeneratorThread | None = None
        self.job = None
        self.result = None
        self.setWindowTitle(self.tr("Export records"))
        self.setMinimumWidth(min(680, available(self).width() - 40))
        today = services.ctx.today()
        first_day = first_day_of_week(services.settings.current())
        self.date_from = date_edit(date_from or today.replace(day=1), self, first_day=first_day)
        self.date_to = date_edit(date_to or today, self, first_day=first_day)
        folder = folder or documents_folder()
        self.out = QLineEdit(str(folder / f"consents-{today.isoformat()}.pdf"), self)
        self.out.setObjectName("exportFile")
        self.out.setLayoutDirection(Qt.LeftToRight)
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.setAccessibleName(self.tr("Choose the export file"))
        self.browse.clicked.connect(self.choose_file)
        self.manifest = QCheckBox(self.tr("Also write a CSV &manifest beside it"), self)
        self.manifest.setChecked(True)
        self.check = QComboBox(self)
        self.check.addItem(self.tr("Full seal verification of every record"), "full")
        self.check.addItem(self.tr("Quick check against the archive's own hashes"), "archive")
        self.demo = QCheckBox(self.tr("Include training (demonstration) records"), self)
        self.demo.setChecked(False)  # an archive export is of real records unless asked

        form = QFormLayout()
        self.labels = {}
        for key, text, w in (("from", self.tr("&From"), self.date_from), ("to", self.tr("&To"), self.date_to),
                             ("check", self.tr("&Integrity check"), self.check)):
            label = QLabel(text, self)
            label.setBuddy(w)
            w.setAccessibleName(text.replace("&", ""))
            self.labels[key] = label
            form.addRow(label, w)
        file_row = QHBoxLayout()
        file_row.addWidget(self.out, 1)
        file_row.addWidget(self.browse)
        self.labels["file"] = QLabel(self.tr("&Save as"), self)
        self.labels["file"].setBuddy(self.out)
        self.out.setAccessibleName(self.tr("Save as"))
        form.addRow(self.labels["file"], file_row)
        form.addRow(self.manifest)
        form.addRow(self.demo)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(self.tr("Progress of the export"))
        self.progress.hide()
        self.banner = Banner(self)
        self.start_button = QPushButton(self.tr("&Export"), self)
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName(self.tr("Export"))
        self.start_button.clicked.connect(self.start)
        buttons = self.action_row(self.start_button)
        self.hint = QLabel(self.tr("The PDF starts with an index sheet (record, patient, date, integrity); the "
                                   "manifest lists the same with each record's hash."), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.hint)
        outer.addWidget(self.progress)
        outer.addWidget(self.banner)
        outer.addLayout(buttons)

    def choose_file(self) -> None:
        path = ask_save_path(self, self.tr("Export records"), self.out.text(), self.tr("PDF files (*.pdf)"))
        if path is not None:
            path = str(path)
            self.out.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def manifest_path(self) -> Path | None:
        return Path(self.out.text().strip()).with_suffix(".csv") if self.manifest.isChecked() else None

    def start(self) -> None:
        if self.busy:
            return
        self.banner.clear()
        self.result = None
        try:
            self.job = self.services.export.export_range(
                self.session.actor, iso(self.date_from), iso(self.date_to), Path(self.out.text().strip()),
                self.manifest_path(), check=self.check.currentData(), include_demo=self.demo.isChecked())
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.banner.show_message("error", message_for(exc))
            return
        if not self.job.items:
            self.banner.show_message("info", self.tr("No record was signed in these days; nothing was written."))
            return
        job = self.job
        # Counted in records, as the message at the end says; the last step puts the PDF together.
        self.progress.setRange(0, len(job.items))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m records"))
        self.progress.show()
        self._set_busy(True)
        self.thread = GeneratorThread(job.run, job.cancel, self)
        self.thread.step.connect(self._step)
        self.thread.succeeded.connect(self._done)
        self.thread.cancelled.connect(self._cancelled)
        self.thread.failed.connect(self._failed)
        self.thread.start()

    def _step(self, progress) -> None:
        records = len(self.job.items) if self.job is not None else 0
        self.progress.setValue(min(progress.done, records))
        if progress.done >= records:
            self.progress.setFormat(self.tr("%v of %m records; putting the PDF together…"))

    def _set_busy(self, busy: bool) -> None:
        for w in (self.start_button, self.date_from, self.date_to, self.out, self.browse, self.manifest,
                  self.check, self.demo):
            w.setEnabled(not busy)

    def _done(self) -> None:
        self._set_busy(False)
        r = self.job.result
        if r is None:  # cancelled between the last record and the end
            self._cancelled()
            return
        self.result = r
        text = self.tr("Exported %1 records (%2 pages) to %3. Valid: %4; not valid: %5.").replace(
            "%1", str(r.records)).replace("%2", str(r.pages)).replace("%3", isolate(str(r.pdf_path))).replace(
            "%4", str(r.valid)).replace("%5", str(r.invalid))
        self.banner.show_message("ok" if not r.invalid else "warning", text)
        self.work_done()
        self.exported.emit(r)

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.progress.hide()
        self.banner.show_message("info", self.tr("The export was cancelled; no file was written."))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.hide()
        self.banner.show_message("error", message_for(exc))
