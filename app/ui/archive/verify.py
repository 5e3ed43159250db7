"""Verifying one record, a selection or the whole archive, with a report: each record's result in
words (valid / not valid, why, and whether a later record superseded or withdrew it), a summary, and
the report saved as text. The check runs off the UI thread (``ArchiveService.verify_records`` is a
generator) and can be cancelled; the service audits the counts.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QLabel, QProgressBar, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.domain.errors import InvalidInput

from ..common.file_dialogs import ask_save_path
from ..common.messages import message_for
from ..common.screen_fit import fit_to_screen
from ..common.widgets import Banner
from ..common.words import reason_word, status_word
from ..common.worker import GeneratorDialog, GeneratorThread

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession


class VerifyDialog(GeneratorDialog):
    finished_checks = Signal(int, int)  # valid, not valid

    def __init__(self, services: "DeskServices", session: "StaffSession", record_ids: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.services, self.session = services, session
        self.record_ids = record_ids
        self.checks: list = []
        self.thread: GeneratorThread | None = None
        self.setWindowTitle(self.tr("Verify records"))
        fit_to_screen(self, QSize(900, 560))
        total = len(record_ids) if record_ids is not None else None
        self.scope = QLabel(self.tr("Checking every record of the archive.") if total is None else
                            self.tr("Checking %n record(s).", "", total), self)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Progress of the verification"))
        if total is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setFormat(self.tr("%v of %m"))
        self.report = QTreeWidget(self)
        self.report.setObjectName("verifyReport")
        self.report.setAccessibleName(self.tr("Verification report"))
        self.report.setRootIsDecorated(False)
        self.report.setAlternatingRowColors(True)
        self.report.setSelectionMode(QAbstractItemView.SingleSelection)
        self.report.setHeaderLabels([self.tr("Record"), self.tr("Result"), self.tr("Why"), self.tr("Later")])
        self.report.setColumnWidth(0, 200)
        self.report.setColumnWidth(1, 150)
        self.report.setColumnWidth(2, 360)
        self.summary = Banner(self)
        self.save_button = QPushButton(self.tr("&Save the report…"), self)
        self.save_button.setAccessibleName(self.tr("Save the report"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_report)
        buttons = self.action_row(self.save_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scope)
        outer.addWidget(self.progress)
        outer.addWidget(self.report, 1)
        outer.addWidget(self.summary)
        outer.addLayout(buttons)

    def start(self) -> None:
        if self.busy:
            return
        actor, ids = self.session.actor, self.record_ids
        self.checks = []
        self.report.clear()
        self.thread = GeneratorThread(lambda: self.services.archive.verify_records(actor, ids), None, self)
        self.thread.step.connect(self._add)
        self.thread.succeeded.connect(self._done)
        self.thread.cancelled.connect(self._done)
        self.thread.failed.connect(self._failed)
        self.thread.start()

    def _add(self, check) -> None:
        self.checks.append(check)
        later = ""
        if check.superseded_by:
            later = self.tr("Superseded by %1").replace("%1", check.superseded_by)
        elif check.withdrawn_by:
            later = self.tr("Withdrawn by %1").replace("%1", check.withdrawn_by)
        result = ("✔ " + self.tr("Valid")) if check.valid else ("✖ " + self.tr("NOT valid"))
        item = QTreeWidgetItem([check.record_id, result, reason_word(check.reason), later or status_word(check.status)])
        self.report.addTopLevelItem(item)
        if self.progress.maximum():
            self.progress.setValue(len(self.checks))

    def counts(self) -> tuple[int, int]:
        valid = sum(1 for c in self.checks if c.valid)
        return valid, len(self.checks) - valid

    def _done(self) -> None:
        valid, invalid = self.counts()
        self.progress.setRange(0, max(1, len(self.checks)))
        self.progress.setValue(len(self.checks))
        text = self.tr("%1 records checked: %2 valid, %3 not valid.").replace("%1", str(len(self.checks))).replace(
            "%2", str(valid)).replace("%3", str(invalid))
        if self.thread is not None and self.thread.outcome == "cancelled":
            text = self.tr("Stopped.") + " " + text
        self.summary.show_message("ok" if not invalid else "error", text)
        self.save_button.setEnabled(bool(self.checks))
        self.work_done()
        self.finished_checks.emit(valid, invalid)

    def _failed(self, exc: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.summary.show_message("error", message_for(exc))
        self.work_done()

    def report_text(self) -> str:
        valid, invalid = self.counts()
        lines = [c.line() for c in self.checks]
        lines.append(f"{len(self.checks)} records: {valid} valid, {invalid} invalid")
        return "\n".join(lines) + "\n"

    def save_report(self) -> None:
        path = ask_save_path(self, self.tr("Save the report"), "verification-report.txt", self.tr("Text files (*.txt)"))
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            path.write_text(self.report_text(), encoding="utf-8")
        except OSError:
            self.summary.show_message("error", message_for(InvalidInput("file_unwritable", "cannot write the report")))
            return False
        return True
